/**
 * Holding outcome_termination_split_fact (migration 0030) to the view it is kept from: the counts
 * the service reads against the view's plain count, and the table's rows against the view's rows.
 */
import { sql, type RawBuilder } from 'kysely'
import { expect } from 'vitest'
import type { Database } from '../../src/platform/db/index.ts'
import { MEASURES, type TerminationMeasure } from '../../src/domains/outcomes/measures.ts'
import type { Scope } from '../../src/platform/auth/actor.ts'
import {
  variationRepository,
  type CountFilter,
  type CountRow,
} from '../../src/domains/variation/repository.ts'
import { SPLITS } from '../../src/domains/variation/splits.ts'
import { SPLIT_COLUMNS, splitColumn } from '../../src/migrations/0025_1_outcome_split_rollup.ts'

export const TODAY = '2026-03-02'
export const PERIOD = { from: '2023-04-01', to: '2026-03-31', today: TODAY }
export const TERMINATION_MEASURES: TerminationMeasure[] = MEASURES.flatMap((m) =>
  m.type === 'termination' ? [m] : [],
)

const sorted = (rows: CountRow[]) =>
  [...rows].sort((x, y) => `${x.a}|${x.b}|${x.quarter}`.localeCompare(`${y.a}|${y.b}|${y.quarter}`))

export function terminationChecks(db: Database) {
  const repo = variationRepository(db)

  /** The counts as the service reads them (the coded table) against the view's plain count. */
  async function compare(f: CountFilter, what: string) {
    const [coded, plain] = await Promise.all([repo.counts(f), repo.counts({ ...f, factsOnly: true })])
    expect(sorted(coded), what).toEqual(sorted(plain))
    return plain.length
  }

  /** Every termination measure by each set of splits (indexes into SPLITS), in each scope. */
  async function compareAll(splitSets: number[][], scopes: Scope[], what: string) {
    let compared = 0
    for (const measure of TERMINATION_MEASURES)
      for (const scope of scopes)
        for (const set of splitSets)
          compared += await compare(
            { measure, splits: set.map((i) => SPLITS[i]!), ...PERIOD, scope },
            `${what}: ${measure.key} by ${set.map((i) => SPLITS[i]!.key).join(' × ') || 'nothing'} (${scope.level})`,
          )
    return compared
  }

  /**
   * The table's rows with their codes read back as labels, against the view's rows: each row of one
   * is a row of the other (`except all` both ways), so no termination is missing, extra or in a
   * group it is no longer in.
   */
  async function expectRowsOfTheView(what: string) {
    const labelled = sql`select case when f.programme then 'programme' else 'supervision_order' end as source, f.id, f.person_id, f.terminated_on, f.met, f.sexual_offending,
        a.region_code, a.pdu_code, a.prison_code, nullif(a.local_authority_code, '') as local_authority_code,
        date_trunc('quarter', f.terminated_on::timestamp)::date = f.terminated_quarter as quarter_right,
        ${sql.join(SPLIT_COLUMNS.map((s) => sql.ref(`c_${s}.label`)))}
      from outcome_termination_split_fact f
      join outcome_split_area a on a.id = f.area
      ${sql.join(
        SPLIT_COLUMNS.map(
          (s) =>
            sql`join outcome_split_code ${sql.id(`c_${s}`)} on ${sql.ref(`c_${s}.id`)} = ${sql.ref(`f.${s}`)}`,
        ),
        sql` `,
      )}`
    const viewed = sql`select d.source, d.id, d.person_id, d.terminated_on, d.met, d.sexual_offending,
        d.region_code, d.pdu_code, d.prison_code, d.local_authority_code, true,
        ${sql.join(SPLIT_COLUMNS.map((s) => sql.ref(splitColumn(s))))}
      from outcome_termination_split d`
    expect({ what, ...(await difference(viewed, labelled)) }).toEqual({ what, missing: 0, extra: 0 })
    // And the roll-up is those rows counted (rows taken back to zero are groups with none in them).
    const rolled = sql`select programme, split, terminated_quarter, region_code, grp, sexual_offending, met, cnt
      from outcome_termination_split_rollup where cnt <> 0`
    const rows = sql`select f.programme, s.split, f.terminated_quarter, a.region_code, s.grp, f.sexual_offending,
        f.met, count(*)::int
      from outcome_termination_split_fact f join outcome_split_area a on a.id = f.area
      cross join lateral (values ${sql.join(SPLIT_COLUMNS.map((c) => sql`(${c}::text, ${sql.ref(`f.${c}`)})`))}) as s(split, grp)
      group by 1, 2, 3, 4, 5, 6, 7`
    expect({ what: `${what}, roll-up`, ...(await difference(rows, rolled)) }).toEqual({
      what: `${what}, roll-up`,
      missing: 0,
      extra: 0,
    })
  }

  /** Rows of `a` not in `b` and of `b` not in `a`, duplicates counted. */
  async function difference(a: RawBuilder<unknown>, b: RawBuilder<unknown>) {
    const count = async (x: RawBuilder<unknown>, y: RawBuilder<unknown>) =>
      Number(
        (await sql<{ n: string }>`select count(*) as n from (${x} except all ${y}) d`.execute(db)).rows[0]?.n,
      )
    return { missing: await count(a, b), extra: await count(b, a) }
  }

  return { repo, compare, compareAll, expectRowsOfTheView }
}

/**
 * The termination measures split (issue 14; domain.md section 10): orders and licences ended with
 * their requirements complete, and sexual offending programmes completed. A termination's period is
 * the quarter it ended in; every termination is in the denominator and there is no unknown status.
 *
 * Counted from the tables of migration 0030, kept by triggers: one split within a national or
 * regional scope from outcome_termination_split_rollup for the quarters before today's, the rest
 * from outcome_termination_split_fact (each ended order, licence and programme with every split's
 * group as a small integer code: one range of its primary key, read from the index alone, and a
 * hash aggregate on the codes, turned back into labels once counted). The view they are kept from
 * (outcome_termination_split, 0026) is the plain count they are held to (`factsOnly`).
 */
import { sql, type RawBuilder } from 'kysely'
import { episodeInScope } from '../../platform/auth/scope.ts'
import type { Database } from '../../platform/db/index.ts'
import type { TerminationMeasure } from '../outcomes/measures.ts'
import {
  inGroups,
  quarterOf,
  rollupRegion,
  type BehindRow,
  type CountFilter,
  type CountRow,
} from './count-filter.ts'
import type { Split } from './splits.ts'

type Filter = Omit<CountFilter<TerminationMeasure>, 'splits'>

/** The terminations of the measure in the period that the scope can see, from the view, as d. */
function ended(f: Filter): RawBuilder<unknown> {
  return sql`outcome_termination_split d
    where d.source = ${f.measure.table}
      ${f.measure.filterColumn ? sql`and ${sql.ref(`d.${f.measure.filterColumn}`)}` : sql``}
      and d.terminated_on between ${f.from}::date and ${f.to}::date
      and d.terminated_on <= ${f.today}::date
      and ${episodeInScope(f.scope, 'd')}
      ${f.region ? sql`and d.region_code = ${f.region}` : sql``}
      ${f.pdu ? sql`and d.pdu_code = ${f.pdu}` : sql``}`
}

/**
 * The same terminations in outcome_termination_split_fact, as f: the scope is the one scope
 * predicate on the areas the rows are coded by (the order's region and PDU, the release's prison
 * and local authority, as the view has them); a region or PDU chosen narrows those areas too.
 */
function coded(f: Filter): RawBuilder<unknown> {
  const narrowed = f.scope.level !== 'national' || f.region || f.pdu
  return sql`outcome_termination_split_fact f
    where f.programme = ${f.measure.table === 'programme'}
      ${f.measure.filterColumn ? sql`and ${sql.ref(`f.${f.measure.filterColumn}`)}` : sql``}
      and f.terminated_on between ${f.from}::date and ${f.to}::date
      and f.terminated_on <= ${f.today}::date
      ${
        narrowed
          ? sql`and f.area in (select d.id from outcome_split_area d where ${episodeInScope(f.scope, 'd')}
        ${f.region ? sql`and d.region_code = ${f.region}` : sql``}
        ${f.pdu ? sql`and d.pdu_code = ${f.pdu}` : sql``})`
          : sql``
      }`
}

const code = (s: Split | undefined) => (s ? sql.ref(`f.${s.key}`) : sql`null::smallint`)

/** Counts of the terminations from `from` on, from the coded rows, as (a, b, quarter, n, d). */
function codedCounts(f: CountFilter<TerminationMeasure>, from: string): RawBuilder<unknown> {
  const [a, b] = f.splits
  return sql`
    select coalesce(ca.label, '*') as a, coalesce(cb.label, '*') as b, c.quarter, c.n, c.d
    from (
      select ${code(a)} as a, ${code(b)} as b, f.terminated_quarter as quarter,
        count(*) filter (where f.met) as n, count(*) as d
      from ${coded({ ...f, from })}
      group by 1, 2, 3
    ) c
    left join outcome_split_code ca on ca.id = c.a
    left join outcome_split_code cb on cb.id = c.b`
}

/**
 * Counts as (a, b, quarter, n, d): one split (or none) in a national or regional scope from the
 * roll-up for the quarters before today's (no day of them is after today, so the rule that a
 * termination counts once it has ended takes nothing out of them); the rest, and anything else,
 * from the coded rows.
 */
function counted(f: CountFilter<TerminationMeasure>): RawBuilder<unknown> {
  const [a] = f.splits
  const fits = rollupRegion(f)
  const partial = quarterOf(f.today)
  if (!fits || partial <= f.from) return codedCounts(f, f.from)
  // A group taken back to zero is no termination: the rows would show no group for it.
  const rollup = sql`
    select ${a ? sql`coalesce(c.label, '*')` : sql`'*'`} as a, '*' as b, r.terminated_quarter as quarter,
      coalesce(sum(r.cnt) filter (where r.met), 0) as n, sum(r.cnt) as d
    from outcome_termination_split_rollup r
    left join outcome_split_code c on c.id = r.grp
    where r.programme = ${f.measure.table === 'programme'} and r.split = ${a ? a.key : 'region'}
      ${f.measure.filterColumn ? sql`and ${sql.ref(`r.${f.measure.filterColumn}`)}` : sql``}
      and r.terminated_quarter between ${f.from}::date and ${f.to}::date and r.terminated_quarter < ${partial}::date
      ${fits.region ? sql`and r.region_code = ${fits.region}` : sql``}
    group by 1, 2, 3
    having sum(r.cnt) > 0`
  if (partial > f.to) return rollup
  return sql`${rollup} union all ${codedCounts(f, partial)}`
}

export async function terminationCounts(
  db: Database,
  f: CountFilter<TerminationMeasure>,
): Promise<CountRow[]> {
  const [a, b] = f.splits
  const r = f.factsOnly
    ? await sql<{ a: string; b: string; quarter: string; n: string; d: string }>`
        select ${a ? a.expr : sql`'*'`} as a, ${b ? b.expr : sql`'*'`} as b,
          date_trunc('quarter', d.terminated_on::timestamp)::date::text as quarter,
          count(*) filter (where d.met) as n, count(*) as d
        from ${ended(f)}
        group by 1, 2, 3`.execute(db)
    : await sql<{ a: string; b: string; quarter: string; n: string; d: string }>`
        select c.a, c.b, c.quarter::text as quarter, c.n, c.d from (${counted(f)}) c`.execute(db)
  return r.rows.map((x) => ({
    a: x.a,
    b: x.b,
    quarter: x.quarter,
    numerator: Number(x.n),
    denominator: Number(x.d),
    unknown: 0,
  }))
}

/**
 * The terminations behind one figure, in the shape of the releases behind a release figure: the
 * figure's rows of outcome_termination_split_fact, each group matched by its code.
 */
export async function terminationsBehind(
  db: Database,
  f: CountFilter<TerminationMeasure> & { groups: readonly string[]; limit: number; offset: number },
) {
  const r = f.factsOnly
    ? await sql<BehindRow>`
        select d.person_id, p.given_name, p.family_name, d.terminated_on::text as release_date,
          d.region_code, d.pdu_code, d.prison_code,
          case when d.met then 'numerator' else 'denominator' end as counted, count(*) over () as total
        from (select * from ${ended(f)} ${inGroups(f.splits, f.groups)}) d
        join person p on p.id = d.person_id
        order by d.terminated_on, p.family_name, d.person_id
        limit ${f.limit} offset ${f.offset}`.execute(db)
    : await sql<BehindRow>`
        select f.person_id, p.given_name, p.family_name, f.terminated_on::text as release_date,
          d.region_code, d.pdu_code, d.prison_code,
          case when f.met then 'numerator' else 'denominator' end as counted, count(*) over () as total
        from (select * from ${coded(f)}
          ${sql.join(
            f.splits.map(
              (s, i) =>
                sql`and ${code(s)} = (select k.id from outcome_split_code k where k.label = ${f.groups[i] ?? ''})`,
            ),
            sql` `,
          )}) f
        join outcome_split_area d on d.id = f.area
        join person p on p.id = f.person_id
        order by f.terminated_on, p.family_name, f.person_id
        limit ${f.limit} offset ${f.offset}`.execute(db)
  return { rows: r.rows, total: Number(r.rows[0]?.total ?? 0) }
}

import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db.ts'
import { TODAY } from '../../../test/support/app.ts'
import { LONDON, MANCHESTER } from '../../../test/support/builders/common.ts'
import { MEASURES, type TerminationMeasure } from '../outcomes/measures.ts'
import {
  licence,
  programme,
  refreshAllOutcomes,
  releaseContext,
  releasedPerson,
  statusEvent,
} from '../../../test/support/builders/outcomes.ts'
import { variationRepository, type CountFilter, type CountRow, type ReleaseMeasure } from './repository.ts'
import { SPLITS } from './splits.ts'

const { db } = await testDatabase()
const repo = variationRepository(db)

const day = (base: string, days: number) =>
  new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
const sorted = (rows: CountRow[]) =>
  [...rows].sort((x, y) => `${x.a}|${x.b}|${x.quarter}`.localeCompare(`${y.a}|${y.b}|${y.quarter}`))
const RELEASE_MEASURES: ReleaseMeasure[] = MEASURES.flatMap((m) => (m.type === 'termination' ? [] : [m]))
const TERMINATION_MEASURES: TerminationMeasure[] = MEASURES.flatMap((m) =>
  m.type === 'termination' ? [m] : [],
)

/**
 * Every termination measure by every split (issue 14), nationally and for each region: each ended
 * order or programme is in exactly one group of each split, so each quarter's groups add up to the
 * terminations counted straight from the measure's table; and the sex and region splits give each
 * group what the table joined to the person gives it.
 */
async function expectTerminationSplits() {
  let compared = 0
  for (const measure of TERMINATION_MEASURES) {
    const filter = measure.filterColumn ? sql`and t.sexual_offending` : sql``
    for (const region of [undefined, LONDON.region, MANCHESTER.region]) {
      const direct = await sql<{ quarter: string; sex: string; region: string; n: number; d: number }>`
        select date_trunc('quarter', t.terminated_on::timestamp)::date::text as quarter,
          case p.sex when 'male' then 'Male' when 'female' then 'Female' else 'Not stated' end as sex,
          t.region_code as region,
          (count(*) filter (where ${sql.ref(`t.${measure.numeratorColumn}`)}))::int as n, count(*)::int as d
        from ${sql.table(measure.table)} t join person p on p.id = t.person_id
        where t.terminated_on between '2024-01-01' and '2026-12-31' and t.terminated_on <= ${TODAY}::date
          ${filter} ${region ? sql`and t.region_code = ${region}` : sql``}
        group by 1, 2, 3`.execute(db)
      const add = (rows: { quarter: string; a: string; n: number; d: number }[]) => {
        const out = new Map<string, { n: number; d: number }>()
        for (const r of rows) {
          const k = `${r.a}|${r.quarter}`
          const was = out.get(k) ?? { n: 0, d: 0 }
          out.set(k, { n: was.n + r.n, d: was.d + r.d })
        }
        return Object.fromEntries([...out].sort(([x], [y]) => x.localeCompare(y)))
      }
      const expected = {
        '*': add(direct.rows.map((r) => ({ ...r, a: '*' }))),
        sex: add(direct.rows.map((r) => ({ ...r, a: r.sex }))),
        region: add(direct.rows.map((r) => ({ ...r, a: r.region }))),
      }
      expect(direct.rows.length, `${measure.key} has terminations to split`).toBeGreaterThan(0)
      for (const split of [...SPLITS, undefined]) {
        const rows = await repo.counts({
          measure,
          splits: split ? [split] : [],
          from: '2024-01-01',
          to: '2026-12-31',
          today: TODAY,
          scope: region ? { level: 'region', regionCode: region } : { level: 'national' },
        })
        const got = (a: (r: CountRow) => string) =>
          add(rows.map((r) => ({ quarter: r.quarter, a: a(r), n: r.numerator, d: r.denominator })))
        const what = `${measure.key} by ${split?.key ?? 'nothing'} in ${region ?? 'England and Wales'}`
        expect(
          got(() => '*'),
          what,
        ).toEqual(expected['*'])
        if (split?.key === 'sex' || split?.key === 'region')
          expect(
            got((r) => r.a),
            what,
          ).toEqual(expected[split.key])
        expect(rows.every((r) => r.unknown === 0)).toBe(true)
        compared += rows.length
      }
    }
  }
  expect(compared).toBeGreaterThan(100)
}

/** Every release measure by every split (and none), nationally and for each region: rollup = facts. */
async function expectRollupEqualsFacts() {
  let compared = 0
  for (const measure of RELEASE_MEASURES) {
    for (const split of [...SPLITS, undefined]) {
      for (const scope of [
        { level: 'national' as const },
        { level: 'region' as const, regionCode: LONDON.region },
        { level: 'region' as const, regionCode: MANCHESTER.region },
      ]) {
        const f: CountFilter = {
          measure,
          splits: split ? [split] : [],
          from: '2024-01-01',
          to: '2026-12-31',
          today: TODAY,
          scope,
        }
        const [rollup, facts] = await Promise.all([repo.counts(f), repo.counts({ ...f, factsOnly: true })])
        expect(sorted(rollup), `${measure.key} by ${split?.key ?? 'nothing'}, ${scope.level}`).toEqual(
          sorted(facts),
        )
        compared += facts.length
      }
    }
  }
  expect(compared).toBeGreaterThan(500)
}

describe('the split rollup (migration 0025_1)', () => {
  it('counts what the facts count, and follows corrections to the groups', { timeout: 180_000 }, async () => {
    // A small seeded generator (Park-Miller), so the histories are the same on every run.
    let seed = 20261128
    const rng = () => (seed = (seed * 48271) % 2147483647) / 2147483647
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T
    const people: { id: string; episodeId: string }[] = []
    for (let i = 0; i < 70; i++) {
      const who = await releasedPerson(
        db,
        rng() < 0.5 ? LONDON : MANCHESTER,
        day('2024-02-01', Math.floor(rng() * 900)),
      )
      people.push(who)
      await sql`update person set sex = ${pick(['male', 'female'])}, ethnic_group_code = ${pick(['A1', 'B1', 'W1', null])},
        date_of_birth = ${day('1960-01-01', Math.floor(rng() * 15000))}::date where id = ${who.id}`.execute(
        db,
      )
      await sql`update custody_episode set sentence_length_band = ${pick(['under_12_months', '4_years_or_more'])}
        where id = ${who.episodeId}`.execute(db)
      if (rng() < 0.6)
        await sql`insert into pathway_assessment (custody_episode_id, person_id, pathway, status, question_set_version)
          values (${who.episodeId}, ${who.id}, 'ACCOMMODATION', ${pick(['support_required', 'done', 'support_declined'])}, 1)`.execute(
          db,
        )
      if (rng() < 0.2) await releaseContext(db, who.episodeId, { treatment_need: true, rotl: rng() < 0.2 })
      const released = (
        await sql<{
          d: string
        }>`select actual_release_date::text as d from custody_episode where id = ${who.episodeId}`.execute(db)
      ).rows[0]!.d
      // The terminations of issue 14's termination measures: licences of these releases (some
      // ended with requirements complete) and programmes (some sexual offending, some completed).
      const place = rng() < 0.5 ? LONDON : MANCHESTER
      const endOn = day(released, 30 + Math.floor(rng() * 300))
      if (rng() < 0.7 && endOn <= TODAY)
        await licence(db, who, place, released, { on: endOn, reason: 'completed', complete: rng() < 0.7 })
      if (rng() < 0.6 && endOn <= TODAY)
        await programme(db, who.id, place, day(released, 10), rng() < 0.6, {
          on: endOn,
          completed: rng() < 0.6,
        })
      for (let k = 0; k < 4; k++) {
        const at = day(released, Math.floor(rng() * 200))
        if (at > TODAY) continue
        const value = pick([
          { accommodation: pick(['A01C', 'A08A', 'A02']) },
          { employment: pick(['employed_full_time', 'unemployed_available']) },
          { treatment: pick(['referred', 'engaged']) },
        ])
        await statusEvent(db, who, at, value)
      }
    }
    const rows = await sql<{
      n: number
    }>`select count(*)::int as n from outcome_split_rollup where cnt > 0`.execute(db)
    expect(rows.rows[0]!.n).toBeGreaterThan(0)
    await expectRollupEqualsFacts()
    await expectTerminationSplits()

    // Corrections to what the groups are made of: the rollup moves with them.
    // Each kind apart, so each trigger is seen to do its part.
    for (const who of people.slice(0, 10))
      await sql`update person set sex = case sex when 'male' then 'female' else 'male' end,
        ethnic_group_code = 'M1', date_of_birth = date_of_birth - 3650 where id = ${who.id}`.execute(db)
    for (const who of people.slice(10, 20))
      await sql`insert into pathway_assessment (custody_episode_id, person_id, pathway, status, question_set_version)
        values (${who.episodeId}, ${who.id}, 'ACCOMMODATION', 'in_progress', 1)
        on conflict (custody_episode_id, pathway) do update set status = 'support_not_required'`.execute(db)
    for (const who of people.slice(20, 30))
      await sql`update custody_episode set sentence_length_band = '12_months_to_under_4_years',
        pdu_code = ${LONDON.pdu}, region_code = ${LONDON.region} where id = ${who.episodeId}`.execute(db)
    await expectRollupEqualsFacts()
    await expectTerminationSplits()
    // And the groups are those of the records now: recomputing every release changes nothing.
    const before = await snapshot()
    await refreshAllOutcomes(db)
    expect(await snapshot()).toEqual(before)
  })
})

async function snapshot() {
  const groups = await sql`select * from outcome_release_split order by person_id, release_date`.execute(db)
  const counts = await sql`select * from outcome_split_rollup where cnt <> 0
    order by checkpoint, split, release_quarter, region_code, grp, excluded, value, treatment_need`.execute(
    db,
  )
  return { groups: groups.rows, counts: counts.rows }
}

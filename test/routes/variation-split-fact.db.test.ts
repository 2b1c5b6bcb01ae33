import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../support/db.ts'
import { generateDemoData } from '../../src/demo/generator.ts'
import { MEASURES } from '../../src/domains/outcomes/measures.ts'
import type { Scope } from '../../src/platform/auth/actor.ts'
import {
  variationRepository,
  type CountFilter,
  type CountRow,
  type ReleaseMeasure,
} from '../../src/domains/variation/repository.ts'
import { SPLITS } from '../../src/domains/variation/splits.ts'
import { rebuildVariationFacts } from '../../src/domains/variation/index.ts'

const { db } = await testDatabase()
const repo = variationRepository(db)
const TODAY = '2026-03-02'
const RELEASE_MEASURES: ReleaseMeasure[] = MEASURES.flatMap((m) => (m.type === 'termination' ? [] : [m]))

const sorted = (rows: CountRow[]) =>
  [...rows].sort((x, y) => `${x.a}|${x.b}|${x.quarter}`.localeCompare(`${y.a}|${y.b}|${y.quarter}`))

/** The counts as the service reads them against the plain count of outcome_fact (factsOnly). */
async function compare(f: CountFilter, what: string) {
  const [coded, plain] = await Promise.all([repo.counts(f), repo.counts({ ...f, factsOnly: true })])
  expect(sorted(coded), what).toEqual(sorted(plain))
  return plain.length
}

const period = { from: '2023-04-01', to: '2026-03-31', today: TODAY }

async function snapshot() {
  const rows =
    await sql`select * from outcome_split_fact order by checkpoint, release_date, person_id`.execute(db)
  return rows.rows
}

describe('outcome_split_fact (migration 0028)', () => {
  let areas: { region: string; pdu: string; prison: string; la: string }
  beforeAll(async () => {
    await generateDemoData(db, { people: 400, seed: 14, password: 'demo-password-2026', today: TODAY })
    const r = await sql<{ region: string; pdu: string; prison: string; la: string }>`
      select region_code as region, pdu_code as pdu, prison_code as prison, local_authority_code as la
      from outcome_release_split where local_authority_code is not null
      group by 1, 2, 3, 4 order by count(*) desc limit 1`.execute(db)
    areas = r.rows[0]!
  }, 600_000)

  it(
    'counts every pair of splits as the facts joined to the release groups do',
    { timeout: 600_000 },
    async () => {
      let compared = 0
      for (const measure of RELEASE_MEASURES)
        for (const [i, a] of SPLITS.entries())
          for (const b of SPLITS.slice(i + 1))
            compared += await compare(
              { measure, splits: [a, b], ...period, scope: { level: 'national' } },
              `${measure.key} by ${a.key} × ${b.key}`,
            )
      // Enough cells that a wrong code, area or state would show.
      expect(compared).toBeGreaterThan(5_000)
    },
  )

  it(
    'applies every scope, and a region or PDU chosen, to every aggregate',
    { timeout: 600_000 },
    async () => {
      const scopes: Scope[] = [
        { level: 'region', regionCode: areas.region },
        { level: 'pdu', pduCode: areas.pdu },
        { level: 'prison', prisonCode: areas.prison },
        { level: 'council', localAuthorityCode: areas.la },
      ]
      let compared = 0
      for (const measure of RELEASE_MEASURES) {
        for (const scope of scopes) {
          for (const splits of [[SPLITS[0]], [SPLITS[1], SPLITS[3]], [SPLITS[6], SPLITS[9]]])
            compared += await compare(
              { measure, splits, ...period, scope },
              `${measure.key} in ${scope.level}`,
            )
        }
        compared += await compare(
          {
            measure,
            splits: [SPLITS[4], SPLITS[8]],
            ...period,
            scope: { level: 'national' },
            pdu: areas.pdu,
          },
          `${measure.key} in a PDU chosen`,
        )
        compared += await compare(
          { measure, splits: [SPLITS[0]], ...period, scope: { level: 'national' }, region: areas.region },
          `${measure.key} in a region chosen`,
        )
      }
      // A scope that sees no episode sees no counts.
      const none = await repo.counts({
        measure: RELEASE_MEASURES[0]!,
        splits: [SPLITS[0], SPLITS[1]],
        ...period,
        scope: { level: 'health', organisationId: '00000000-0000-0000-0000-000000000000' },
      })
      expect(none).toEqual([])
      expect(compared).toBeGreaterThan(200)
    },
  )

  it('follows the records, and a rebuild gives the same rows', { timeout: 600_000 }, async () => {
    const rows = await snapshot()
    expect(rows.length).toBeGreaterThan(1_000)
    // Corrections to the groups and new statuses: each refreshes the releases' facts.
    const people = await sql<{ id: string }>`select distinct person_id as id from outcome_release_split
      order by person_id limit 30`.execute(db)
    for (const p of people.rows.slice(0, 10))
      await sql`update person set sex = case sex when 'male' then 'female' else 'male' end,
        ethnic_group_code = 'M1', date_of_birth = date_of_birth - 3650 where id = ${p.id}`.execute(db)
    for (const p of people.rows.slice(10, 20))
      await sql`insert into pathway_assessment (custody_episode_id, person_id, pathway, status, question_set_version)
        select e.id, e.person_id, 'ACCOMMODATION', 'in_progress', 1 from custody_episode e
        where e.person_id = ${p.id} and e.actual_release_date is not null
        on conflict (custody_episode_id, pathway) do update set status = 'support_declined'`.execute(db)
    for (const p of people.rows.slice(20, 30))
      await sql`update custody_episode set sentence_length_band = '4_years_or_more'
        where person_id = ${p.id} and actual_release_date is not null`.execute(db)
    const after = await snapshot()
    expect(after).not.toEqual(rows)
    for (const measure of RELEASE_MEASURES)
      for (const splits of [
        [SPLITS[0], SPLITS[1]],
        [SPLITS[3], SPLITS[9]],
        [SPLITS[4], SPLITS[5]],
      ])
        await compare(
          { measure, splits, ...period, scope: { level: 'national' } },
          `${measure.key} after corrections`,
        )
    // The bulk path: every row again from outcome_fact, the same rows.
    await rebuildVariationFacts(db)
    expect(await snapshot()).toEqual(after)
  })
})

import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../support/db.ts'
import { PERIOD, TERMINATION_MEASURES, TODAY, terminationChecks } from '../support/termination-split.ts'
import { generateDemoData } from '../../src/demo/generator.ts'
import type { Scope } from '../../src/platform/auth/actor.ts'
import { SPLITS } from '../../src/domains/variation/splits.ts'

const { db } = await testDatabase()
const { repo, compare, compareAll, expectRowsOfTheView } = terminationChecks(db)

describe('outcome_termination_split_fact (migration 0030) after a demo load', () => {
  let areas: { region: string; pdu: string; prison: string; la: string }
  beforeAll(async () => {
    // The load switches the table's triggers off and fills it once (bulk-session.ts).
    await generateDemoData(db, { people: 400, seed: 30, password: 'demo-password-2026', today: TODAY })
    const r = await sql<{ region: string; pdu: string; prison: string; la: string }>`
      select a.region_code as region, a.pdu_code as pdu, a.prison_code as prison, a.local_authority_code as la
      from outcome_termination_split_fact f join outcome_split_area a on a.id = f.area
      where a.local_authority_code <> '' group by 1, 2, 3, 4 order by count(*) desc limit 1`.execute(db)
    areas = r.rows[0]!
  }, 600_000)

  it('holds every ended licence and programme, coded as the view groups it', async () => {
    await expectRowsOfTheView('after the load')
    const n = await sql<{ rows: number; sexual: number }>`select count(*)::int as rows,
        (count(*) filter (where f.sexual_offending))::int as sexual
      from outcome_termination_split_fact f`.execute(db)
    expect(n.rows[0]!.rows).toBeGreaterThan(100)
    expect(n.rows[0]!.sexual).toBeGreaterThan(0)
  })

  it(
    'counts every termination measure by every split and pair of splits as the view does',
    { timeout: 600_000 },
    async () => {
      const pairs = SPLITS.flatMap((_, i) => SPLITS.slice(i + 1).map((__, j) => [i, i + 1 + j]))
      const sets = [[], ...SPLITS.map((_, i) => [i]), ...pairs]
      expect(sets).toHaveLength(1 + 10 + 45)
      // Enough cells that a wrong code or area would show.
      expect(await compareAll(sets, [{ level: 'national' }], 'national')).toBeGreaterThan(2_000)
    },
  )

  it('applies every scope, and a region or PDU chosen, to every count', { timeout: 600_000 }, async () => {
    const scopes: Scope[] = [
      { level: 'region', regionCode: areas.region },
      { level: 'pdu', pduCode: areas.pdu },
      { level: 'prison', prisonCode: areas.prison },
      { level: 'council', localAuthorityCode: areas.la },
    ]
    let compared = await compareAll([[0], [1, 3], [6, 9], [4, 8]], scopes, 'scoped')
    for (const measure of TERMINATION_MEASURES) {
      compared += await compare(
        { measure, splits: [SPLITS[4], SPLITS[8]], ...PERIOD, scope: { level: 'national' }, pdu: areas.pdu },
        `${measure.key} in a PDU chosen`,
      )
      compared += await compare(
        { measure, splits: [SPLITS[0]], ...PERIOD, scope: { level: 'national' }, region: areas.region },
        `${measure.key} in a region chosen`,
      )
    }
    expect(compared).toBeGreaterThan(100)
    // A scope that sees no episode sees no counts.
    const none = await repo.counts({
      measure: TERMINATION_MEASURES[0]!,
      splits: [SPLITS[0], SPLITS[1]],
      ...PERIOD,
      scope: { level: 'health', organisationId: '00000000-0000-0000-0000-000000000000' },
    })
    expect(none).toEqual([])
  })

  it('lists the terminations behind a figure as the view does', async () => {
    for (const measure of TERMINATION_MEASURES) {
      const scope = { level: 'region' as const, regionCode: areas.region }
      const splits = [SPLITS[0], SPLITS[9]]
      // The largest cell of the region's sex × accommodation need table.
      const cells = await repo.counts({ measure, splits, ...PERIOD, scope })
      const cell = cells.sort((x, y) => y.denominator - x.denominator)[0]!
      const f = { measure, splits, groups: [cell.a, cell.b], ...PERIOD, scope, limit: 1_000, offset: 0 }
      const [coded, plain] = await Promise.all([repo.releases(f), repo.releases({ ...f, factsOnly: true })])
      const key = (r: { person_id: string; release_date: string; counted: string }) =>
        `${r.person_id}|${r.release_date}|${r.counted}`
      expect(plain.total).toBeGreaterThan(0)
      expect(coded.rows.map(key).sort()).toEqual(plain.rows.map(key).sort())
      expect(coded.total).toBe(plain.total)
    }
  })
})

import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db.ts'
import { buildContext, LONDON, MANCHESTER } from '../../../test/support/builders/common.ts'
import { auditLog } from '../../platform/audit/audit-log.ts'
import { Forbidden, NotFound } from '../../platform/errors.ts'
import { insertSyntheticReleases } from '../../../test/support/builders/evaluation.ts'
import { parseIdentifierList } from './identifier-list.ts'
import { evaluationRepository } from './repository.ts'
import { evaluationService } from './service.ts'
import type { EvaluationRequest } from './schemas.ts'

const { db } = await testDatabase()
const service = evaluationService(evaluationRepository(db), auditLog(db), {
  today: () => '2026-11-22',
  disclosure: { threshold: 5 },
})
const base: Omit<EvaluationRequest, 'treatment'> = {
  name: 'Thinking Skills in 2023',
  from: '2023-01-01',
  to: '2023-12-31',
  caliper: 0.2,
  k: 1,
  seed: 7,
  minMatchedTreated: 60,
}
const programme: EvaluationRequest['treatment'] = { services: { programme: 'started', combine: 'any' } }

async function run(id: string) {
  while ((await service.runNext()) !== null) {
    /* drain */
  }
  return id
}

beforeAll(async () => {
  await insertSyntheticReleases(db, {
    count: 1200,
    seed: 3,
    effect: -0.08,
    from: '2023-01-01',
    days: 365,
    places: [LONDON],
  })
  await insertSyntheticReleases(db, {
    count: 300,
    seed: 4,
    effect: -0.08,
    from: '2023-01-01',
    days: 365,
    places: [MANCHESTER],
    offset: 10_000,
  })
}, 120_000)

describe('evaluations on the database', () => {
  it('finds the treated by programme, matches them and reports reoffending with a 95% interval', async () => {
    const analyst = await buildContext(db, 'national_analyst')
    const { id } = await service.create(analyst, { ...base, treatment: programme })
    expect((await service.get(analyst, id)).row.status).toBe('queued')
    await run(id)
    const { row, published } = await service.get(analyst, id)
    expect(row.status).toBe('done')
    const expected = await sql<{ n: number }>`select count(distinct g.person_id)::int as n from programme g
      join custody_episode e on e.person_id = g.person_id where e.actual_release_date between '2023-01-01' and '2023-12-31'`.execute(
      db,
    )
    expect(published!.treated).toBe(expected.rows[0]!.n)
    expect(published!.pool).toBe(1500 - expected.rows[0]!.n)
    expect(published!.refused).toBeUndefined()
    const reoffending = published!.outcomes.find((o) => o.outcome === 'proven_reoffending')!
    expect(reoffending.nTreated).toBe(published!.matched)
    expect(reoffending.ciLow).toBeLessThan(reoffending.difference)
    expect(reoffending.ciHigh).toBeGreaterThan(reoffending.difference)
    expect(published!.outcomes.map((o) => o.outcome)).toContain('housed_first_night')
    // Age was recorded for everyone: its 'not recorded' indicator is constant, dropped and reported.
    expect(published!.model.droppedColumns.map((d) => d.column)).toContain('age:missing')
  })

  it('gives identical numbers when the saved evaluation is run again', async () => {
    const analyst = await buildContext(db, 'national_analyst')
    const { id } = await service.create(analyst, { ...base, treatment: programme, k: 2 })
    await run(id)
    const { id: again } = await service.rerun(analyst, id)
    await run(again)
    const [a, b] = await Promise.all([service.get(analyst, id), service.get(analyst, again)])
    expect(b.row.as_of).toBe(a.row.as_of)
    expect(JSON.stringify(b.published)).toBe(JSON.stringify(a.published))
  })

  it("keeps a regional lead to their own region's releases and evaluations", async () => {
    const lead = await buildContext(db, 'regional_lead', MANCHESTER)
    const analyst = await buildContext(db, 'national_analyst')
    const { id } = await service.create(lead, { ...base, treatment: programme, minMatchedTreated: 20 })
    await run(id)
    const mine = await service.get(lead, id)
    expect((mine.published!.treated ?? 0) + (mine.published!.pool ?? 0)).toBe(300)
    const national = await service.create(analyst, { ...base, treatment: programme })
    await expect(service.get(lead, national.id)).rejects.toBeInstanceOf(NotFound)
    expect((await service.get(analyst, id)).row.id).toBe(id)
  })

  it('refuses to report outcomes below the minimum of matched treated people, and says why', async () => {
    const analyst = await buildContext(db, 'national_analyst')
    const few = await sql<{
      id: string
    }>`select e.id from custody_episode e join programme g on g.person_id = e.person_id
      order by e.id limit 30`.execute(db)
    const { id } = await service.create(analyst, {
      ...base,
      treatment: { releaseIds: few.rows.map((r) => r.id) },
    })
    await run(id)
    const { published } = await service.get(analyst, id)
    expect(published!.refused).toMatch(/Fewer than 60/)
    expect(published!.outcomes).toEqual([])
    expect(published!.headline).toMatch(/cannot show a difference/)
  })

  it('takes an uploaded list, reporting rows that are not identifiers and people not in scope', async () => {
    await sql`update person set crn = 'X' || lpad((row_number)::text, 6, '0')
      from (select id, row_number() over (order by id) from person where family_name like 'Person %') n where n.id = person.id`.execute(
      db,
    )
    const manchester = await sql<{
      crn: string
    }>`select p.crn from person p join custody_episode e on e.person_id = p.id
      where e.region_code = ${MANCHESTER.region} and p.crn is not null limit 1`.execute(db)
    const london = await sql<{
      crn: string
    }>`select p.crn from person p join custody_episode e on e.person_id = p.id
      where e.region_code = ${LONDON.region} and p.crn is not null order by p.crn limit 100`.execute(db)
    const lead = await buildContext(db, 'regional_lead', LONDON)
    const csv = ['crn', ...london.rows.map((r) => r.crn), 'rubbish', manchester.rows[0]!.crn].join('\n')
    const list = parseIdentifierList(csv)
    const { id, problems } = await service.create(lead, { ...base, treatment: { crns: [] } }, list)
    expect(problems).toEqual([
      { row: 102, value: 'rubbish', reason: 'not_an_identifier' },
      { row: 0, value: manchester.rows[0]!.crn, reason: 'not_found' },
    ])
    await run(id)
    const { published, definition } = await service.get(lead, id)
    expect(definition.personIds).toHaveLength(100)
    expect(published!.treated).toBe(100)
  })

  it('lets only analysts and regional leads evaluate', async () => {
    const com = await buildContext(db, 'com')
    await expect(service.create(com, { ...base, treatment: programme })).rejects.toBeInstanceOf(Forbidden)
    await expect(service.list(com)).rejects.toBeInstanceOf(Forbidden)
  })
})

/**
 * Issue 13's adversarial cases for publication, completeness and the per-release count: a late
 * record rewriting a closed quarter shows as a revision; partial cohorts are provisional; a
 * proven offence counted towards two releases counts once in the offender-based view.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { loadConfig } from '../../platform/config.ts'
import { repositories, services } from '../../composition.ts'
import { testDatabase } from '../../../test/support/db.ts'
import { fixedClock, TODAY } from '../../../test/support/app.ts'
import { buildContext, MANCHESTER } from '../../../test/support/builders/common.ts'
import { Forbidden, ValidationFailed } from '../../platform/errors.ts'
import { addRelease, offence, releasedPerson, statusEvent } from '../../../test/support/builders/outcomes.ts'
import { offenderReoffending } from './offender-view.ts'
import { measureCells } from './query.ts'
import { measureOf, type Measure } from './measures.ts'

const { db } = await testDatabase()
const svc = services(db, repositories(db), loadConfig({ LOG_LEVEL: 'silent' }), fixedClock)
const analyst = await buildContext(db, 'national_analyst', MANCHESTER)
const lead = await buildContext(db, 'regional_lead', MANCHESTER)
let late: { id: string; episodeId: string }
let twice: { id: string; episodeId: string }

beforeAll(async () => {
  // Greater Manchester, January to March 2026: six housed on the first night, one unknown.
  for (let i = 0; i < 6; i++) {
    const p = await releasedPerson(db, MANCHESTER, '2026-02-10')
    await statusEvent(db, p, '2026-02-10', { accommodation: 'A01C' })
  }
  late = await releasedPerson(db, MANCHESTER, '2026-02-10')
  // A release in April to June 2025: its reoffending cohort has not had 18 months everywhere.
  await releasedPerson(db, MANCHESTER, '2025-04-10')
  // Released twice in January to March 2025, one proven offence inside both 12-month windows.
  twice = await releasedPerson(db, MANCHESTER, '2025-01-10')
  await addRelease(db, twice.id, MANCHESTER, '2025-03-01')
  await offence(db, twice.id, '2025-04-01', '2025-05-01')
})

const housed = async () =>
  (
    await svc.outcomes.measures(analyst, {
      unit: 'quarter',
      groupBy: 'region',
      region: 'N50',
      from: '2026-01-01',
      to: '2026-03-31',
      measure: 'housed_first_night',
    })
  ).cells.find((c) => c.period === '2026-01-01')

describe('publishing a quarter', () => {
  it('only a national analyst or administrator publishes, and only a quarter that has ended', async () => {
    await expect(svc.outcomes.publications.publish(lead, '2026-01-01')).rejects.toThrow(Forbidden)
    await expect(svc.outcomes.publications.publish(analyst, '2026-10-01')).rejects.toThrow(ValidationFailed)
    await expect(svc.outcomes.publications.publish(analyst, '2026-02-01')).rejects.toThrow(ValidationFailed)
  })

  it('freezes the figures, audited; a late record then shows as a revision with its releases', async () => {
    await svc.outcomes.publications.publish(analyst, '2026-01-01')
    await expect(svc.outcomes.publications.publish(analyst, '2026-01-01')).rejects.toThrow(ValidationFailed)
    const audited = await sql<{ n: number }>`select count(*)::int as n from audit_event
      where record_type = 'outcome_publication'`.execute(db)
    expect(audited.rows[0]?.n).toBe(1)
    expect(await housed()).toMatchObject({
      status: 'final',
      numerator: 6,
      denominator: 6,
      published: { numerator: 6 },
    })

    // A first-night status recorded today for the old release: the live figure moves to 6 of 7.
    await statusEvent(db, late, '2026-02-10', { accommodation: 'A08A' })
    const cell = await housed()
    expect(cell).toMatchObject({ status: 'revised', numerator: 6, denominator: 7, revision: -14.3 })
    expect(cell?.published).toMatchObject({ numerator: 6, denominator: 6, status: 'final' })

    const revisions = await svc.outcomes.publications.revisions(lead, '2026-01-01')
    expect(revisions.rows.map((r) => `${r.measure} ${r.group}`)).toEqual(
      expect.arrayContaining(['housed_first_night N50', 'housed_first_night ENGLAND_AND_WALES']),
    )
    const records = await svc.outcomes.publications.revisedRecords(
      lead,
      '2026-01-01',
      'housed_first_night',
      'N50',
    )
    expect(records.rows).toEqual([
      expect.objectContaining({ person_id: late.id, before: 'unknown', after: 'denominator' }),
    ])
    // Names are personal data: another region's lead sees no list.
    await expect(
      svc.outcomes.publications.revisedRecords(lead, '2026-01-01', 'housed_first_night', 'N07'),
    ).rejects.toThrow()
  })
})

describe('partial cohorts', () => {
  it('are provisional until their follow-up is complete', async () => {
    const cells = (
      await svc.outcomes.measures(analyst, {
        unit: 'quarter',
        groupBy: 'region',
        region: 'N50',
        from: '2025-01-01',
        to: '2026-12-31',
      })
    ).cells
    const find = (m: string, p: string) => cells.find((c) => c.measure === m && c.period === p)
    expect(find('proven_reoffending', '2025-04-01')).toMatchObject({ status: 'provisional', complete: false })
    expect(find('proven_reoffending', '2025-01-01')).toMatchObject({ status: 'final', complete: true })
    expect(find('housed_first_night', '2026-01-01')?.complete).toBe(true)
  })
})

describe('proven offences', () => {
  it('count towards each release in the per-release measure, once in the offender-based view', async () => {
    const [cell] = await measureCells(db, [measureOf('proven_reoffending') as Measure], {
      today: TODAY,
      unit: 'quarter',
      groupBy: 'region',
      region: 'N50',
      from: '2025-01-01',
      to: '2025-03-31',
    })
    expect(cell).toMatchObject({ denominator: 2, numerator: 2, offences: 2 })
    expect(
      await offenderReoffending(db, { region: 'N50', from: '2025-01-01', to: '2025-03-31', today: TODAY }),
    ).toEqual([{ period: '2025-01-01', people: 1, reoffenders: 1, offences: 1 }])
  })
})

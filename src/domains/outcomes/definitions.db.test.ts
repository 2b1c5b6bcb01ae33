/**
 * Issue 13's adversarial records for the two measures brought back to their definitions
 * (domain.md section 10): engagement with treatment at any time in the 21 days after release,
 * and people back in custody kept in the settled-accommodation denominator.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { testDatabase } from '../../../test/support/db.ts'
import { TODAY } from '../../../test/support/app.ts'
import { LONDON, MANCHESTER } from '../../../test/support/builders/common.ts'
import { MEASURES, measureOf, type Measure } from './measures.ts'
import { measureCells, type Source } from './query.ts'
import { compareCells, recomputeMeasures } from './verify.ts'
import {
  licence,
  releaseContext,
  releasedPerson,
  statusEvent,
} from '../../../test/support/builders/outcomes.ts'

const { db } = await testDatabase()
const acc = (code: string) => ({ accommodation: code })
const trt = (s: string) => ({ treatment: s })

beforeAll(async () => {
  // Engaged on day 20, discharged on day 21: engaged within 21 days of release (Q1 2026).
  const t1 = await releasedPerson(db, MANCHESTER, '2026-02-10')
  await releaseContext(db, t1.episodeId, { treatment_need: true })
  await statusEvent(db, t1, '2026-02-01', trt('referred'))
  await statusEvent(db, t1, '2026-03-02', trt('engaged'))
  await statusEvent(db, t1, '2026-03-03', trt('discharged'))
  // Engagement dated before release and nothing after: referred, but not engaged in the
  // community after release (Q2 2026).
  const t2 = await releasedPerson(db, MANCHESTER, '2026-04-15')
  await releaseContext(db, t2.episodeId, { treatment_need: true })
  await statusEvent(db, t2, '2026-04-01', trt('engaged'))

  // Settled at 3 months, released 10 July 2025 (checkpoint 10 October 2025), London.
  const s1 = await releasedPerson(db, LONDON, '2025-07-10') // back in custody by status
  await statusEvent(db, s1, '2025-07-10', acc('A01C'))
  await statusEvent(db, s1, '2025-09-01', acc('HMP'))
  const s2 = await releasedPerson(db, LONDON, '2025-07-10') // recalled: the case is still open
  await statusEvent(db, s2, '2025-07-10', acc('A01C'))
  await licence(db, s2, LONDON, '2025-07-10', { on: '2025-08-15', reason: 'recalled', complete: false })
  const s3 = await releasedPerson(db, LONDON, '2025-07-10') // licence ended: case closed
  await statusEvent(db, s3, '2025-07-10', acc('A01C'))
  await licence(db, s3, LONDON, '2025-07-10', { on: '2025-09-01', reason: 'completed', complete: true })
  const s4 = await releasedPerson(db, LONDON, '2025-07-10') // settled throughout
  await statusEvent(db, s4, '2025-07-10', acc('A01C'))
})

async function cell(key: string, region: string, period: string, source: Source) {
  const cells = await measureCells(
    db,
    [measureOf(key) as Measure],
    { today: TODAY, unit: 'quarter', groupBy: 'region', region },
    source,
  )
  const c = cells.find((x) => x.period === period)
  return c && { excluded: c.excluded, unknown: c.unknown, denominator: c.denominator, numerator: c.numerator }
}

describe.each(['fast', 'fact', 'plain'] as const)('measures back to their definitions (%s)', (source) => {
  it('counts engagement on day 20 though discharged on day 21', async () => {
    expect(await cell('treatment_3_weeks', 'N50', '2026-01-01', source)).toEqual({
      excluded: 0,
      unknown: 0,
      denominator: 1,
      numerator: 1,
    })
  })

  it('does not count an engagement dated before release', async () => {
    expect(await cell('treatment_3_weeks', 'N50', '2026-04-01', source)).toEqual({
      excluded: 0,
      unknown: 0,
      denominator: 1,
      numerator: 0,
    })
  })

  it('keeps people back in custody at 3 months in the settled denominator; a closed case leaves', async () => {
    expect(await cell('settled_3_months', 'N07', '2025-07-01', source)).toEqual({
      excluded: 1,
      unknown: 0,
      denominator: 3,
      numerator: 1,
    })
  })

  it('takes a recalled person out of employment as not available for work', async () => {
    expect(await cell('employed_6_weeks', 'N07', '2025-07-01', source)).toMatchObject({ excluded: 1 })
  })
})

describe('the SQL and the measure definitions', () => {
  it('hold the same window values for treatment engagement', async () => {
    const rows = await sql<{ key: string; any_after_release: string[] | null }>`
      select key, any_after_release from outcome_checkpoint`.execute(db)
    for (const m of MEASURES) {
      if (m.type !== 'checkpoint') continue
      const row = rows.rows.find((r) => r.key === m.checkpoint)
      expect(row?.any_after_release ?? null).toEqual(
        m.reads === 'any_after_release' ? [...m.numerator] : null,
      )
    }
  })
})

describe('the independent recomputation (npm run verify:measures)', () => {
  const builder = async () => [
    ...(await measureCells(db, MEASURES, { today: TODAY, unit: 'quarter', groupBy: 'region' })),
    ...(await measureCells(db, MEASURES, { today: TODAY, unit: 'quarter', groupBy: 'national' })),
  ]

  it('agrees with the query builder on every cell of these records', async () => {
    const expected = await recomputeMeasures(db, TODAY)
    expect(expected.length).toBeGreaterThan(10)
    expect(compareCells(expected, await builder())).toEqual([])
  })

  it('finds a cell the rollup got wrong', async () => {
    await sql`update outcome_rollup set cnt = cnt + 1 where checkpoint = 'accommodation_3_months'
      and region_code = 'N07' and release_month = '2025-07-01' and value = 'settled'`.execute(db)
    try {
      const diffs = compareCells(await recomputeMeasures(db, TODAY), await builder())
      expect(diffs.map((d) => `${d.key} ${d.field}`)).toContain('settled_3_months N07 2025-07-01 numerator')
    } finally {
      await sql`update outcome_rollup set cnt = cnt - 1 where checkpoint = 'accommodation_3_months'
        and region_code = 'N07' and release_month = '2025-07-01' and value = 'settled'`.execute(db)
    }
  })
})

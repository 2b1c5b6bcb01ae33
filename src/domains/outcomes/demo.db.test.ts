import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db.ts'
import { generateDemoData } from '../demo/generator.ts'
import { generateOutcomesDemo } from './demo.ts'
import { MEASURES } from './measures.ts'
import { measureCells } from './query.ts'

const { db } = await testDatabase()
const TODAY = '2026-11-22'

describe('demo outcome histories', () => {
  it(
    'are calibrated to the national figures, deterministic and never dated after today',
    { timeout: 180_000 },
    async () => {
      // The demo generator adds the outcome histories itself; a second run finds every release done.
      await generateDemoData(db, { people: 2500, seed: 7, password: 'demo password 123', today: TODAY })
      expect((await generateOutcomesDemo(db, { seed: 7, today: TODAY })).releases).toBe(0)
      const events = await db
        .selectFrom('status_event')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
      expect(Number(events.n)).toBeGreaterThan(2500 * 3)
      const future = await db
        .selectFrom('status_event')
        .where('effective_date', '>', TODAY)
        .select('id')
        .execute()
      expect(future).toHaveLength(0)
      const cells = await measureCells(db, MEASURES, {
        today: TODAY,
        unit: 'quarter',
        groupBy: 'national',
        from: '2023-01-01',
      })
      const rate = (key: string) => {
        const c = cells.filter((x) => x.measure === key)
        return c.reduce((a, x) => a + x.numerator, 0) / c.reduce((a, x) => a + x.denominator, 0)
      }
      expect(rate('housed_first_night')).toBeGreaterThan(0.8)
      expect(rate('housed_first_night')).toBeLessThan(0.93)
      expect(rate('settled_3_months')).toBeGreaterThan(0.68)
      expect(rate('settled_3_months')).toBeLessThan(0.84)
      expect(rate('employed_6_months')).toBeGreaterThan(0.18)
      expect(rate('employed_6_months')).toBeLessThan(0.34)
      expect(rate('treatment_3_weeks')).toBeGreaterThan(0.3)
      expect(rate('treatment_3_weeks')).toBeLessThan(0.45)
      expect(rate('proven_reoffending')).toBeGreaterThan(0.3)
      expect(rate('proven_reoffending')).toBeLessThan(0.45)
    },
  )
})

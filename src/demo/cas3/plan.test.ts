import { describe, expect, it } from 'vitest'
import { createRng } from '../prng.ts'
import { drawOutcome } from './plan.ts'
import { MOVE_ON_CATEGORIES } from '../../domains/cas3/vocabulary.ts'

describe('CAS3 demo outcomes', () => {
  it('match the published move-on shares: 38% settled, 31% prison, 12% transient, 9% homeless', () => {
    const rng = createRng(1, 5)
    const counts: Record<string, number> = {}
    const n = 20_000
    for (let i = 0; i < n; i++) {
      const o = drawOutcome(rng, 84)
      // The category drawn must belong to the group it was drawn for.
      expect(MOVE_ON_CATEGORIES[o.category]?.group).toBe(o.group)
      counts[o.group] = (counts[o.group] ?? 0) + 1
    }
    const share = (g: string) => (100 * (counts[g] ?? 0)) / n
    expect(share('settled')).toBeCloseTo(38, -0.5)
    expect(share('prison')).toBeCloseTo(31, -0.5)
    expect(share('transient')).toBeCloseTo(12, -0.5)
    expect(share('homeless')).toBeCloseTo(9, -0.5)
  })
})

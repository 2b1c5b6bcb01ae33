import { describe, expect, it } from 'vitest'
import { publish, withhold } from './disclosure.ts'
import { DEFAULT_SETTINGS, evaluate } from './stats/evaluate.ts'
import { confoundedPopulation } from './stats/simulate.ts'

const policy = { threshold: 5 }

describe('disclosure control of an evaluation', () => {
  it('withholds counts from 1 to 4 and publishes 0 and 5', () => {
    expect([0, 1, 4, 5].map((n) => withhold(n, policy))).toEqual([0, null, null, 5])
  })

  it('withholds the treated total when the dropped count is withheld, so it cannot be recomputed', () => {
    const { units } = confoundedPopulation({ seed: 102, size: 3000, effect: -0.08 })
    const raw = evaluate(units, DEFAULT_SETTINGS)
    expect(raw.droppedOutsideSupport).toBeGreaterThan(0)
    expect(raw.droppedOutsideSupport).toBeLessThan(5)
    const p = publish(raw, policy)
    expect(p.droppedOutsideSupport).toBeNull()
    expect(p.treated).toBeNull()
    expect(p.matched).toBe(raw.matched)
  })

  it('never leaves a single withheld bar in a histogram', () => {
    const { units } = confoundedPopulation({ seed: 103, size: 3000, effect: 0 })
    const p = publish(evaluate(units, DEFAULT_SETTINGS), policy)
    for (const s of [
      p.propensity.before.treated,
      p.propensity.after.treated,
      p.propensity.after.comparison,
    ]) {
      expect(s.filter((v) => v === null).length).not.toBe(1)
      expect(s.every((v) => v === null || v === 0 || v >= 5)).toBe(true)
    }
  })
})

import { describe, expect, it } from 'vitest'
import { confoundedPopulation } from './simulate.ts'
import { DEFAULT_SETTINGS, evaluate } from './evaluate.ts'

// Simulations that can fail: the estimate must find a known truth through confounding, over
// several seeds. With 95% intervals about 19 in 20 should cover; 16 of 20 is the bar, which a
// biased or over-confident method misses (the naive difference covers in none).
const SEEDS = Array.from({ length: 20 }, (_, i) => 101 + i)
const SIZE = 3000

function run(effect: number) {
  return SEEDS.map((seed) => {
    const { units } = confoundedPopulation({ seed, size: SIZE, effect })
    const result = evaluate(units, { ...DEFAULT_SETTINGS, seed })
    const r = result.outcomes.find((o) => o.outcome === 'proven_reoffending')!
    const naive = result.naive.find((o) => o.outcome === 'proven_reoffending')!.difference
    const maxSmdAfter = Math.max(
      ...result.balance
        .filter((b) => ['age', 'previous_offences'].includes(b.covariate))
        .map((b) => Math.abs(b.smdAfter)),
    )
    return { r, naive, maxSmdAfter, refused: result.refused }
  })
}

describe('simulation: confounded treatment with a true effect of -8 percentage points', () => {
  const runs = run(-0.08)

  it('the naive comparison is biased: it overstates the benefit in every draw', () => {
    for (const { naive } of runs) expect(naive).toBeLessThan(-0.08 - 0.04)
  })

  it('the matched 95% interval covers the true effect in at least 16 of 20 seeds', () => {
    expect(runs.every((x) => !x.refused)).toBe(true)
    const covered = runs.filter(({ r }) => r.ciLow <= -0.08 && -0.08 <= r.ciHigh).length
    expect(covered).toBeGreaterThanOrEqual(16)
  })

  it('balance passes after matching: the confounders are within 10% SMD', () => {
    for (const { maxSmdAfter } of runs) expect(maxSmdAfter).toBeLessThan(0.1)
  })
})

describe('simulation: confounded treatment with no effect', () => {
  const runs = run(0)

  it('the matched 95% interval covers zero in at least 16 of 20 seeds', () => {
    const covered = runs.filter(({ r }) => r.ciLow <= 0 && 0 <= r.ciHigh).length
    expect(covered).toBeGreaterThanOrEqual(16)
  })

  it('while the naive difference would claim a benefit', () => {
    for (const { naive } of runs) expect(naive).toBeLessThan(-0.04)
  })
})

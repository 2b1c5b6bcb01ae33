import { describe, expect, it } from 'vitest'
import { matchNearest } from './matching.ts'
import { standardisedMeanDifference, weightedMean } from './balance.ts'
import { weightedDifference } from './inference.ts'

const m = (s: number) => Array.from({ length: s }, () => 'm')

describe('nearest-neighbour matching on the logit', () => {
  const treated = [0.0, 0.1, 2.0]
  const pool = [0.05, 0.12, 0.5, -0.3]

  it('with replacement lets two treated people share their nearest comparison', () => {
    const r = matchNearest([0.0, 0.02], m(2), pool, m(4), { caliper: 0.2, k: 1, replacement: true })
    expect(r.matches).toEqual([[0], [0]])
    expect(Array.from(r.comparisonWeights)).toEqual([2, 0, 0, 0])
  })

  it('without replacement gives the second treated person the next nearest', () => {
    const r = matchNearest([0.0, 0.02], m(2), pool, m(4), { caliper: 0.2, k: 1, replacement: false })
    expect(r.matches).toEqual([[0], [1]])
    expect(Array.from(r.comparisonWeights)).toEqual([1, 1, 0, 0])
  })

  it('drops and counts treated people with no comparison within the caliper', () => {
    const r = matchNearest(treated, m(3), pool, m(4), { caliper: 0.2, k: 1, replacement: true })
    expect(r.matches[2]).toEqual([])
    expect(r.droppedOutsideSupport).toBe(1)
    expect(r.matchedTreated).toBe(2)
  })

  it('1:k takes the k nearest within the caliper, each weighted 1/k', () => {
    const r = matchNearest([0.0], m(1), pool, m(4), { caliper: 0.6, k: 3, replacement: true })
    expect(r.matches[0]).toEqual([0, 1, 3])
    expect(Array.from(r.comparisonWeights).map((w) => Math.round(w * 1000) / 1000)).toEqual([
      0.333, 0.333, 0, 0.333,
    ])
  })

  it('keeps fewer than k when the caliper runs out, with the weights summing to 1', () => {
    const r = matchNearest([0.0], m(1), pool, m(4), { caliper: 0.11, k: 3, replacement: true })
    expect(r.matches[0]).toEqual([0, 1].slice(0, 1))
    expect(Array.from(r.comparisonWeights).reduce((s, w) => s + w, 0)).toBeCloseTo(1)
  })

  it('matches exactly on sex: a close comparison of another sex is never used', () => {
    const r = matchNearest([0.0], ['female'], [0.01, 0.15], ['male', 'female'], {
      caliper: 0.2,
      k: 1,
      replacement: true,
    })
    expect(r.matches).toEqual([[1]])
  })
})

describe('standardised mean differences', () => {
  it('divides by the pooled SD before matching, before and after', () => {
    const treated = [1, 1, 1, 0]
    const pool = [0, 0, 1, 0]
    const smd = standardisedMeanDifference(
      treated,
      pool,
      { values: [1, 0] },
      { values: [1, 0], weights: [1, 1] },
    )
    // means 0.75 and 0.25; variances 0.25 each, pooled SD 0.5.
    expect(smd.before).toBeCloseTo(1)
    expect(smd.after).toBeCloseTo(0)
  })

  it('uses the matching weights after matching', () => {
    const smd = standardisedMeanDifference(
      [2, 4],
      [0, 6],
      { values: [2, 4] },
      { values: [0, 6], weights: [3, 1] },
    )
    // after: 3 - (0*3 + 6)/4 = 1.5; pooled SD sqrt((2 + 18)/2) = sqrt(10).
    expect(smd.after).toBeCloseTo(1.5 / Math.sqrt(10))
    expect(weightedMean([0, 6], [3, 1])).toBe(1.5)
  })
})

describe('weighted difference with a 95% interval', () => {
  it('equals the unweighted two-sample normal interval when every weight is 1', () => {
    const t = [1, 0, 1, 1, 0, 1, 0, 1]
    const c = [0, 0, 1, 0, 1, 0, 0, 0]
    const d = weightedDifference(
      t,
      c,
      c.map(() => 1),
    )
    const se = Math.sqrt(t.length ? (0.625 * 0.375 * 8) / 7 / 8 + (0.25 * 0.75 * 8) / 7 / 8 : 0)
    expect(d.difference).toBeCloseTo(0.375)
    expect(d.standardError).toBeCloseTo(se)
    expect(d.ciLow).toBeCloseTo(0.375 - 1.959964 * se, 5)
    expect(d.pValue).toBeGreaterThan(0.05)
  })

  it('widens when a few comparison people carry the weight (matching with replacement)', () => {
    const t = Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 1 : 0))
    const c = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 1 : 0))
    const even = weightedDifference(
      t,
      c,
      c.map(() => 1),
    )
    const lumpy = weightedDifference(
      t,
      c,
      c.map((_, i) => (i < 10 ? 10 : 0.0001)),
    )
    expect(lumpy.standardError).toBeGreaterThan(even.standardError * 1.5)
    expect(lumpy.minimumDetectableDifference).toBeCloseTo(2.8016 * lumpy.standardError, 3)
  })
})

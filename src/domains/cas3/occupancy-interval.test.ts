import { describe, expect, it } from 'vitest'
import { wilson } from '../../platform/statistics/index.ts'
import { occupancyInterval } from './occupancy-interval.ts'

describe('the occupancy interval (issue 14: every rate with its denominator and a 95% interval)', () => {
  it('is the Wilson interval on bed-nights when every bedspace runs at the same rate', () => {
    // Ten bedspaces, each 20 of 30 nights: no spread between bedspaces, so no design effect.
    const beds = Array.from({ length: 10 }, () => ({ occupied: 20, available: 30 }))
    const ci = occupancyInterval(beds)!
    expect(ci.rate).toBeCloseTo(2 / 3, 10)
    expect(ci.designEffect).toBe(1)
    const naive = wilson(200, 300)!
    expect(ci.low).toBeCloseTo(naive.low, 10)
    expect(ci.high).toBeCloseTo(naive.high, 10)
  })

  it('widens when the nights cluster in bedspaces, by the design effect worked out by hand', () => {
    // Two bedspaces of 30 nights: one full, one empty. Rate 0.5; residuals 15² + 15² = 450;
    // clustered variance = 2/1 × 450 / 60² = 0.25; binomial = 0.25 / 60; design effect 60.
    const ci = occupancyInterval([
      { occupied: 30, available: 30 },
      { occupied: 0, available: 30 },
    ])!
    expect(ci.rate).toBe(0.5)
    expect(ci.designEffect).toBeCloseTo(60, 10)
    expect(ci.effectiveNights).toBeCloseTo(1, 10)
    const one = wilson(0.5, 1)!
    expect(ci.low).toBeCloseTo(one.low, 10)
    expect(ci.high).toBeCloseTo(one.high, 10)
    // Far wider than treating the 60 nights as independent.
    const naive = wilson(30, 60)!
    expect(ci.high - ci.low).toBeGreaterThan(3 * (naive.high - naive.low))
  })

  it('matches a hand computation for an uneven estate', () => {
    // Rate = 50 / 90. Residuals: (25 − 50/90·30)² + (20 − 50/90·30)² + (5 − 50/90·30)²
    //   = (25 − 16.667)² + (20 − 16.667)² + (5 − 16.667)² = 69.444 + 11.111 + 136.111 = 216.667.
    // Clustered variance = 3/2 × 216.667 / 8100 = 0.040123; binomial = (5/9)(4/9)/90 = 0.0027435.
    const ci = occupancyInterval([
      { occupied: 25, available: 30 },
      { occupied: 20, available: 30 },
      { occupied: 5, available: 30 },
    ])!
    expect(ci.designEffect).toBeCloseTo(0.040123 / 0.0027435, 2)
    expect(ci.low).toBeGreaterThan(0)
    expect(ci.high).toBeLessThan(1)
    expect(ci.low).toBeLessThan(ci.rate)
    expect(ci.high).toBeGreaterThan(ci.rate)
  })

  it('never gives an interval narrower than the naive one, and stays inside 0% to 100%', () => {
    const ci = occupancyInterval([
      { occupied: 30, available: 30 },
      { occupied: 29, available: 30 },
      { occupied: 30, available: 30 },
    ])!
    const naive = wilson(89, 90)!
    expect(ci.designEffect).toBeGreaterThanOrEqual(1)
    expect(ci.high - ci.low).toBeGreaterThanOrEqual(naive.high - naive.low)
    expect(ci.high).toBeLessThanOrEqual(1)
  })

  it('gives no interval with nothing available or a single bedspace to measure the spread on', () => {
    expect(occupancyInterval([])).toBeNull()
    expect(occupancyInterval([{ occupied: 0, available: 0 }])).toBeNull()
    expect(occupancyInterval([{ occupied: 10, available: 30 }])).toBeNull()
    // A closed bedspace (nothing available) does not count as a second cluster.
    expect(
      occupancyInterval([
        { occupied: 10, available: 30 },
        { occupied: 0, available: 0 },
      ]),
    ).toBeNull()
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  benjaminiHochberg,
  binomialTest,
  funnelLimit,
  funnelLimits,
  holm,
  twoProportionTest,
  wilson,
} from './index.ts'

describe('Wilson score interval', () => {
  // Newcombe RG, "Two-sided confidence intervals for the single proportion", Statistics in
  // Medicine 1998;17:857-872, Table I, method 3 (score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i is %f to %f', (x, n, low, high) => {
    const ci = wilson(x, n)!
    expect(ci.low).toBeCloseTo(low, 4)
    expect(ci.high).toBeCloseTo(high, 4)
  })

  it('has no interval for an empty denominator', () => expect(wilson(0, 0)).toBeNull())

  it('always holds the observed rate and stays within 0 to 1', () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const x = Math.round(f * n)
        const ci = wilson(x, n)!
        expect(ci.low).toBeGreaterThanOrEqual(0)
        expect(ci.high).toBeLessThanOrEqual(1)
        expect(ci.low).toBeLessThanOrEqual(x / n + 1e-12)
        expect(ci.high).toBeGreaterThanOrEqual(x / n - 1e-12)
      }),
    ))
})

describe('two-proportion z test', () => {
  it('matches R prop.test(c(15, 25), c(50, 50), correct = FALSE): X² 4.1667, p 0.04123', () => {
    const t = twoProportionTest(15, 50, 25, 50)!
    expect(t.z * t.z).toBeCloseTo(4.1667, 3)
    expect(t.p).toBeCloseTo(0.04123, 4)
  })
  it('is symmetric and has nothing to test with no variation', () => {
    expect(twoProportionTest(25, 50, 15, 50)!.p).toBeCloseTo(twoProportionTest(15, 50, 25, 50)!.p, 12)
    expect(twoProportionTest(0, 10, 0, 20)).toBeNull()
    expect(twoProportionTest(1, 0, 0, 20)).toBeNull()
  })
})

describe('multiple-comparison corrections (as R p.adjust)', () => {
  const ps = [0.01, 0.04, 0.03, 0.005]
  it('Holm', () => {
    const h = holm(ps)
    ;[0.03, 0.06, 0.06, 0.02].forEach((v, i) => expect(h[i]).toBeCloseTo(v, 12))
  })
  it('Benjamini-Hochberg', () => {
    const b = benjaminiHochberg(ps)
    ;[0.02, 0.04, 0.04, 0.02].forEach((v, i) => expect(b[i]).toBeCloseTo(v, 12))
  })
  it('skips nulls and never lowers a p-value', () => {
    expect(holm([null, 0.2])).toEqual([null, 0.2])
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (xs) => {
        const h = holm(xs)
        const b = benjaminiHochberg(xs)
        xs.forEach((p, i) => {
          expect(h[i]!).toBeGreaterThanOrEqual(p - 1e-15)
          expect(b[i]!).toBeGreaterThanOrEqual(p - 1e-15)
          expect(h[i]!).toBeGreaterThanOrEqual(b[i]! - 1e-15)
        })
      }),
    )
  })
})

describe('funnel plot limits (Spiegelhalter 2005, exact binomial with interpolation)', () => {
  it('interpolates the binomial quantile: p0 0.5, n 100, 97.5% is 60 − (F(60) − 0.975)/(F(60) − F(59))', () => {
    // qbinom(0.975, 100, 0.5) = 60; pbinom(60) = 0.9823999, pbinom(59) = 0.9715560.
    expect(funnelLimit(0.5, 100, 0.975)).toBeCloseTo(
      (60 - (0.9823999 - 0.975) / (0.9823999 - 0.971556)) / 100,
      5,
    )
  })
  it('agrees with the normal approximation at large n', () => {
    const l = funnelLimits(0.38, 10000)
    const se = Math.sqrt((0.38 * 0.62) / 10000)
    expect(l.upper95).toBeCloseTo(0.38 + 1.959964 * se, 3)
    expect(l.lower998).toBeCloseTo(0.38 - 3.090232 * se, 3)
  })
  it('nests the 95% limits inside the 99.8% and narrows as n grows', () => {
    const a = funnelLimits(0.25, 50)
    const b = funnelLimits(0.25, 500)
    expect(a.lower998).toBeLessThanOrEqual(a.lower95)
    expect(a.upper998).toBeGreaterThanOrEqual(a.upper95)
    expect(b.upper95 - b.lower95).toBeLessThan(a.upper95 - a.lower95)
  })
})

describe('the exact binomial test, two-sided by doubling the smaller tail', () => {
  // Worked by hand: at p0 = 0.5 and n = 10 each outcome has probability C(10, k)/1024.
  it('9 of 10 at 0.5: 2 × (10 + 1)/1024', () => {
    expect(binomialTest(9, 10, 0.5)!.p).toBeCloseTo((2 * 11) / 1024, 12)
  })
  it('2 of 10 at 0.5: 2 × (1 + 10 + 45)/1024', () => {
    expect(binomialTest(2, 10, 0.5)!.p).toBeCloseTo((2 * 56) / 1024, 12)
  })
  it('30 of 30 at 0.774: 2 × 0.774^30, the upper tail kept precise', () => {
    expect(binomialTest(30, 30, 0.774)!.p / (2 * 0.774 ** 30)).toBeCloseTo(1, 10)
  })
  it('caps at 1 at the centre and refuses an impossible count', () => {
    expect(binomialTest(5, 10, 0.5)!.p).toBe(1)
    expect(binomialTest(11, 10, 0.5)).toBeNull()
    expect(binomialTest(0, 0, 0.5)).toBeNull()
  })
  it('agrees with the 99.8% limits: a count with p < 0.002 lies beyond them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.double({ min: 0.02, max: 0.98, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, p0, u) => {
          const x = Math.floor(u * n)
          const l = funnelLimits(p0, n)
          if (binomialTest(x, n, p0)!.p < 0.002) expect(x / n > l.upper998 || x / n < l.lower998).toBe(true)
        },
      ),
    )
  })
})

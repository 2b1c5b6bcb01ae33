/**
 * Statistics of proportions for the variation analyses (issue 14; domain.md section 13e), as pure
 * functions. Proportions are 0..1 here; the pages show per cent.
 */
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf'
import binomialQuantile from '@stdlib/stats-base-dists-binomial-quantile'
import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile'

export interface Interval {
  low: number
  high: number
}

/** z for a two-sided interval at `level` (1.959964 for 95%). */
export const zFor = (level: number) => normalQuantile(1 - (1 - level) / 2, 0, 1)

/**
 * The Wilson score interval (Wilson 1927; recommended by Newcombe 1998 and Brown, Cai and
 * DasGupta 2001 over the Wald interval, which collapses to zero width at 0% and 100% and covers
 * too little for small n). Null for an empty denominator.
 */
export function wilson(x: number, n: number, level = 0.95): Interval | null {
  if (n <= 0) return null
  const z = zFor(level)
  const p = x / n
  const z2 = z * z
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n)
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) }
}

export interface TestResult {
  z: number
  /** Two-sided. */
  p: number
}

/**
 * The two-proportion z test with the pooled variance under the null hypothesis of equal rates
 * (Altman, Practical Statistics for Medical Research, 10.7.3). Null when either group is empty or
 * the pooled rate is 0 or 1 (no variation: nothing to test).
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): TestResult | null {
  if (n1 <= 0 || n2 <= 0) return null
  const pooled = (x1 + x2) / (n1 + n2)
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
  if (se === 0) return null
  const z = (x1 / n1 - x2 / n2) / se
  return { z, p: Math.min(1, 2 * (1 - normalCdf(Math.abs(z), 0, 1))) }
}

/**
 * Holm's step-down adjustment (Holm 1979): controls the chance of any false "significant" among
 * the family at α, with no assumption about how the tests depend on each other, and is uniformly
 * more powerful than Bonferroni. Returns adjusted p-values in the input order (nulls stay null).
 */
export function holm(ps: readonly (number | null)[]): (number | null)[] {
  const idx = ps.map((p, i) => [p, i] as const).filter((x): x is readonly [number, number] => x[0] !== null)
  idx.sort((a, b) => a[0] - b[0])
  const m = idx.length
  const out: (number | null)[] = ps.map(() => null)
  let running = 0
  idx.forEach(([p, i], k) => {
    running = Math.max(running, Math.min(1, (m - k) * p))
    out[i] = running
  })
  return out
}

/**
 * Benjamini–Hochberg (1995): controls the expected share of false discoveries, for screening many
 * areas. Adjusted p-values in input order.
 */
export function benjaminiHochberg(ps: readonly (number | null)[]): (number | null)[] {
  const idx = ps.map((p, i) => [p, i] as const).filter((x): x is readonly [number, number] => x[0] !== null)
  idx.sort((a, b) => a[0] - b[0])
  const m = idx.length
  const out: (number | null)[] = ps.map(() => null)
  let running = 1
  for (let k = m - 1; k >= 0; k--) {
    const [p, i] = idx[k]!
    running = Math.min(running, (m * p) / (k + 1))
    out[i] = running
  }
  return out
}

/**
 * A funnel plot's control limit for a proportion p0 at denominator n: the exact binomial
 * quantile, interpolated so the limit moves smoothly with n (Spiegelhalter, "Funnel plots for
 * comparing institutional performance", Statistics in Medicine 2005, appendix A.1.1). `q` is the
 * lower-tail probability: 0.025 and 0.975 for the 95% limits, 0.001 and 0.999 for 99.8%.
 */
export function funnelLimit(p0: number, n: number, q: number): number {
  if (n <= 0) return q < 0.5 ? 0 : 1
  const r = binomialQuantile(q, n, p0)
  const fr = binomialCdf(r, n, p0)
  const frm1 = r > 0 ? binomialCdf(r - 1, n, p0) : 0
  const alpha = fr === frm1 ? 0 : (fr - q) / (fr - frm1)
  return Math.min(1, Math.max(0, (r - alpha) / n))
}

/**
 * The exact binomial test of x events in n against a rate p0, two-sided by doubling the smaller
 * tail, 2 × min(P(X ≤ x), P(X ≥ x)), capped at 1: equal tails, as the funnel's limits are (0.1%
 * each side of the 99.8% limits), so a count with p < 0.002 lies beyond them. The upper tail is
 * read as the lower tail of n − x at 1 − p0, which keeps its precision when it is tiny.
 */
export function binomialTest(x: number, n: number, p0: number): TestResult | null {
  if (n <= 0 || x < 0 || x > n) return null
  const low = binomialCdf(x, n, p0)
  const high = binomialCdf(n - x, n, 1 - p0)
  const p = Math.min(1, 2 * Math.min(low, high))
  return { z: (x / n - p0) / Math.sqrt((p0 * (1 - p0)) / n), p }
}

export interface FunnelLimits {
  n: number
  lower95: number
  upper95: number
  lower998: number
  upper998: number
}

export function funnelLimits(p0: number, n: number): FunnelLimits {
  return {
    n,
    lower95: funnelLimit(p0, n, 0.025),
    upper95: funnelLimit(p0, n, 0.975),
    lower998: funnelLimit(p0, n, 0.001),
    upper998: funnelLimit(p0, n, 0.999),
  }
}

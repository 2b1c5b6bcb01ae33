/**
 * A funnel plot of areas (Spiegelhalter 2005): each area's rate against its denominator, with
 * 95% and 99.8% control limits around the national rate from the exact binomial distribution.
 * The limits are drawn per area, but a funnel compares every area at once: among 120 prisons with
 * no real difference, one or more falls beyond 99.8% in about one funnel in five (1 − 0.998^120).
 * So an area is named an outlier only when its exact test survives Holm's correction for the
 * number of areas compared, at the funnel's own 99.8% standard (FUNNEL_RULE; docs/analytics.md);
 * a point beyond the 99.8% limits that does not is shown as such, and not named.
 */
import { binomialTest, funnelLimits, holm } from '../../platform/statistics/index.ts'
import type { CellResult } from './analysis.ts'

/**
 * The outlier rule, as data. Holm (1979) rather than Benjamini–Hochberg: naming an area an
 * outlier is a claim about that area (a board paper quotes it, the drill-down opens its
 * releases), so the chance of any false naming is what is controlled, with no assumption about
 * how the areas' tests depend on each other (they share the national rate); the explorer's
 * sentences use Holm for the same reason. The family-wise level is the 99.8% limits' own 0.2%:
 * with one area the rule is the limits themselves, and with many a funnel where nothing differs
 * names an area at most 1 time in 500, the standard the limits set for one area.
 */
export const FUNNEL_RULE = { correction: 'holm', familyAlpha: 0.002 } as const

export type FunnelStatus =
  | 'outlier_high'
  | 'outlier_low'
  | 'beyond_998_high'
  | 'beyond_998_low'
  | 'alert_high'
  | 'alert_low'
  | 'within'
  | 'withheld'

export interface FunnelPoint {
  code: string
  numerator: number | null
  denominator: number | null
  rate: number | null
  suppressed: boolean
  lower95: number | null
  upper95: number | null
  lower998: number | null
  upper998: number | null
  /** Outside the 99.8% limits as drawn, corrected or not. */
  beyond998: boolean
  /** Two-sided exact binomial test against the national rate (binomialTest). */
  pValue: number | null
  /** pValue adjusted by Holm's method across the areas compared (the published points). */
  adjustedPValue: number | null
  status: FunnelStatus
}

export interface Funnel {
  points: FunnelPoint[]
  correction: { method: 'holm'; familyAlpha: number; areasCompared: number }
}

const pc = (x: number) => Math.round(x * 1000) / 10

export function funnelPoints(cells: readonly CellResult[], nationalRate: number): FunnelPoint[] {
  return funnelOf(cells, nationalRate).points
}

/** The published areas against the national rate (per cent), each with its limits and status. */
export function funnelOf(cells: readonly CellResult[], nationalRate: number): Funnel {
  const p0 = nationalRate / 100
  const shown = cells.map((c) => (c.rate === null || c.denominator === null ? null : c))
  const tests = shown.map((c) => (c ? binomialTest(c.numerator ?? 0, c.denominator!, p0) : null))
  // The family is the areas whose figures are published: a withheld area is not compared.
  const adjusted = holm(tests.map((t) => t?.p ?? null))
  const points = cells.map((c, i): FunnelPoint => {
    const cell = shown[i]
    if (!cell)
      return {
        code: c.group[0]!,
        numerator: null,
        denominator: null,
        rate: null,
        suppressed: true,
        lower95: null,
        upper95: null,
        lower998: null,
        upper998: null,
        beyond998: false,
        pValue: null,
        adjustedPValue: null,
        status: 'withheld',
      }
    const n = cell.denominator!
    const l = funnelLimits(p0, n)
    const r = (cell.numerator ?? 0) / n
    const high = r > p0
    const beyond998 = r > l.upper998 || r < l.lower998
    // An exact tail under 0.1% always lies beyond the drawn 99.8% limit; both are asked for all
    // the same, so an outlier is never a point drawn inside the limits.
    const outlier = beyond998 && (adjusted[i] ?? 1) < FUNNEL_RULE.familyAlpha
    const status: FunnelStatus = outlier
      ? high
        ? 'outlier_high'
        : 'outlier_low'
      : beyond998
        ? high
          ? 'beyond_998_high'
          : 'beyond_998_low'
        : r > l.upper95
          ? 'alert_high'
          : r < l.lower95
            ? 'alert_low'
            : 'within'
    return {
      code: c.group[0]!,
      numerator: cell.numerator,
      denominator: n,
      rate: cell.rate,
      suppressed: false,
      lower95: pc(l.lower95),
      upper95: pc(l.upper95),
      lower998: pc(l.lower998),
      upper998: pc(l.upper998),
      beyond998,
      pValue: tests[i]?.p ?? null,
      adjustedPValue: adjusted[i] ?? null,
      status,
    }
  })
  return {
    points,
    correction: {
      method: FUNNEL_RULE.correction,
      familyAlpha: FUNNEL_RULE.familyAlpha,
      areasCompared: tests.filter((t) => t !== null).length,
    },
  }
}

/**
 * "Onley: 29.9% (206 of 688), below the 99.8% limit, but not an outlier once the 119 prisons
 * compared are allowed for (p = 0.00571 after Holm's correction; an outlier needs under 0.002)."
 */
export function beyondSentence(name: string, p: FunnelPoint, funnel: Funnel, areas: string): string | null {
  if (!p.status.startsWith('beyond_998') || p.adjustedPValue === null) return null
  const side = p.status === 'beyond_998_high' ? 'above' : 'below'
  const adj = funnelP(p.adjustedPValue)
  return `${name}: ${p.rate}% (${p.numerator} of ${p.denominator}), ${side} the 99.8% limit, but not an outlier once the ${funnel.correction.areasCompared} ${areas} compared are allowed for (p ${adj.startsWith('<') ? adj : `= ${adj}`} after Holm’s correction; an outlier needs under ${funnel.correction.familyAlpha}).`
}

/** A p-value to three significant figures, enough to read against 0.002. */
export const funnelP = (p: number) => (p < 0.0001 ? '< 0.0001' : String(Number(p.toPrecision(3))))

/** The limits along the denominator axis, for drawing the funnel. */
export function funnelCurve(nationalRate: number, maxN: number, steps = 60) {
  const p0 = nationalRate / 100
  const out = []
  for (let i = 1; i <= steps; i++) {
    const n = Math.max(1, Math.round((maxN * i * i) / (steps * steps)))
    const l = funnelLimits(p0, n)
    out.push({
      n,
      lower95: l.lower95 * 100,
      upper95: l.upper95 * 100,
      lower998: l.lower998 * 100,
      upper998: l.upper998 * 100,
    })
  }
  return out
}

/**
 * A funnel plot of areas (Spiegelhalter 2005): each area's rate against its denominator, with
 * 95% and 99.8% control limits around the national rate from the exact binomial distribution.
 * An area outside the 99.8% limits is an outlier: with no real difference, about 1 area in 500
 * would fall there by chance; between 95% and 99.8% is an alert, 1 in 20 by chance.
 */
import { funnelLimits } from '../../platform/statistics/index.ts'
import type { CellResult } from './analysis.ts'

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
  status: 'outlier_high' | 'outlier_low' | 'alert_high' | 'alert_low' | 'within' | 'withheld'
}

export function funnelPoints(cells: readonly CellResult[], nationalRate: number): FunnelPoint[] {
  const p0 = nationalRate / 100
  return cells.map((c) => {
    if (c.rate === null || c.denominator === null)
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
        status: 'withheld',
      }
    const l = funnelLimits(p0, c.denominator)
    const r = (c.numerator ?? 0) / c.denominator
    const status =
      r > l.upper998
        ? 'outlier_high'
        : r < l.lower998
          ? 'outlier_low'
          : r > l.upper95
            ? 'alert_high'
            : r < l.lower95
              ? 'alert_low'
              : 'within'
    const pc = (x: number) => Math.round(x * 1000) / 10
    return {
      code: c.group[0]!,
      numerator: c.numerator,
      denominator: c.denominator,
      rate: c.rate,
      suppressed: false,
      lower95: pc(l.lower95),
      upper95: pc(l.upper95),
      lower998: pc(l.lower998),
      upper998: pc(l.upper998),
      status,
    }
  })
}

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

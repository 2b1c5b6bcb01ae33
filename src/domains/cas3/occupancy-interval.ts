import { wilson, type Interval } from '../../platform/statistics/index.ts'

/**
 * A 95% interval for occupancy (bed-nights occupied out of bed-nights available), and what it means.
 *
 * The period's occupancy is a census of the estate, so as a description of that period it has no
 * sampling error. The interval answers a different, useful question: how precisely does this
 * period tell us the rate at which the estate runs, the figure a commissioner compares with a
 * target or with another region? For that the bed-nights are the trials, but they are not
 * independent: one stay fills a run of nights in one bedspace, and a bedspace that is hard to let
 * stays empty for weeks. A Wilson interval over bed-nights as if independent would be far too
 * narrow. So the interval is design-aware (Kish 1965): bedspaces are the clusters, the variance of
 * the ratio estimator Σoccupied / Σavailable is taken from how far each bedspace's nights stray
 * from the overall rate (the linearisation, or "ultimate cluster", estimator), and its ratio to the
 * binomial variance is the design effect. The Wilson score interval is then taken on the effective
 * number of bed-nights (available ÷ design effect), which keeps it inside 0% to 100% and behaves at
 * rates near either end, as the other rates in Resettle do (platform/statistics).
 *
 * Limits: bedspaces in one premises are treated as independent of each other (a premises-wide
 * closure would make the interval too narrow); the design effect is floored at 1, so the interval
 * is never narrower than the naive one; and with fewer than two bedspaces there is no spread to
 * measure, so no interval is given.
 */
export interface BedspaceNights {
  occupied: number
  available: number
}

export interface OccupancyInterval extends Interval {
  rate: number
  /** Variance of the clustered estimate over the variance if every bed-night were independent. */
  designEffect: number
  /** Bed-nights available ÷ design effect: how many independent nights the period is worth. */
  effectiveNights: number
}

/** Null when there is nothing available, or fewer than two bedspaces to measure the spread on. */
export function occupancyInterval(
  bedspaces: readonly BedspaceNights[],
  level = 0.95,
): OccupancyInterval | null {
  const open = bedspaces.filter((b) => b.available > 0)
  const available = open.reduce((n, b) => n + b.available, 0)
  const occupied = open.reduce((n, b) => n + b.occupied, 0)
  const k = open.length
  if (available <= 0 || k < 2) return null
  const rate = occupied / available
  // Linearised variance of a ratio estimator with clusters as the sampling units.
  const residuals = open.reduce((s, b) => s + (b.occupied - rate * b.available) ** 2, 0)
  const clustered = (k / (k - 1)) * (residuals / (available * available))
  const binomial = (rate * (1 - rate)) / available
  const designEffect = binomial > 0 ? Math.max(1, clustered / binomial) : 1
  const effectiveNights = available / designEffect
  const ci = wilson(rate * effectiveNights, effectiveNights, level)
  return ci ? { rate, ...ci, designEffect, effectiveNights } : null
}

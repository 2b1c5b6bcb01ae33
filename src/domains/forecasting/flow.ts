/**
 * The flow arithmetic of the stock-and-flow forecast (domain.md 13f: the method the MoJ's
 * prison population projections use). Pure functions on day numbers counted from the as-of
 * date: day 0 is the as-of date itself, months are calendar months starting on it.
 *
 * Everything here is checked by hand in flow.test.ts; the model (model.ts) only combines them.
 */

import { addMonths, epochDay, fromEpochDay, startOfMonth } from '../../platform/calendar/index.ts'

/** Days since 1970-01-01 (UTC) of an ISO date. */
export const dayNumber: (iso: string) => number = epochDay

export const isoOfDay: (day: number) => string = fromEpochDay

/** The first day of the month of an ISO date. */
export function monthStart(iso: string): string {
  return `${iso.slice(0, 7)}-01`
}

/** ISO first days of `count` calendar months from the month of `asOf` (asOf is a first day). */
export function monthsFrom(asOf: string, count: number): string[] {
  const first = startOfMonth(asOf)
  return Array.from({ length: count }, (_, i) => addMonths(first, i))
}

/**
 * Month boundaries as day offsets from the as-of date: month i covers [edges[i], edges[i+1]).
 * `months` + 1 edges; the first is 0 when asOf is the first of a month.
 */
export function monthEdges(asOf: string, months: number): number[] {
  const start = dayNumber(asOf)
  return monthsFrom(asOf, months + 1).map((m) => dayNumber(m) - start)
}

/** The month index of a day offset, or -1 outside [0, last edge). Edges are ascending. */
export function monthOfDay(edges: readonly number[], day: number): number {
  if (day < (edges[0] ?? 0) || day >= (edges[edges.length - 1] ?? 0)) return -1
  let lo = 0
  let hi = edges.length - 2
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((edges[mid] ?? 0) <= day) lo = mid
    else hi = mid - 1
  }
  return lo
}

/** Counts of events on known days (the custody stock's release dates), by month. */
export function countByMonth(edges: readonly number[], days: Iterable<number>, weight = 1): number[] {
  const out = new Array<number>(edges.length - 1).fill(0)
  for (const d of days) {
    const m = monthOfDay(edges, d)
    if (m >= 0) out[m] = (out[m] ?? 0) + weight
  }
  return out
}

/**
 * A distribution of durations in whole days, as its cumulative function: cdf[d] = P(D <= d).
 * Durations beyond the last day count as never ending within the horizon.
 */
export interface Durations {
  cdf: Float64Array
  /** How many observations it was made from (the denominator shown with it). */
  n: number
  mean: number
}

export function durationsOf(values: readonly number[], maxDay: number): Durations {
  const counts = new Map<number, number>()
  for (const v of values) {
    const d = Math.max(0, Math.round(v))
    counts.set(d, (counts.get(d) ?? 0) + 1)
  }
  return durationsFromCounts(counts, maxDay)
}

/**
 * The same distribution from counts of each whole-day duration, as a GROUP BY returns them:
 * the forecast reads durations this way rather than one row a person.
 */
export function durationsFromCounts(counts: ReadonlyMap<number, number>, maxDay: number): Durations {
  const atDay = new Float64Array(maxDay + 1)
  let n = 0
  let sum = 0
  for (const [value, count] of counts) {
    const d = Math.max(0, Math.round(value))
    n += count
    sum += d * count
    if (d <= maxDay) atDay[d] = (atDay[d] ?? 0) + count
  }
  const cdf = new Float64Array(maxDay + 1)
  let acc = 0
  for (let d = 0; d <= maxDay; d++) {
    acc += atDay[d] ?? 0
    cdf[d] = n === 0 ? 0 : acc / n
  }
  return { cdf, n, mean: n === 0 ? 0 : sum / n }
}

/** P(D <= d) for any whole d: 0 before the start, the last value after the end. */
export function cdfAt(dist: Durations, d: number): number {
  if (d < 0) return 0
  const last = dist.cdf.length - 1
  return dist.cdf[Math.min(d, last)] ?? 0
}

/** Which day offsets are working days; releases fall on working days only (domain.md 6). */
export type WorkingDays = (day: number) => boolean
export const everyDay: WorkingDays = () => true

/** The day itself if a working day, else the last working day before it (CJA 1961 s.23(3)). */
export function onOrBefore(isWorking: WorkingDays, day: number): number {
  let d = day
  for (let i = 0; i < 14 && !isWorking(d); i++) d--
  return d
}

/** Working days in each month. */
export function workingDaysByMonth(edges: readonly number[], isWorking: WorkingDays): number[] {
  const out: number[] = []
  for (let i = 0; i + 1 < edges.length; i++) {
    let n = 0
    for (let t = edges[i] ?? 0; t < (edges[i + 1] ?? 0); t++) if (isWorking(t)) n++
    out.push(n)
  }
  return out
}

/**
 * Releases by month from a constant flow of `perDay` receptions a day from day 0, each held
 * for a duration drawn from `dist`. Those received on day x leave on day x + D, so releases on
 * day t are perDay × P(D <= t): the flow reaches `perDay` once the longest stay has passed.
 * A release due on a non-working day happens on the working day before it.
 */
export function releasesFromFlow(
  edges: readonly number[],
  perDay: number,
  dist: Durations,
  isWorking: WorkingDays = everyDay,
): number[] {
  return unitFlow(edges, dist, isWorking).map((x) => x * perDay)
}

/**
 * Releases by month from one reception a day: the same for every area that shares the
 * distribution, so the model works it out once and scales it by each area's reception rate.
 */
export function unitFlow(
  edges: readonly number[],
  dist: Durations,
  isWorking: WorkingDays = everyDay,
): number[] {
  const out = new Array<number>(edges.length - 1).fill(0)
  const end = edges[edges.length - 1] ?? 0
  for (let t = edges[0] ?? 0; t < end; t++) {
    const m = monthOfDay(edges, onOrBefore(isWorking, t))
    if (m >= 0) out[m] = (out[m] ?? 0) + cdfAt(dist, t)
  }
  return out
}

/**
 * Month thresholds for a release moved onto the working day on or before it: a day in the run
 * of non-working days that opens a month (a weekend, New Year's Day) falls in the month before,
 * so each month's first edge moves past that run. Thresholds are edges[1..]; SQL's width_bucket
 * then gives the month (0 for anything before the first threshold).
 */
export function workingThresholds(edges: readonly number[], isWorking: WorkingDays): number[] {
  return edges.slice(1).map((edge) => {
    let d = edge
    while (!isWorking(d) && d - edge < 14) d++
    return d
  })
}

/**
 * How many of that flow are still held at the end of day t: perDay × Σ_{s=0..t} P(D > s).
 * At steady state this is perDay × mean stay (Little's law), which the unit tests check.
 */
export function heldFromFlow(perDay: number, dist: Durations, t: number): number {
  let sum = 0
  for (let s = 0; s <= t; s++) sum += 1 - cdfAt(dist, s)
  return perDay * sum
}

/**
 * Stays shortened to `factor` of their length: the release point of standard determinate
 * sentences moved, e.g. from half to 40% of the sentence is factor 0.8 (the September 2024
 * change, SI 2024/931). Time already served is not undone: a stay is never cut below `served`.
 */
export function scaledStay(stay: number, factor: number, served = 0): number {
  return Math.max(served, Math.round(stay * factor))
}

/** The share still on a caseload after `days` when people leave at a constant daily hazard. */
export function survival(hazardPerDay: number, days: number): number {
  return Math.exp(-hazardPerDay * Math.max(0, days))
}

/**
 * A constant hazard from events and exposure (events ÷ person-days at risk), the maximum
 * likelihood estimate under an exponential model; 0 when nobody was at risk.
 */
export function hazard(events: number, exposureDays: number): number {
  return exposureDays > 0 ? events / exposureDays : 0
}

/** Mean absolute percentage error, over the points whose actual is above zero. */
export function mape(pairs: readonly { forecast: number; actual: number }[]): number | null {
  const usable = pairs.filter((p) => p.actual > 0)
  if (usable.length === 0) return null
  const total = usable.reduce((s, p) => s + Math.abs(p.forecast - p.actual) / p.actual, 0)
  return (100 * total) / usable.length
}

/** A working-day test on absolute day numbers, seen from an as-of date (day offsets). */
export function relativeTo(asOf: string, workingDate: WorkingDays): WorkingDays {
  const day0 = dayNumber(asOf)
  return (t) => workingDate(t + day0)
}

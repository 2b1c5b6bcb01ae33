/**
 * From the recorded history to the model's view of it as of a date, what then happened, and
 * the backtest: the forecast made as of an earlier date set against what happened after it.
 * Pure. Nothing recorded after the as-of date reaches the model: receptions after it are left
 * out, releases after it are known only by their expected dates, and licences ended after it
 * count as open.
 */
import { dayNumber, everyDay, mape, monthEdges, monthOfDay, type WorkingDays } from './flow.ts'
import { forecast, type History, type Level, type Scenario, BASELINE } from './model.ts'
import type { RecordedHistory } from './repository.ts'
import { addMonths, startOfMonth } from '../../platform/calendar/index.ts'

const seen = new WeakMap<RecordedHistory, Map<string, History>>()

/** The model's view of the history as of a date; the same read and date give the same object. */
export function historyAsOf(rec: RecordedHistory, asOf: string): History {
  let byDate = seen.get(rec)
  if (!byDate) seen.set(rec, (byDate = new Map<string, History>()))
  let h = byDate.get(asOf)
  if (!h) byDate.set(asOf, (h = shift(rec, asOf)))
  return h
}

function shift(rec: RecordedHistory, asOf: string): History {
  const day0 = dayNumber(asOf)
  return {
    episodes: rec.episodes.map((e) => ({
      region: e.region,
      pdu: e.pdu,
      prison: e.prison,
      recall: e.recall,
      determinate: e.determinate,
      sentence: e.sentence - day0,
      release: (e.actual !== null && e.actual < day0 ? e.actual : e.expected) - day0,
    })),
    licences: rec.licences.map((l) => ({
      region: l.region,
      pdu: l.pdu,
      prison: l.prison,
      start: l.start - day0,
      plannedEnd: l.plannedEnd === null ? null : l.plannedEnd - day0,
      terminated: l.terminated === null ? null : l.terminated - day0,
      early: l.early,
    })),
    demand: rec.demand.map((d) => ({ ...d, day: d.day - day0 })),
  }
}

/** A working-day test on absolute day numbers, seen from an as-of date (day offsets). */
export function relativeTo(asOf: string, workingDate: WorkingDays): WorkingDays {
  const day0 = dayNumber(asOf)
  return (t) => workingDate(t + day0)
}

export interface Actual {
  releases: number[]
  caseload: number[]
}

/** Releases in each month and the caseload on each month's last day, by area, up to `today`. */
export function actuals(
  rec: RecordedHistory,
  asOf: string,
  months: number,
  level: Level,
): Map<string, Actual> {
  const day0 = dayNumber(asOf)
  const edges = monthEdges(asOf, months)
  const out = new Map<string, Actual>()
  const of = (area: string) => {
    let a = out.get(area)
    if (!a)
      out.set(
        area,
        (a = { releases: new Array<number>(months).fill(0), caseload: new Array<number>(months).fill(0) }),
      )
    return a
  }
  for (const e of rec.episodes) {
    if (e.actual === null) continue
    const m = monthOfDay(edges, e.actual - day0)
    const a = of(e[level])
    if (m >= 0) a.releases[m] = (a.releases[m] ?? 0) + 1
  }
  for (const l of rec.licences) {
    const a = of(l[level])
    for (let m = 0; m < months; m++) {
      const t = (edges[m + 1] ?? 0) - 1 + day0
      if (l.start <= t && (l.terminated === null || l.terminated > t))
        a.caseload[m] = (a.caseload[m] ?? 0) + 1
    }
  }
  return out
}

export interface BacktestError {
  area: string
  series: 'releases' | 'caseload'
  mape: number | null
  months: { month: string; forecast: number; actual: number }[]
}

/**
 * The forecast as of `asOf` for `horizon` months against what was recorded in them. The months
 * must be over (the caller checks): a month still under way would look like a shortfall.
 */
export function backtest(
  rec: RecordedHistory,
  asOf: string,
  horizon: number,
  level: Level,
  scenario: Scenario = BASELINE,
  workingDate: WorkingDays = everyDay,
): BacktestError[] {
  const made = forecast(historyAsOf(rec, asOf), asOf, horizon, level, scenario, relativeTo(asOf, workingDate))
  const happened = actuals(rec, asOf, horizon, level)
  const monthsOf = monthEdges(asOf, horizon).slice(0, horizon)
  const label = (i: number) => addMonths(startOfMonth(asOf), i)
  const errors: BacktestError[] = []
  for (const f of made) {
    const a = happened.get(f.area)
    if (!a) continue
    for (const series of ['releases', 'caseload'] as const) {
      const months = monthsOf.map((_, i) => ({
        month: label(i),
        forecast: f.series[series][i] ?? 0,
        actual: a[series][i] ?? 0,
      }))
      errors.push({ area: f.area, series, mape: mape(months), months })
    }
  }
  return errors
}

/**
 * Relative error of the backtest by months ahead, the root mean square over areas: the width
 * of the uncertainty band (± 1.96 of it) for a forecast that many months ahead. Beyond the
 * backtest's horizon it grows with the square root of the months ahead, as a random walk would.
 */
export function relativeErrorByMonth(
  errors: BacktestError[],
  series: 'releases' | 'caseload',
  months: number,
): number[] {
  const rows = errors.filter((e) => e.series === series)
  const horizon = rows[0]?.months.length ?? 0
  const byMonth: number[] = []
  for (let i = 0; i < horizon; i++) {
    let sum = 0
    let n = 0
    for (const r of rows) {
      const p = r.months[i]
      if (p && p.actual > 0) {
        sum += ((p.forecast - p.actual) / p.actual) ** 2
        n++
      }
    }
    byMonth.push(n ? Math.sqrt(sum / n) : 0)
  }
  const last = byMonth[horizon - 1] ?? 0.05
  return Array.from({ length: months }, (_, i) =>
    i < horizon ? (byMonth[i] ?? last) : last * Math.sqrt((i + 1) / Math.max(1, horizon)),
  )
}

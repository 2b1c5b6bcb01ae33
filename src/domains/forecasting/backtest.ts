/**
 * The backtest: the forecast made as of an earlier date set against what happened after it,
 * and the relative errors by months ahead that make the bands. Pure; the counts as of that
 * date and what then happened come in as data.
 */
import { everyDay, mape, type WorkingDays } from './flow.ts'
import { BASELINE, forecastLevel, type Level, type ModelInputs } from './model.ts'
import type { Actual } from './records.ts'
import { addMonths, startOfMonth } from '../../platform/calendar/index.ts'

export type { Actual } from './records.ts'

export interface BacktestError {
  area: string
  series: 'releases' | 'caseload'
  mape: number | null
  months: { month: string; forecast: number; actual: number }[]
}

/**
 * The baseline forecast as of `inputs.asOf` for `horizon` months against what was recorded in
 * them (`happened`, by area). The months must be over (the caller checks): a month still under
 * way would look like a shortfall.
 */
export function backtest(
  inputs: ModelInputs,
  happened: ReadonlyMap<string, Actual>,
  horizon: number,
  level: Level,
  isWorking: WorkingDays = everyDay,
): BacktestError[] {
  const made = forecastLevel(inputs, level, horizon, BASELINE, null, isWorking)
  const label = (i: number) => addMonths(startOfMonth(inputs.asOf), i)
  const errors: BacktestError[] = []
  for (const f of made) {
    const a = happened.get(f.area)
    if (!a) continue
    for (const series of ['releases', 'caseload'] as const) {
      const months = Array.from({ length: horizon }, (_, i) => ({
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

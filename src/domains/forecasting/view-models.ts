/**
 * What the forecast pages show: the series for one area (or the sum of all areas in view),
 * every point as a table, the backtest by area. Each table is also the download.
 */
import type { DataTable } from '../outcomes/tables-export.ts'
import type { LinePoint } from './charts.ts'
import type { Series } from './model.ts'
import type { Point } from './service.ts'
import { formatShortMonthYear } from '../../platform/calendar/index.ts'

export const SERIES_LABELS: Record<Series, string> = {
  releases: 'Releases',
  caseload: 'Probation caseload of prison leavers (month end)',
  cas3_referrals: 'CAS3 referrals',
  cas3_bed_nights: 'CAS3 bed-nights',
  crs_referrals: 'CRS referrals',
}
export const LEVEL_LABELS = { region: 'Region', pdu: 'Probation delivery unit', prison: 'Prison' } as const

const n1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1)
export const monthLabel = (iso: string) => formatShortMonthYear(iso)

/** The points of one area, or summed over all areas (area null). Bands of a sum are summed: a conservative width. */
export function totalByMonth(points: Point[], area: string | null): Point[] {
  const by = new Map<string, Point>()
  for (const p of points) {
    if (area !== null && p.area !== area) continue
    const t = by.get(p.month) ?? { area: area ?? 'all', month: p.month, value: 0, low: 0, high: 0 }
    by.set(p.month, { ...t, value: t.value + p.value, low: t.low + p.low, high: t.high + p.high })
  }
  return [...by.values()].sort((a, b) => a.month.localeCompare(b.month))
}

export function chartPoints(base: Point[], scenario: Point[] | null, scenarioName: string): LinePoint[] {
  const lines: LinePoint[] = base.map((p) => ({
    month: p.month,
    line: 'Baseline',
    value: p.value,
    low: p.low,
    high: p.high,
  }))
  if (scenario) for (const p of scenario) lines.push({ month: p.month, line: scenarioName, value: p.value })
  return lines
}

export function summaryTable(
  base: Point[],
  scenario: Point[] | null,
  scenarioName: string,
  caption: string,
): DataTable {
  return {
    id: 'summary',
    caption,
    head: ['Month', 'Baseline', 'Low (95%)', 'High (95%)', ...(scenario ? [scenarioName, 'Difference'] : [])],
    rows: base.map((p, i) => {
      const s = scenario?.[i]
      return [
        { text: monthLabel(p.month) },
        { text: n1(p.value), numeric: true },
        { text: n1(p.low), numeric: true },
        { text: n1(p.high), numeric: true },
        ...(s
          ? [
              { text: n1(s.value), numeric: true },
              { text: n1(s.value - p.value), numeric: true },
            ]
          : []),
      ]
    }),
  }
}

export function pointsTable(points: Point[], names: Map<string, string>, caption: string): DataTable {
  return {
    id: 'forecast',
    caption,
    head: ['Area', 'Area code', 'Month', 'Forecast', 'Low (95%)', 'High (95%)'],
    rows: points.map((p) => [
      { text: names.get(p.area) ?? p.area },
      { text: p.area },
      { text: p.month },
      { text: n1(p.value), numeric: true },
      { text: n1(p.low), numeric: true },
      { text: n1(p.high), numeric: true },
    ]),
  }
}

export interface BacktestRow {
  area: string
  series: 'releases' | 'caseload'
  mape: number | null
  months: { month: string; forecast: number; actual: number }[]
}

export function backtestTable(errors: BacktestRow[], names: Map<string, string>, months: number): DataTable {
  const areas = [...new Set(errors.map((e) => e.area))]
  const pick = (area: string, series: BacktestRow['series']) =>
    errors.find((e) => e.area === area && e.series === series)
  const sum = (r: BacktestRow | undefined, k: 'forecast' | 'actual') =>
    (r?.months ?? []).reduce((s, m) => s + m[k], 0)
  return {
    id: 'backtest',
    caption: `Backtest by region: mean absolute percentage error (MAPE) over ${months} months`,
    head: ['Region', 'Releases MAPE (%)', 'Releases forecast', 'Releases recorded', 'Caseload MAPE (%)'],
    rows: areas.map((a) => {
      const r = pick(a, 'releases')
      const c = pick(a, 'caseload')
      return [
        { text: names.get(a) ?? a },
        { text: r?.mape === null || r?.mape === undefined ? '' : r.mape.toFixed(1), numeric: true },
        { text: sum(r, 'forecast').toFixed(0), numeric: true },
        { text: sum(r, 'actual').toFixed(0), numeric: true },
        { text: c?.mape === null || c?.mape === undefined ? '' : c.mape.toFixed(1), numeric: true },
      ]
    }),
  }
}

/** Forecast against recorded, summed over the areas in view, for the backtest chart. */
export function backtestLines(errors: BacktestRow[], series: BacktestRow['series']): LinePoint[] {
  const by = new Map<string, { f: number; a: number }>()
  for (const e of errors.filter((x) => x.series === series))
    for (const m of e.months) {
      const t = by.get(m.month) ?? { f: 0, a: 0 }
      by.set(m.month, { f: t.f + m.forecast, a: t.a + m.actual })
    }
  const months = [...by.keys()].sort()
  return [
    ...months.map((month) => ({ month, line: 'Forecast', value: by.get(month)?.f ?? 0 })),
    ...months.map((month) => ({ month, line: 'Recorded', value: by.get(month)?.a ?? 0 })),
  ]
}

/**
 * What the forecast pages show: the series for one area (or the sum of all areas in view),
 * every point as a table, the backtest by area. Each table is also the download.
 */
import type { Column, Table } from '../../platform/table/index.ts'
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
  dtr_notifications: 'Duty to Refer notifications',
}
export const LEVEL_LABELS = {
  region: 'Region',
  pdu: 'Probation delivery unit',
  prison: 'Prison',
  council: 'Council',
} as const

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

interface SummaryRow {
  base: Point
  scenario: Point | undefined
}

export function summaryTable(
  base: Point[],
  scenario: Point[] | null,
  scenarioName: string,
  caption: string,
): Table<SummaryRow> {
  const columns: Column<SummaryRow>[] = [
    { key: 'month', label: 'Month', value: (r) => monthLabel(r.base.month) },
    { key: 'baseline', label: 'Baseline', value: (r) => r.base.value, format: 'number' },
    { key: 'low', label: 'Low (95%)', value: (r) => r.base.low, format: 'number' },
    { key: 'high', label: 'High (95%)', value: (r) => r.base.high, format: 'number' },
  ]
  if (scenario)
    columns.push(
      { key: 'scenario', label: scenarioName, value: (r) => r.scenario?.value, format: 'number' },
      {
        key: 'difference',
        label: 'Difference',
        value: (r) => (r.scenario ? r.scenario.value - r.base.value : null),
        format: 'number',
      },
    )
  return {
    id: 'summary',
    caption,
    columns,
    rows: base.map((p, i) => ({ base: p, scenario: scenario?.[i] })),
  }
}

export function pointsTable(points: Point[], names: Map<string, string>, caption: string): Table<Point> {
  return {
    id: 'forecast',
    caption,
    columns: [
      { key: 'area', label: 'Area', value: (p) => names.get(p.area) ?? p.area },
      { key: 'code', label: 'Area code', value: (p) => p.area },
      { key: 'month', label: 'Month', value: (p) => p.month },
      { key: 'value', label: 'Forecast', value: (p) => p.value, format: 'number' },
      { key: 'low', label: 'Low (95%)', value: (p) => p.low, format: 'number' },
      { key: 'high', label: 'High (95%)', value: (p) => p.high, format: 'number' },
    ],
    rows: points,
  }
}

export interface BacktestRow {
  area: string
  series: 'releases' | 'caseload'
  mape: number | null
  months: { month: string; forecast: number; actual: number }[]
}

interface BacktestLine {
  area: string
  releases: BacktestRow | undefined
  caseload: BacktestRow | undefined
}

export function backtestTable(
  errors: BacktestRow[],
  names: Map<string, string>,
  months: number,
): Table<BacktestLine> {
  const sum = (r: BacktestRow | undefined, k: 'forecast' | 'actual') =>
    (r?.months ?? []).reduce((s, m) => s + m[k], 0)
  const rows = [...new Set(errors.map((e) => e.area))].map((area) => ({
    area,
    releases: errors.find((e) => e.area === area && e.series === 'releases'),
    caseload: errors.find((e) => e.area === area && e.series === 'caseload'),
  }))
  return {
    id: 'backtest',
    caption: `Backtest by region: mean absolute percentage error (MAPE) over ${months} months`,
    columns: [
      { key: 'region', label: 'Region', value: (r) => names.get(r.area) ?? r.area },
      { key: 'releasesMape', label: 'Releases MAPE (%)', value: (r) => r.releases?.mape, format: 'number' },
      {
        key: 'forecast',
        label: 'Releases forecast',
        value: (r) => sum(r.releases, 'forecast'),
        format: 'number',
        decimals: 0,
      },
      {
        key: 'recorded',
        label: 'Releases recorded',
        value: (r) => sum(r.releases, 'actual'),
        format: 'count',
      },
      { key: 'caseloadMape', label: 'Caseload MAPE (%)', value: (r) => r.caseload?.mape, format: 'number' },
    ],
    rows,
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

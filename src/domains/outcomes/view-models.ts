/**
 * One view model per page: figures with small cells suppressed, changes in percentage points,
 * and every table as a DataTable so the page and its downloads hold the same numbers.
 */
import { MEASURES, measureOf, periodLabel, type Measure, type PeriodUnit } from './measures.ts'
import type { Cell } from './query.ts'
import { changeInPoints, describeTarget, formatNumber, meetsTarget, rateOf, type Target } from './targets.ts'
import type { DataTable, TableCell } from './tables-export.ts'
import { cellHidden, publishedCounts } from './disclosure.ts'

export const SUPPRESSED = '[c]'

export interface Figure {
  cell: Cell | undefined
  /** Null when there is nothing to show: no known statuses, or a suppressed cell. */
  rate: number | null
  suppressed: boolean
}

/**
 * A rate is shown only when the denominator reaches the threshold (default 5) and neither of its
 * counts is withheld: beside its denominator a rate gives back a withheld numerator (issue 12).
 */
export function figureOf(cell: Cell | undefined, threshold: number): Figure {
  if (!cell || cell.denominator === 0) return { cell, rate: null, suppressed: false }
  if (
    cell.denominator < threshold ||
    cellHidden(cell, 'numerator', threshold) ||
    cellHidden(cell, 'denominator', threshold)
  )
    return { cell, rate: null, suppressed: true }
  return { cell, rate: rateOf(cell.numerator, cell.denominator), suppressed: false }
}

export function rateText(f: Figure): string {
  if (f.suppressed) return SUPPRESSED
  return f.rate === null ? 'No data' : `${formatNumber(f.rate)}%`
}

/** A count of 1 to threshold − 1 could identify someone, so it is suppressed too. */
export function countText(n: number | undefined, threshold: number): string {
  if (n === undefined) return '0'
  return n > 0 && n < threshold ? SUPPRESSED : String(n)
}

/** A count of a cell, withheld when small or when disclosure control withheld it for its sums. */
export function countOf(
  cell: Cell | undefined,
  column: 'numerator' | 'denominator' | 'unknown' | 'excluded',
  threshold: number,
): string {
  if (cell && cellHidden(cell, column, threshold)) return SUPPRESSED
  return countText(cell?.[column], threshold)
}

/**
 * A cell as the API publishes it, by the same rules as the pages: no rate when the denominator is
 * under the threshold, and every count from 1 to threshold − 1 withheld (null), as [c] is.
 */
export function publishedCell(c: Cell, threshold: number) {
  const f = figureOf(c, threshold)
  const counts = publishedCounts(c, threshold)
  return {
    measure: c.measure,
    group: c.group,
    period: c.period,
    rate: f.rate,
    suppressed: f.suppressed,
    ...counts,
    offences: f.suppressed || counts.numerator === null ? null : c.offences,
  }
}

const num = (text: string, href?: string): TableCell => ({ text, numeric: true, ...(href ? { href } : {}) })
const txt = (text: string, href?: string): TableCell => ({ text, ...(href ? { href } : {}) })

export function drillHref(
  measure: string,
  region: string,
  period: string,
  unit: PeriodUnit = 'quarter',
  extra: Record<string, string> = {},
) {
  const q = new URLSearchParams({ period, unit, ...extra })
  return `/outcomes/regions/${region}/measures/${measure}/releases?${q.toString()}`
}

function against(target: Target | undefined, f: Figure): string {
  if (!target) return 'No target'
  if (f.rate === null) return f.suppressed ? 'Too few releases to say' : 'No data'
  return meetsTarget(target, f.rate) ? 'Meets target' : 'Below target'
}

const find = (cells: Cell[], measure: string, group: string, period: string) =>
  cells.find((c) => c.measure === measure && c.group === group && c.period === period)

const previous = (period: string) => {
  const [y, m] = period.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) - 3
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`
}

/** The latest target per region and measure (the one with the latest deadline). */
export function targetFor(targets: Target[], region: string, measure: string): Target | undefined {
  return targets
    .filter((t) => t.regionCode === region && t.measureKey === measure)
    .sort((a, b) => b.deadline.localeCompare(a.deadline))[0]
}

export function nationalTable(
  data: {
    regions: { code: string; name: string }[]
    targets: Target[]
    cells: Cell[]
    latest: Record<string, string>
  },
  threshold: number,
): DataTable {
  const measures = MEASURES.filter((m) => data.targets.some((t) => t.measureKey === m.key))
  const rows: TableCell[][] = []
  for (const region of data.regions) {
    for (const m of measures) {
      const period = data.latest[m.key] ?? ''
      const f = figureOf(find(data.cells, m.key, region.code, period), threshold)
      const target = targetFor(data.targets, region.code, m.key)
      rows.push([
        txt(region.name),
        txt(m.label),
        txt(periodLabel(period, 'quarter')),
        num(rateText(f), drillHref(m.key, region.code, period)),
        num(countOf(f.cell, 'denominator', threshold)),
        num(countOf(f.cell, 'unknown', threshold)),
        txt(target ? describeTarget(target) : 'No target'),
        txt(against(target, f)),
        txt(target && f.rate !== null ? changeInPoints(target.baselineValue, f.rate) : ''),
      ])
    }
  }
  return {
    id: 'regions-against-targets',
    caption: 'Every region against every measure with a target, latest complete quarter',
    head: [
      'Region',
      'Measure',
      'Quarter',
      'Rate',
      'Releases with a known status',
      'Unknown status',
      'Target',
      'Against target',
      'Change from baseline',
    ],
    rows,
  }
}

export function nationalTotals(cells: Cell[], latest: Record<string, string>, threshold: number): DataTable {
  return {
    id: 'england-and-wales',
    caption: 'England and Wales, latest complete quarter',
    head: ['Measure', 'Quarter', 'Rate', 'Numerator', 'Denominator', 'Unknown status', 'Excluded'],
    rows: MEASURES.map((m) => {
      const period = latest[m.key] ?? ''
      const f = figureOf(find(cells, m.key, 'ENGLAND_AND_WALES', period), threshold)
      return [
        txt(m.label),
        txt(periodLabel(period, 'quarter')),
        num(rateText(f)),
        num(countOf(f.cell, 'numerator', threshold)),
        num(countOf(f.cell, 'denominator', threshold)),
        num(countOf(f.cell, 'unknown', threshold)),
        num(countOf(f.cell, 'excluded', threshold)),
      ]
    }),
  }
}

export function regionalSummary(
  region: string,
  targets: Target[],
  cells: Cell[],
  latest: Record<string, string>,
  threshold: number,
): DataTable {
  return {
    id: 'measures',
    caption: 'Each measure against its target, latest complete quarter',
    head: [
      'Measure',
      'Quarter',
      'Rate',
      'Numerator',
      'Denominator',
      'Unknown status',
      'Excluded',
      'Target',
      'Against target',
      'Change from baseline',
      'Change from previous quarter',
    ],
    rows: MEASURES.map((m) => {
      const period = latest[m.key] ?? ''
      const f = figureOf(find(cells, m.key, region, period), threshold)
      const before = figureOf(find(cells, m.key, region, previous(period)), threshold)
      const target = targetFor(targets, region, m.key)
      return [
        txt(m.label, `/outcomes/regions/${region}?measure=${m.key}#trend`),
        txt(periodLabel(period, 'quarter')),
        num(rateText(f), drillHref(m.key, region, period)),
        num(countOf(f.cell, 'numerator', threshold)),
        num(countOf(f.cell, 'denominator', threshold)),
        num(countOf(f.cell, 'unknown', threshold)),
        num(countOf(f.cell, 'excluded', threshold)),
        txt(target ? describeTarget(target) : 'No target'),
        txt(against(target, f)),
        txt(target && f.rate !== null ? changeInPoints(target.baselineValue, f.rate) : ''),
        txt(f.rate !== null && before.rate !== null ? changeInPoints(before.rate, f.rate) : ''),
      ]
    }),
  }
}

/** A measure over time or across groups, with the reoffending frequencies where they apply. */
export function seriesTable(
  id: string,
  caption: string,
  first: string,
  measure: Measure,
  region: string,
  cells: Cell[],
  unit: PeriodUnit,
  threshold: number,
  key: (c: Cell) => string,
  drillExtra: (c: Cell) => Record<string, string> = () => ({}),
): DataTable {
  const reoffending = measure.type === 'reoffending'
  const sorted = [...cells].sort((a, b) => key(a).localeCompare(key(b)))
  let before: Figure | undefined
  const rows = sorted.map((c) => {
    const f = figureOf(c, threshold)
    const change = f.rate !== null && before?.rate != null ? changeInPoints(before.rate, f.rate) : ''
    before = f
    const small = f.suppressed || f.rate === null
    return [
      txt(key(c)),
      num(rateText(f), drillHref(measure.key, region, c.period, unit, drillExtra(c))),
      num(countOf(c, 'numerator', threshold)),
      num(countOf(c, 'denominator', threshold)),
      num(countOf(c, 'unknown', threshold)),
      num(countOf(c, 'excluded', threshold)),
      ...(reoffending
        ? [
            num(small ? SUPPRESSED : (c.offences / c.denominator).toFixed(2)),
            num(small || !c.numerator ? SUPPRESSED : (c.offences / c.numerator).toFixed(2)),
          ]
        : []),
      ...(id.endsWith('quarter') || id.endsWith('month') ? [txt(change)] : []),
    ]
  })
  const head = [first, 'Rate', 'Numerator', 'Denominator', 'Unknown status', 'Excluded']
  if (reoffending) head.push('Reoffences per person', 'Reoffences per reoffender')
  if (id.endsWith('quarter') || id.endsWith('month')) head.push('Change')
  return { id, caption, head, rows }
}

/** The annual proven reoffending rate: the mean of four quarterly cohorts' rates. */
export function annualMean(cells: Cell[], threshold: number): number | null {
  const rates = [...cells]
    .sort((a, b) => b.period.localeCompare(a.period))
    .slice(0, 4)
    .map((c) => figureOf(c, threshold).rate)
  if (rates.length < 4 || rates.some((r) => r === null)) return null
  return Math.round(((rates as number[]).reduce((a, b) => a + b, 0) / 4) * 10) / 10
}

export function measureOptions(selected: string) {
  return MEASURES.map((m) => ({ value: m.key, text: m.label, selected: m.key === selected }))
}

export { measureOf }

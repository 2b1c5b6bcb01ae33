/**
 * One view model per page: figures with small cells suppressed, changes in percentage points,
 * and every table as a DataTable so the page and its downloads hold the same numbers.
 */
import { MEASURES, measureOf, periodLabel, type Measure, type PeriodUnit } from './measures.ts'
import type { Cell } from './query.ts'
import { changeInPoints, type Target } from './targets.ts'
import { quarterBefore, targetStanding } from './target-standing.ts'
import type { DataTable, TableCell } from './tables-export.ts'
import {
  countOf,
  countText,
  figureOf,
  rateText,
  revisionsHref,
  statusText,
  SUPPRESSED,
  type Figure,
} from './figures.ts'

export {
  countOf,
  countText,
  figureOf,
  publishedCell,
  rateText,
  revisionsHref,
  statusText,
  SUPPRESSED,
  type Figure,
} from './figures.ts'

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

/** The target and how the figure stands against it (target-standing.ts), as two table cells. */
function standingCells(
  target: Target | undefined,
  f: Figure,
  period: string,
  figureFor: (period: string) => Figure,
): TableCell[] {
  const s = targetStanding(target, f, period, target ? figureFor(quarterBefore(target.deadline)) : undefined)
  return [txt(s.target), txt(s.against)]
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
        ...standingCells(target, f, period, (p) =>
          figureOf(find(data.cells, m.key, region.code, p), threshold),
        ),
        txt(target && f.rate !== null ? changeInPoints(target.baselineValue, f.rate) : ''),
        txt(statusText(f.cell, threshold), revisionsHref(f.cell)),
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
      'Status',
    ],
    rows,
  }
}

export function nationalTotals(cells: Cell[], latest: Record<string, string>, threshold: number): DataTable {
  return {
    id: 'england-and-wales',
    caption: 'England and Wales, latest complete quarter',
    head: ['Measure', 'Quarter', 'Rate', 'Numerator', 'Denominator', 'Unknown status', 'Excluded', 'Status'],
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
        txt(statusText(f.cell, threshold), revisionsHref(f.cell)),
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
      'Status',
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
        ...standingCells(target, f, period, (p) => figureOf(find(cells, m.key, region, p), threshold)),
        txt(target && f.rate !== null ? changeInPoints(target.baselineValue, f.rate) : ''),
        txt(f.rate !== null && before.rate !== null ? changeInPoints(before.rate, f.rate) : ''),
        txt(statusText(f.cell, threshold), revisionsHref(f.cell)),
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
      txt(statusText(c, threshold), revisionsHref(c)),
    ]
  })
  const head = [first, 'Rate', 'Numerator', 'Denominator', 'Unknown status', 'Excluded']
  if (reoffending) head.push('Reoffences per person', 'Reoffences per reoffender')
  if (id.endsWith('quarter') || id.endsWith('month')) head.push('Change')
  head.push('Status')
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

/** The offender-based view of proven reoffending: each person once per quarter (offender-view.ts). */
export function offenderTable(
  cells: { period: string; people: number; reoffenders: number; offences: number }[],
  threshold: number,
): DataTable {
  return {
    id: 'offender-based',
    caption: 'Proven reoffending, offender-based: each person once per quarter, each offence once',
    head: ['Quarter', 'Rate', 'People', 'Reoffenders', 'Reoffences', 'Reoffences per reoffender'],
    rows: cells.map((c) => {
      const f = figureOf(
        {
          measure: '',
          group: '',
          period: c.period,
          cohort: c.people,
          excluded: 0,
          unknown: 0,
          denominator: c.people,
          numerator: c.reoffenders,
          offences: c.offences,
        },
        threshold,
      )
      return [
        txt(periodLabel(c.period, 'quarter')),
        num(rateText(f)),
        num(countText(c.people, threshold)),
        num(countText(c.reoffenders, threshold)),
        num(f.suppressed ? SUPPRESSED : countText(c.offences, threshold)),
        num(f.suppressed || !c.reoffenders ? SUPPRESSED : (c.offences / c.reoffenders).toFixed(2)),
      ]
    }),
  }
}

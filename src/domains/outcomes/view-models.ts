/**
 * One view model per page: figures with small cells suppressed, changes in percentage points,
 * and every table as column specs (lines.ts) so the page and its downloads hold the same numbers.
 */
import { MEASURES, measureOf, periodLabel, type Measure, type PeriodUnit } from './measures.ts'
import type { Cell } from './query.ts'
import { NATIONAL } from './query-parts.ts'
import { changeInPoints, type Target } from './targets.ts'
import { quarterBefore, targetStanding } from './target-standing.ts'
import { lineTable, type Line, type LineTable } from './lines.ts'

/**
 * A page narrowed to a PDU or a prison (dashboard-filter-view.ts): its words for captions, and
 * the query its drill-downs keep. Targets are set for regions (targets.ts), so a narrowed figure
 * is set against its region's target as context, under headings that say so.
 */
export interface Narrowed {
  applied: unknown
  caption: string
  params: Record<string, string>
}
const WHOLE: Narrowed = { applied: null, caption: '', params: {} }

const targetColumns = (n: Narrowed) =>
  n.applied
    ? ([
        ['target', 'Region’s target (context)'],
        ['against', 'Against the region’s target'],
        ['baseline', 'Change from the region’s baseline'],
      ] as const)
    : ([
        ['target', 'Target'],
        ['against', 'Against target'],
        ['baseline', 'Change from baseline'],
      ] as const)
import {
  countOf,
  figureOf,
  intervalText,
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

/** The target and how the figure stands against it (target-standing.ts), as two cells of a line. */
function standingCells(
  target: Target | undefined,
  f: Figure,
  period: string,
  figureFor: (period: string) => Figure,
): Line {
  const s = targetStanding(target, f, period, target ? figureFor(quarterBefore(target.deadline)) : undefined)
  return { target: s.target, against: s.against }
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
): LineTable {
  const measures = MEASURES.filter((m) => data.targets.some((t) => t.measureKey === m.key))
  const rows: Line[] = []
  for (const region of data.regions) {
    for (const m of measures) {
      const period = data.latest[m.key] ?? ''
      const f = figureOf(find(data.cells, m.key, region.code, period), threshold)
      const target = targetFor(data.targets, region.code, m.key)
      rows.push({
        region: region.name,
        measure: m.label,
        quarter: periodLabel(period, 'quarter'),
        rate: rateText(f),
        'rate:href': drillHref(m.key, region.code, period),
        interval: intervalText(f),
        denominator: countOf(f.cell, 'denominator', threshold),
        unknown: countOf(f.cell, 'unknown', threshold),
        ...standingCells(target, f, period, (p) =>
          figureOf(find(data.cells, m.key, region.code, p), threshold),
        ),
        baseline: target && f.rate !== null ? changeInPoints(target.baselineValue, f.rate) : '',
        status: statusText(f.cell, threshold),
        'status:href': revisionsHref(f.cell),
      })
    }
  }
  return lineTable(
    'regions-against-targets',
    'Every region against every measure with a target, latest complete quarter',
    [
      ['region', 'Region'],
      ['measure', 'Measure'],
      ['quarter', 'Quarter'],
      ['rate', 'Rate', 'figure'],
      ['interval', '95% interval', 'figure'],
      ['denominator', 'Releases with a known status', 'figure'],
      ['unknown', 'Unknown status', 'figure'],
      ...targetColumns(WHOLE),
      ['status', 'Status'],
    ],
    rows,
  )
}

/** The columns every figure table shares after its first: the rate and the counts behind it. */
const FIGURE_COLUMNS = [
  ['rate', 'Rate', 'figure'],
  ['interval', '95% interval', 'figure'],
  ['numerator', 'Numerator', 'figure'],
  ['denominator', 'Denominator', 'figure'],
  ['unknown', 'Unknown status', 'figure'],
  ['excluded', 'Excluded', 'figure'],
] as const

function counts(c: Cell | undefined, threshold: number): Line {
  return {
    numerator: countOf(c, 'numerator', threshold),
    denominator: countOf(c, 'denominator', threshold),
    unknown: countOf(c, 'unknown', threshold),
    excluded: countOf(c, 'excluded', threshold),
  }
}

export function nationalTotals(cells: Cell[], latest: Record<string, string>, threshold: number): LineTable {
  return lineTable(
    'england-and-wales',
    'England and Wales, latest complete quarter',
    [['measure', 'Measure'], ['quarter', 'Quarter'], ...FIGURE_COLUMNS, ['status', 'Status']],
    MEASURES.map((m) => {
      const period = latest[m.key] ?? ''
      const f = figureOf(find(cells, m.key, NATIONAL, period), threshold)
      return {
        measure: m.label,
        quarter: periodLabel(period, 'quarter'),
        rate: rateText(f),
        interval: intervalText(f),
        ...counts(f.cell, threshold),
        status: statusText(f.cell, threshold),
        'status:href': revisionsHref(f.cell),
      }
    }),
  )
}

export function regionalSummary(
  region: string,
  targets: Target[],
  cells: Cell[],
  latest: Record<string, string>,
  threshold: number,
  area: Narrowed = WHOLE,
): LineTable {
  const query = new URLSearchParams(area.params).toString()
  return lineTable(
    'measures',
    `Each measure against its target, latest complete quarter${area.caption}`,
    [
      ['measure', 'Measure'],
      ['quarter', 'Quarter'],
      ...FIGURE_COLUMNS,
      ...targetColumns(area),
      ['change', 'Change from previous quarter'],
      ['status', 'Status'],
    ],
    MEASURES.map((m) => {
      const period = latest[m.key] ?? ''
      const f = figureOf(find(cells, m.key, region, period), threshold)
      const before = figureOf(find(cells, m.key, region, previous(period)), threshold)
      const target = targetFor(targets, region, m.key)
      return {
        measure: m.label,
        'measure:href': `/outcomes/regions/${region}?measure=${m.key}${query ? `&${query}` : ''}#trend`,
        quarter: periodLabel(period, 'quarter'),
        rate: rateText(f),
        'rate:href': drillHref(m.key, region, period, 'quarter', area.params),
        interval: intervalText(f),
        ...counts(f.cell, threshold),
        ...standingCells(target, f, period, (p) => figureOf(find(cells, m.key, region, p), threshold)),
        baseline: target && f.rate !== null ? changeInPoints(target.baselineValue, f.rate) : '',
        change: f.rate !== null && before.rate !== null ? changeInPoints(before.rate, f.rate) : '',
        status: statusText(f.cell, threshold),
        'status:href': revisionsHref(f.cell),
      }
    }),
  )
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
  /** The first column's text; the sort is by `key` (periods in order, names alphabetically). */
  label: (c: Cell) => string = key,
): LineTable {
  const reoffending = measure.type === 'reoffending'
  const series = id.endsWith('quarter') || id.endsWith('month')
  const sorted = [...cells].sort((a, b) => key(a).localeCompare(key(b)))
  let before: Figure | undefined
  const rows = sorted.map((c): Line => {
    const f = figureOf(c, threshold)
    const change = f.rate !== null && before?.rate != null ? changeInPoints(before.rate, f.rate) : ''
    before = f
    const small = f.suppressed || f.rate === null
    return {
      group: label(c),
      rate: rateText(f),
      'rate:href': drillHref(measure.key, region, c.period, unit, drillExtra(c)),
      interval: intervalText(f),
      ...counts(c, threshold),
      perPerson: small ? SUPPRESSED : (c.offences / c.denominator).toFixed(2),
      perReoffender: small || !c.numerator ? SUPPRESSED : (c.offences / c.numerator).toFixed(2),
      change,
      status: statusText(c, threshold),
      'status:href': revisionsHref(c),
    }
  })
  return lineTable(
    id,
    caption,
    [
      ['group', first],
      ...FIGURE_COLUMNS,
      ...(reoffending
        ? ([
            ['perPerson', 'Reoffences per person', 'figure'],
            ['perReoffender', 'Reoffences per reoffender', 'figure'],
          ] as const)
        : []),
      ...(series ? ([['change', 'Change']] as const) : []),
      ['status', 'Status'],
    ],
    rows,
  )
}

export function measureOptions(selected: string) {
  return MEASURES.map((m) => ({ value: m.key, text: m.label, selected: m.key === selected }))
}

export { measureOf }

export { annualMean, offenderTable } from './reoffending-tables.ts'

/**
 * The outcome dashboards, downloads and API through the one disclosure module
 * (platform/disclosure): which counts of a cell are withheld, given what is published beside it.
 *
 * - Within a cell the API publishes cohort = denominator + unknown + excluded, so one withheld
 *   term with the other three published would give it back.
 * - Across cells a page publishes parts beside their total: a region's quarter beside its PDUs
 *   and its prisons, and a quarter beside its three months. protectCells withholds enough further
 *   counts that none can be recovered by subtraction (issue 12, defect 1; issue 14).
 */
import { disclosurePolicy, isSmall, suppressTable, type Sum } from '../../platform/disclosure/index.ts'
import type { Cell } from './query.ts'

export const COUNT_COLUMNS = ['numerator', 'denominator', 'unknown', 'excluded'] as const
export type CountColumn = (typeof COUNT_COLUMNS)[number]

export function cellHidden(c: Cell, column: CountColumn | 'cohort', threshold: number): boolean {
  return isSmall(c[column], disclosurePolicy({ threshold })) || (c.withheld?.has(column) ?? false)
}

/** A cell's counts as the API publishes them: null when withheld. */
export function publishedCounts(c: Cell, threshold: number) {
  const policy = disclosurePolicy({ threshold })
  const values = new Map<string, number>([
    ['cohort', c.cohort],
    ...COUNT_COLUMNS.map((k) => [k, c[k]] as [string, number]),
  ])
  const cohortSum: Sum = { total: 'cohort', parts: ['denominator', 'unknown', 'excluded'] }
  const extra = [...(c.withheld ?? [])]
  const { withheld } = suppressTable(values, [cohortSum], policy, extra)
  const out = (k: string) => (withheld.has(k) ? null : (values.get(k) ?? 0))
  return {
    cohort: out('cohort'),
    numerator: out('numerator'),
    denominator: out('denominator'),
    unknown: out('unknown'),
    excluded: out('excluded'),
  }
}

/**
 * Marks, on each cell, the counts withheld so that no withheld count of any part or total can be
 * worked out from the others: `relations` lists each total with the cells that partition it.
 * Cells are changed in place (Cell.withheld), so the tables, charts and downloads built from them
 * afterwards all show the same suppression.
 */
export function protectCells(
  relations: { total: Cell | undefined; parts: Cell[] }[],
  threshold: number,
  /** Cells published elsewhere as they are: known to a reader, so never chosen to withhold, and
   * withheld here only where they are withheld there. */
  fixed: ReadonlySet<Cell> = new Set(),
) {
  const policy = disclosurePolicy({ threshold })
  const ids = new Map<Cell, number>()
  const id = (c: Cell) => {
    let i = ids.get(c)
    if (i === undefined) ids.set(c, (i = ids.size))
    return i
  }
  const live = relations.filter((r) => r.total && r.parts.length)
  for (const r of live) [r.total as Cell, ...r.parts].forEach(id)
  const cells = [...ids.keys()]
  for (const column of COUNT_COLUMNS) {
    const key = (c: Cell) => `${id(c)}`
    const known = (c: Cell) => fixed.has(c) && !cellHidden(c, column, threshold)
    const values = new Map(cells.filter((c) => !known(c)).map((c) => [key(c), c[column]]))
    const sums = live.map((r) => ({ total: key(r.total as Cell), parts: r.parts.map(key) }))
    const hidden = cells.filter((c) => fixed.has(c) && cellHidden(c, column, threshold)).map(key)
    const { secondary } = suppressTable(values, sums, policy, hidden)
    for (const c of cells) if (secondary.has(key(c))) c.withheld = new Set([...(c.withheld ?? []), column])
  }
}

const quarterOf = (p: string) =>
  `${p.slice(0, 5)}${String(Math.floor((Number(p.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`
const monthIndex = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1
const monthsOf = (q: string) =>
  [0, 1, 2].map((i) => {
    const m = monthIndex(q) + i
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`
  })
/** A quarter is the sum of its months only when all three are on the page: the 24 up to `latestMonth`. */
const wholeIn = (latestMonth: string) => (q: string) =>
  monthIndex(q) >= monthIndex(latestMonth) - 23 && monthIndex(q) + 2 <= monthIndex(latestMonth)
// Cells in one order whatever order the database returned them in: the greedy choice breaks ties
// by position, and two pages that protect the same figures must withhold the same ones.
const ordered = (cells: Cell[]) =>
  [...cells].sort((a, b) => a.period.localeCompare(b.period) || a.group.localeCompare(b.group))

/**
 * The regional page's figures for the region: each quarter beside its months. The summary's
 * quarters are the trend's (one figure, one suppression), so no change from a previous quarter
 * gives back what the trend withholds. The PDU and prison splits are protectAreas's.
 */
export function protectRegional(
  data: {
    summary: Cell[]
    byQuarter: Cell[]
    byMonth: Cell[]
    /** The months on the page: the 24 up to this one. */
    latestMonth: string
  },
  measure: string,
  threshold: number,
) {
  const summaryOf = new Map(data.summary.filter((c) => c.measure === measure).map((c) => [c.period, c]))
  const whole = wholeIn(data.latestMonth)
  const quarters = ordered(data.byQuarter.filter((c) => c.measure === measure)).map(
    (q) => summaryOf.get(q.period) ?? q,
  )
  const months = ordered(data.byMonth.filter((c) => c.measure === measure))
  protectCells(
    quarters
      .filter((q) => whole(q.period))
      .map((q) => ({ total: q, parts: months.filter((m) => quarterOf(m.period) === q.period) })),
    threshold,
  )
  for (const q of data.byQuarter) {
    const same = q.measure === measure ? summaryOf.get(q.period) : undefined
    if (same) q.withheld = same.withheld
  }
}

/** One partition of a region's releases (its PDUs, or its prisons): cells grouped by area. */
export interface Partition {
  quarters: Cell[]
  months: Cell[]
}

/**
 * A region's PDU and prison figures as one table (issue 12, item 3). Every page that shows any of
 * them (the region's splits, and the dashboard narrowed to one PDU or prison) protects them here,
 * by measure and quarter, from the same cells in the same order, so each withholds the same counts
 * and none can be worked out by putting pages together: each quarter and month of the region is
 * its PDUs' sum and its prisons' sum, and each area's quarter its months' sum. The region's own
 * figures (`total`, already protected by protectRegional) are published on its page, so here they
 * are known, not chosen to withhold.
 */
export function protectAreas(
  data: {
    total: (measure: string, unit: 'quarter' | 'month', period: string) => Cell | undefined
    partitions: Partition[]
    /** Per measure, the last of the 24 months its pages show. */
    latestMonth: Record<string, string>
  },
  threshold: number,
) {
  const components = new Map<string, { measure: string; quarter: string }>()
  for (const p of data.partitions)
    for (const c of p.quarters)
      components.set(`${c.measure}|${c.period}`, { measure: c.measure, quarter: c.period })
  for (const { measure, quarter } of [...components.values()].sort(
    (a, b) => a.measure.localeCompare(b.measure) || a.quarter.localeCompare(b.quarter),
  )) {
    const latestMonth = data.latestMonth[measure]
    const months = latestMonth && wholeIn(latestMonth)(quarter) ? monthsOf(quarter) : []
    const relations: { total: Cell | undefined; parts: Cell[] }[] = []
    const fixed = new Set<Cell>()
    const total = (unit: 'quarter' | 'month', period: string) => {
      const c = data.total(measure, unit, period)
      if (c) fixed.add(c)
      return c
    }
    for (const p of data.partitions) {
      const parts = ordered(p.quarters.filter((c) => c.measure === measure && c.period === quarter))
      relations.push({ total: total('quarter', quarter), parts })
      const inMonths = ordered(p.months.filter((c) => c.measure === measure && months.includes(c.period)))
      for (const m of months)
        relations.push({ total: total('month', m), parts: inMonths.filter((c) => c.period === m) })
      for (const q of parts) relations.push({ total: q, parts: inMonths.filter((c) => c.group === q.group) })
    }
    // An area that alone makes up the region's figure publishes the region's figure: it is known
    // as the region's is, and withheld where the region's is.
    for (const r of relations) {
      const only = r.parts.length === 1 ? r.parts[0] : undefined
      if (!only || !r.total || !fixed.has(r.total)) continue
      only.withheld = new Set([...(only.withheld ?? []), ...(r.total.withheld ?? [])])
      fixed.add(only)
    }
    protectCells(relations, threshold, fixed)
  }
}

/** The national page: each measure's regions beside England and Wales, in its latest quarter. */
export function protectNational(cells: Cell[], latest: Record<string, string>, threshold: number) {
  protectCells(
    Object.entries(latest).map(([measure, period]) => {
      const inPeriod = cells.filter((c) => c.measure === measure && c.period === period)
      return {
        total: inPeriod.find((c) => c.group === 'ENGLAND_AND_WALES'),
        parts: inPeriod.filter((c) => c.group !== 'ENGLAND_AND_WALES'),
      }
    }),
    threshold,
  )
}

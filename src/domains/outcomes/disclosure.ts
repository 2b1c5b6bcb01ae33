/**
 * The outcome dashboards, downloads and API through the one disclosure module
 * (platform/disclosure): which counts of a cell are withheld, given what is published beside it.
 *
 * - Within a cell the API publishes cohort = denominator + unknown + excluded, so one withheld
 *   term with the other three published would give it back.
 * - Across cells the pages and the measures API publish parts beside their total: England and
 *   Wales beside its regions, a region beside its PDUs and its prisons, a quarter beside its
 *   months. protectCells withholds enough further counts that none can be recovered by
 *   subtraction (issue 12, defect 1; issue 14). Each quarter of a measure is one table, protected
 *   on its own from its cells in one order, so a count is withheld alike on every page and in
 *   every API answer, whichever other quarters or groupings it is shown with.
 */
import { disclosurePolicy, isSmall, suppressTable } from '../../platform/disclosure/index.ts'
import type { Cell } from './query.ts'
import { NATIONAL } from './query-parts.ts'
import { periodStartOf } from './measures.ts'
import { shiftPeriod } from './periods.ts'

export const COUNT_COLUMNS = ['numerator', 'denominator', 'unknown', 'excluded'] as const
export type CountColumn = (typeof COUNT_COLUMNS)[number]

export function cellHidden(c: Cell, column: CountColumn | 'cohort', threshold: number): boolean {
  return isSmall(c[column], disclosurePolicy({ threshold })) || (c.withheld?.has(column) ?? false)
}

/**
 * A cell's counts as the API publishes them: null when withheld. The pages publish no cohort, so
 * within a cell it is the cohort that is withheld when any of its terms is: the terms stay as the
 * pages show them, and cohort = denominator + unknown + excluded gives nothing back.
 */
export function publishedCounts(c: Cell, threshold: number) {
  const out = (k: CountColumn) => (cellHidden(c, k, threshold) ? null : c[k])
  const denominator = out('denominator')
  const unknown = out('unknown')
  const excluded = out('excluded')
  const partHidden = denominator === null || unknown === null || excluded === null
  return {
    cohort: partHidden || cellHidden(c, 'cohort', threshold) ? null : c.cohort,
    numerator: out('numerator'),
    denominator,
    unknown,
    excluded,
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

const quarterOf = (month: string) => periodStartOf(month, 'quarter')
const monthsOf = (quarter: string) => [0, 1, 2].map((i) => shiftPeriod(quarter, 'month', i))
// Cells in one order whatever order the database returned them in: the greedy choice breaks ties
// by position, and two pages that protect the same figures must withhold the same ones.
const ordered = (cells: Cell[]) =>
  [...cells].sort((a, b) => a.period.localeCompare(b.period) || a.group.localeCompare(b.group))

/**
 * England and Wales and every region, by quarter and by month: in each measure and quarter,
 * England and Wales is the sum of the regions in the quarter and in each month, and each of them
 * its months' sum. Both totals are published (the national page and the API's groupBy=national,
 * each region's page and groupBy=region, and every month through unit=month), so they are
 * protected as one table; a region's figures anywhere are taken from here.
 */
export function protectNationalTable(data: { quarters: Cell[]; months: Cell[] }, threshold: number) {
  const components = new Map<string, { quarters: Cell[]; months: Cell[] }>()
  const at = (measure: string, quarter: string) => {
    const key = `${measure}|${quarter}`
    let c = components.get(key)
    if (!c) components.set(key, (c = { quarters: [], months: [] }))
    return c
  }
  for (const c of data.quarters) at(c.measure, c.period).quarters.push(c)
  for (const c of data.months) at(c.measure, quarterOf(c.period)).months.push(c)
  // The components share no cell, so the order they are protected in changes nothing.
  for (const { quarters, months } of components.values()) {
    const qs = ordered(quarters)
    const ms = ordered(months)
    const split = (cells: Cell[]) => ({
      total: cells.find((c) => c.group === NATIONAL),
      parts: cells.filter((c) => c.group !== NATIONAL),
    })
    protectCells(
      [
        split(qs),
        ...[...new Set(ms.map((c) => c.period))].map((m) => split(ms.filter((c) => c.period === m))),
        ...qs.map((q) => ({ total: q, parts: ms.filter((c) => c.group === q.group) })),
      ],
      threshold,
    )
  }
}

/** One partition of a region's releases (its PDUs, or its prisons): cells grouped by area. */
export interface Partition {
  quarters: Cell[]
  months: Cell[]
}

/**
 * A region's PDU and prison figures as one table (issue 12, item 3). Every page and API answer
 * that shows any of them (the region's splits, the dashboard narrowed to one PDU or prison, and the
 * measures API by PDU or prison or narrowed) protects them here,
 * by measure and quarter, from the same cells in the same order, so each withholds the same counts
 * and none can be worked out by putting pages together: each quarter and month of the region is
 * its PDUs' sum and its prisons' sum, and each area's quarter its months' sum. The region's own
 * figures (`total`, already protected by protectNationalTable) are published on its page, so here
 * they are known, not chosen to withhold.
 */
export function protectAreas(
  data: {
    total: (measure: string, unit: 'quarter' | 'month', period: string) => Cell | undefined
    partitions: Partition[]
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
    // Every quarter with its months: the API publishes an area's months for any quarter.
    const months = monthsOf(quarter)
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

/**
 * The regional dashboard's figures, whole or narrowed to one PDU or prison (issue 12, item 3).
 *
 * The roll-ups are by region only, so an area's figures are counted from the facts (query.ts).
 * A narrowed page does not count its area alone: it counts every PDU and every prison of the
 * region, protects them as one table with the region's own figures (protected-figures.ts), and
 * shows its area's cells. The region's figures are its cells of the national table, protected
 * once with every region's and England and Wales's. Every page of the region then withholds the same counts, so neither
 * the region's totals nor another area's page give back a count this page withholds.
 */
import type { Database } from '../../platform/db/index.ts'
import { applyOffset } from './checkpoints.ts'
import {
  MEASURES,
  latestCompletePeriod,
  periodEnd,
  periodStartOf,
  type Measure,
  type PeriodUnit,
} from './measures.ts'
import type { Cell } from './query.ts'
import { areaTables, nationalTable, type NationalTable, type QuarterRange } from './protected-figures.ts'
import type { AreaFilter } from './dashboard-filter.ts'
import { versionedResult } from './dashboard-cache.ts'

type AreaTables = Awaited<ReturnType<typeof areaTables>>

const shift = (start: string, unit: PeriodUnit, n: number) =>
  applyOffset(start, { months: (unit === 'quarter' ? 3 : 1) * n })
const earliest = (dates: string[]) => [...dates].sort()[0] ?? ''

/**
 * The quarters every regional page reads, for every measure: the 40 up to its latest complete
 * one (the trend), and the summary's from `summaryFrom`, up to the current quarter.
 */
export function dashboardRange(
  today: string,
  latest: Record<string, string>,
  summaryFrom: string,
): QuarterRange {
  return {
    today,
    from: earliest([summaryFrom, ...MEASURES.map((m) => shift(latest[m.key] ?? today, 'quarter', -39))]),
    to: periodEnd(periodStartOf(today, 'quarter'), 'quarter'),
  }
}

/** The national table over the dashboards' quarters: the national page and every region's read it. */
export const dashboardTable = (
  db: Database,
  today: string,
  latest: Record<string, string>,
  summaryFrom: string,
  threshold: number,
) => nationalTable(db, MEASURES, dashboardRange(today, latest, summaryFrom), threshold)

export async function regionalFigures(
  db: Database,
  q: {
    region: string
    measure: Measure
    filter: AreaFilter
    today: string
    /** Each measure's latest complete quarter, and the first quarter the summary reads. */
    periods: { latest: Record<string, string>; from: string }
    /** The protected national table over dashboardRange. */
    national: NationalTable
    /** The region's PDUs and prisons over dashboardRange, for a narrowed page (keptRegionAreas). */
    narrowed: () => Promise<AreaTables>
    threshold: number
  },
) {
  const { region, measure, today, periods, threshold, national } = q
  const area = q.filter.pdu ?? q.filter.prison
  const latest = periods.latest[measure.key] ?? today
  const latestMonth = latestCompletePeriod(measure, today, 'month')
  const mineOf = (cells: Cell[]) => cells.filter((c) => c.group === region).map((c) => ({ ...c }))
  const trendFrom = { quarter: shift(latest, 'quarter', -39), month: shift(latestMonth, 'month', -23) }
  const inTrend = (cells: Cell[], from: string) =>
    cells.filter((c) => c.measure === measure.key && c.period >= from)
  if (!area) {
    // The region's splits: its latest quarter with its months, by PDU and by prison.
    const range = { today, from: latest, to: periodEnd(latest, 'quarter') }
    const splits = await areaTables(db, [measure], region, range, national, threshold)
    return {
      latestMonth,
      summary: mineOf(national.quarters).filter((c) => c.period >= periods.from),
      byQuarter: inTrend(mineOf(national.quarters), trendFrom.quarter),
      byMonth: inTrend(mineOf(national.months), trendFrom.month),
      byPdu: splits.pdu.quarters,
      byPrison: splits.prison.quarters,
    }
  }
  // A narrowed page protects every measure's quarters it shows with the same cells as that
  // measure's own page: so it reads every measure over the dashboards' quarters.
  const tables = await q.narrowed()
  // The area's cells, under the region's code so the tables read them as the region's are read;
  // each keeps the counts protectAreas withheld (the set is shared, not copied).
  const own = q.filter.pdu ? tables.pdu : tables.prison
  const mine = (cells: Cell[]) => cells.filter((c) => c.group === area).map((c) => ({ ...c, group: region }))
  return {
    latestMonth,
    summary: mine(own.quarters).filter((c) => c.period >= periods.from),
    byQuarter: inTrend(mine(own.quarters), trendFrom.quarter),
    byMonth: inTrend(mine(own.months), trendFrom.month),
    byPdu: [],
    byPrison: [],
  }
}

/**
 * A region's PDUs and prisons over the dashboards' quarters, protected with the national table,
 * kept per region and version as the national table is (dashboard-cache.ts). Every narrowed page
 * of a region protects with these same tables, all measures and months: counted per view they
 * made a narrowed page p95 1.3 s at national scale (docs/benchmarks.md). The national table is
 * read inside the computation, so a kept area table is always protected with the national table
 * of its own version (a change between the two moves the version, and the result is not kept).
 * At most `regions` regions are kept at once (each is a few tens of thousands of cells).
 */
export function keptRegionAreas(
  db: Database,
  nationalOf: (today: string) => Promise<NationalTable>,
  threshold: number,
  regions = 12,
) {
  const kept = new Map<string, ReturnType<typeof versionedResult<AreaTables>>>()
  return async (region: string, today: string, periods: { latest: Record<string, string>; from: string }) => {
    let forRegion = kept.get(region)
    if (!forRegion) {
      if (kept.size >= regions) kept.clear()
      forRegion = versionedResult<AreaTables>(db, 'outcomes')
      kept.set(region, forRegion)
    }
    const range = dashboardRange(today, periods.latest, periods.from)
    const result = await forRegion(today, async () =>
      areaTables(db, MEASURES, region, range, await nationalOf(today), threshold),
    )
    return result.value
  }
}

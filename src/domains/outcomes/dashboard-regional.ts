/**
 * The regional dashboard's figures, whole or narrowed to one PDU or prison (issue 12, item 3).
 *
 * The roll-ups are by region only, so an area's figures are counted from the facts (query.ts).
 * A narrowed page does not count its area alone: it counts every PDU and every prison of the
 * region, protects them as one table with the region's own figures (disclosure.ts, protectAreas),
 * and shows its area's cells. Every page of the region then withholds the same counts, so neither
 * the region's totals nor another area's page give back a count this page withholds.
 */
import type { Database } from '../../platform/db/index.ts'
import { applyOffset } from './checkpoints.ts'
import { protectAreas, protectRegional, type Partition } from './disclosure.ts'
import {
  MEASURES,
  latestCompletePeriod,
  periodEnd,
  periodStartOf,
  type Measure,
  type PeriodUnit,
} from './measures.ts'
import { measureCells, type Cell, type Grouping } from './query.ts'
import type { AreaFilter } from './dashboard-filter.ts'

const shift = (start: string, unit: PeriodUnit, n: number) =>
  applyOffset(start, { months: (unit === 'quarter' ? 3 : 1) * n })
const earliest = (dates: string[]) => [...dates].sort()[0] ?? ''

const quarterStart = (p: string) => periodStartOf(p, 'quarter')

/** Month cells added up into their quarters, by measure and group. */
function quartersOf(months: Cell[]): Cell[] {
  const out = new Map<string, Cell>()
  for (const m of months) {
    const period = quarterStart(m.period)
    const key = `${m.measure}|${m.group}|${period}`
    const q = out.get(key)
    if (!q) out.set(key, { ...m, period, withheld: undefined })
    else
      for (const k of ['cohort', 'excluded', 'unknown', 'denominator', 'numerator', 'offences'] as const)
        q[k] += m[k]
  }
  return [...out.values()]
}

export async function regionalFigures(
  db: Database,
  q: {
    region: string
    measure: Measure
    filter: AreaFilter
    today: string
    /** Each measure's latest complete quarter, and the first quarter the summary reads. */
    periods: { latest: Record<string, string>; from: string }
    threshold: number
  },
) {
  const { region, measure, today, periods, threshold } = q
  const area = q.filter.pdu ?? q.filter.prison
  const latest = periods.latest[measure.key] ?? today
  const latestMonths = Object.fromEntries(
    MEASURES.map((m) => [m.key, latestCompletePeriod(m, today, 'month')]),
  ) as Record<string, string>
  const latestMonth = latestMonths[measure.key] ?? today
  // A narrowed page protects every measure's quarters it shows with the same cells as that
  // measure's own page: so it reads every measure over the widest of their windows.
  const measures = area ? MEASURES : [measure]
  const quarterFrom = earliest(measures.map((m) => shift(periods.latest[m.key] ?? today, 'quarter', -39)))
  const monthFrom = earliest(measures.map((m) => shift(latestMonths[m.key] ?? today, 'month', -23)))
  const trend = (unit: PeriodUnit, groupBy: Grouping, from: string) =>
    measureCells(db, measures, {
      today,
      region,
      unit,
      groupBy,
      from,
      // Up to the current period: the ones not yet complete are shown as provisional.
      to: periodEnd(periodStartOf(today, unit), unit),
    })
  // The region's splits: its latest quarter and that quarter's months, by PDU and by prison.
  const split = (unit: PeriodUnit, groupBy: Grouping) =>
    measureCells(db, [measure], {
      today,
      region,
      unit,
      groupBy,
      from: latest,
      to: periodEnd(latest, 'quarter'),
    })
  const partition = async (groupBy: Grouping): Promise<Partition> => {
    if (area) {
      // One read of the facts by month, summed to quarters: every count of a cell is a sum.
      const months = await trend('month', groupBy, quarterFrom)
      return { quarters: quartersOf(months), months }
    }
    const [quarters, months] = await Promise.all([split('quarter', groupBy), split('month', groupBy)])
    return { quarters, months }
  }
  const [summary, byQuarter, byMonth, pdus, prisons] = await Promise.all([
    measureCells(db, MEASURES, { today, region, unit: 'quarter', groupBy: 'region', from: periods.from }),
    trend('quarter', 'region', quarterFrom),
    trend('month', 'region', monthFrom),
    partition('pdu'),
    partition('prison'),
  ])
  for (const m of measures)
    protectRegional(
      { summary, byQuarter, byMonth, latestMonth: latestMonths[m.key] ?? today },
      m.key,
      threshold,
    )
  const find = (cells: Cell[], m: string, period: string) =>
    cells.find((c) => c.measure === m && c.period === period)
  protectAreas(
    {
      total: (m, unit, period) =>
        unit === 'quarter'
          ? (find(summary, m, period) ?? find(byQuarter, m, period))
          : find(byMonth, m, period),
      partitions: [pdus, prisons],
      latestMonth: latestMonths,
    },
    threshold,
  )
  const inTrend = (cells: Cell[], from: string) =>
    cells.filter((c) => c.measure === measure.key && c.period >= from)
  const trendFrom = { quarter: shift(latest, 'quarter', -39), month: shift(latestMonth, 'month', -23) }
  if (!area)
    return {
      latestMonth,
      summary,
      byQuarter: inTrend(byQuarter, trendFrom.quarter),
      byMonth: inTrend(byMonth, trendFrom.month),
      byPdu: pdus.quarters,
      byPrison: prisons.quarters,
    }
  // The area's cells, under the region's code so the tables read them as the region's are read;
  // each keeps the counts protectAreas withheld (the set is shared, not copied).
  const own = q.filter.pdu ? pdus : prisons
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

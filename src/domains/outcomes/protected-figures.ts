/**
 * The figures the pages and the measures API publish, read and protected by the one disclosure
 * rule (disclosure.ts): England and Wales with its regions, then a region's PDUs and prisons with
 * the region's figures known. Each reads whole quarters with their months, as the rule protects
 * a measure's quarter as one table.
 */
import type { Database } from '../../platform/db/index.ts'
import { protectAreas, protectNationalTable, type Partition } from './disclosure.ts'
import { periodStartOf, type Measure, type PeriodUnit } from './measures.ts'
import { measureCells, type Cell, type Grouping } from './query.ts'

export interface NationalTable {
  quarters: Cell[]
  months: Cell[]
}

/** Whole quarters from the one holding `from` to the one holding `to`. */
export interface QuarterRange {
  today: string
  /** The first day of a quarter. */
  from: string
  /** The last day of a quarter. */
  to: string
}

export async function nationalTable(
  db: Database,
  measures: readonly Measure[],
  range: QuarterRange,
  threshold: number,
): Promise<NationalTable> {
  const read = (unit: PeriodUnit, groupBy: Grouping) =>
    measureCells(db, measures, { ...range, unit, groupBy })
  const [nq, rq, nm, rm] = await Promise.all([
    read('quarter', 'national'),
    read('quarter', 'region'),
    read('month', 'national'),
    read('month', 'region'),
  ])
  const table = { quarters: [...nq, ...rq], months: [...nm, ...rm] }
  protectNationalTable(table, threshold)
  return table
}

/** A region's figure, or England and Wales's, from the protected table. */
export function totalIn(table: NationalTable, group: string) {
  const index = new Map<string, Cell>()
  for (const [unit, cells] of [
    ['quarter', table.quarters],
    ['month', table.months],
  ] as const)
    for (const c of cells) if (c.group === group) index.set(`${c.measure}|${unit}|${c.period}`, c)
  return (measure: string, unit: PeriodUnit, period: string) => index.get(`${measure}|${unit}|${period}`)
}

/** Month cells added up into their quarters, by measure and group. */
export function quartersOf(months: Cell[]): Cell[] {
  const out = new Map<string, Cell>()
  for (const m of months) {
    const period = periodStartOf(m.period, 'quarter')
    const key = `${m.measure}|${m.group}|${period}`
    const q = out.get(key)
    if (!q) out.set(key, { ...m, period, withheld: undefined })
    else
      for (const k of ['cohort', 'excluded', 'unknown', 'denominator', 'numerator', 'offences'] as const)
        q[k] += m[k]
  }
  return [...out.values()]
}

/**
 * A region's PDUs and prisons over whole quarters, protected with the region's figures from
 * `national` (which must cover the same quarters). One read of the facts by month per partition,
 * summed to quarters: every count of a quarter is its months' sum, as on the narrowed pages.
 */
export async function areaTables(
  db: Database,
  measures: readonly Measure[],
  region: string,
  range: QuarterRange,
  national: NationalTable,
  threshold: number,
): Promise<{ pdu: Partition; prison: Partition }> {
  const partition = async (groupBy: Grouping): Promise<Partition> => {
    const months = await measureCells(db, measures, { ...range, region, unit: 'month', groupBy })
    return { quarters: quartersOf(months), months }
  }
  const [pdu, prison] = await Promise.all([partition('pdu'), partition('prison')])
  protectAreas({ total: totalIn(national, region), partitions: [pdu, prison] }, threshold)
  return { pdu, prison }
}

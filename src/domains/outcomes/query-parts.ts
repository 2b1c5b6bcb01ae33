/**
 * What the measure queries share (query.ts, termination-query.ts): the groupings, sources and
 * filters, one cell's shape, and the periods the rollups hold whole.
 */
import { sql, type RawBuilder, type Sql } from 'kysely'
import { applyOffset, type CheckpointOffset } from './checkpoints.ts'
import { periodEnd, periodStartOf, type PeriodUnit } from './measures.ts'

export type Grouping = 'national' | 'region' | 'pdu' | 'prison'
/** The group the national grouping gives its cells: England and Wales. */
export const NATIONAL = 'ENGLAND_AND_WALES'
/**
 * fast: whole due months from outcome_rollup plus the latest months from outcome_fact (by region
 * or nationally); fact: outcome_fact alone; plain: the definition computed from the records.
 */
export type Source = 'fast' | 'fact' | 'plain'

export interface Filter {
  today: string
  unit: PeriodUnit
  groupBy: Grouping
  region?: string
  pdu?: string
  prison?: string
  from?: string
  to?: string
}

/** One measure in one group and period. */
export interface Cell {
  measure: string
  group: string
  period: string
  cohort: number
  excluded: number
  unknown: number
  denominator: number
  numerator: number
  /** Proven reoffences, for the frequency measures. */
  offences: number
  /** Counts withheld by disclosure control beyond the small ones (platform/disclosure). */
  withheld?: ReadonlySet<string>
}

export function groupColumn(groupBy: Grouping, alias = 'f'): Sql | RawBuilder<unknown> {
  if (groupBy === 'national') return sql.lit(NATIONAL)
  return sql.ref(`${alias}.${groupBy}_code`)
}

export const truncUnit = (unit: PeriodUnit) => sql.lit(unit)

export const monthStart = (d: string) => `${d.slice(0, 7)}-01`
export const quarterStart = (d: string) => periodStartOf(d, 'quarter')
const monthEnd = (d: string) => applyOffset(applyOffset(monthStart(d), { months: 1 }), { days: -1 })

/** Does the filter's window start and end on whole periods of `unit`, as the rollups hold them? */
export const wholePeriods = (filter: Filter, unit: PeriodUnit) =>
  (!filter.from || filter.from === periodStartOf(filter.from, unit)) &&
  (!filter.to || filter.to === periodEnd(periodStartOf(filter.to, unit), unit))

/**
 * The first release month not yet wholly past the checkpoint on `today`: every earlier month's
 * releases have all reached it, so their counts in outcome_rollup are final as of today.
 */
export function firstPartialMonth(offset: CheckpointOffset, today: string): string {
  let month = monthStart(today)
  for (;;) {
    const before = applyOffset(month, { months: -1 })
    if (applyOffset(monthEnd(before), offset) <= today) return month
    month = before
  }
}

/**
 * Whether a figure can change, and whether it has since it was published (issue 13). Pure rules:
 * - complete: every release in the period has reached the measure's checkpoint (18 months for
 *   proven reoffending: "final only at release + 18 months", domain.md section 10), or, for a
 *   termination measure, the period has ended;
 * - provisional: not complete, so the figure will still grow or move;
 * - final: complete, and equal to the published figure if there is one;
 * - revised: complete, published, and the live figure differs from the published one.
 */
import { applyOffset } from './checkpoints.ts'
import { periodEnd, type Measure, type PeriodUnit } from './measures.ts'
import { rateOf } from './targets.ts'

export type CellStatus = 'provisional' | 'final' | 'revised'

export interface Counts {
  numerator: number
  denominator: number
  unknown: number
  excluded: number
  cohort: number
  offences: number
}

export interface Published extends Counts {
  publishedAt: string
  status: 'provisional' | 'final'
}

/** The day the period's last release reaches the checkpoint (or the period ends). */
export function followUpEnds(measure: Measure, period: string, unit: PeriodUnit): string {
  const end = periodEnd(period, unit)
  return measure.type === 'termination' ? end : applyOffset(end, measure.offset)
}

export function followUpComplete(measure: Measure, period: string, unit: PeriodUnit, today: string): boolean {
  return followUpEnds(measure, period, unit) < today
}

const same = (a: Counts, b: Counts) =>
  a.numerator === b.numerator &&
  a.denominator === b.denominator &&
  a.unknown === b.unknown &&
  a.excluded === b.excluded &&
  a.cohort === b.cohort &&
  a.offences === b.offences

export function cellStatus(complete: boolean, live: Counts | undefined, published?: Published): CellStatus {
  if (!complete) return 'provisional'
  const zero = { numerator: 0, denominator: 0, unknown: 0, excluded: 0, cohort: 0, offences: 0 }
  if (published && !same(published, live ?? zero)) return 'revised'
  return 'final'
}

/** The revision in percentage points (live − published), or null when either rate is undefined. */
export function revisionPoints(live: Counts | undefined, published: Counts): number | null {
  if (!live?.denominator || !published.denominator) return null
  const r = rateOf(live.numerator, live.denominator) - rateOf(published.numerator, published.denominator)
  return Math.round(r * 10) / 10
}

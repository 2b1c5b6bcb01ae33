/**
 * One figure as every output shows it: a rate withheld beside counts that would give a withheld
 * one back, small counts as [c], and the cell's publication status (issues 12, 13 and 14).
 */
import type { Cell } from './query.ts'
import { formatNumber, rateOf } from './targets.ts'
import type { StatusedCell } from './publication.ts'
import type { CellStatus, Published } from './status.ts'
import { cellHidden, publishedCounts } from './disclosure.ts'
import { formatShortDate } from '../../platform/calendar/index.ts'
import { wilson } from '../../platform/statistics/index.ts'

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

/**
 * The 95% Wilson score interval of a shown rate (platform/statistics), so that 100% of 8 reads as
 * 67.6% to 100% and not as a certainty (issue 12, defect 11; every rate has its interval). Withheld
 * with the rate: an interval beside its denominator would give the numerator back.
 */
export function intervalText(f: Figure): string {
  if (f.suppressed) return SUPPRESSED
  if (f.rate === null || !f.cell) return ''
  const ci = wilson(f.cell.numerator, f.cell.denominator)
  if (!ci) return ''
  return `${formatNumber(ci.low * 100)}% to ${formatNumber(ci.high * 100)}%`
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
export function publishedCell(c: StatusedCell, threshold: number) {
  const counts = publishedCounts(c, threshold)
  const f = figureOf(c, threshold)
  const count = (n: number) => (n > 0 && n < threshold ? null : n)
  const p = c.published
  const pf = p && figureOf({ ...c, ...p }, threshold)
  return {
    status: c.status,
    complete: c.complete,
    published:
      p && pf
        ? {
            publishedAt: p.publishedAt,
            status: p.status,
            // A final figure was published as it is now, so what is withheld now is withheld in
            // it too; a revised one alike, as it stands beside the same published sums.
            rate: counts.numerator === null || counts.denominator === null ? null : pf.rate,
            numerator: counts.numerator === null ? null : count(p.numerator),
            denominator: counts.denominator === null ? null : count(p.denominator),
          }
        : null,
    revision: f.rate === null || !pf || pf.rate === null ? null : c.revision,
    measure: c.measure,
    group: c.group,
    period: c.period,
    rate: f.rate,
    suppressed: f.suppressed,
    ...counts,
    offences: f.suppressed || counts.numerator === null ? null : c.offences,
  }
}

type MaybeStatused = Cell & { status?: CellStatus; published?: Published | null; revision?: number | null }

const longDate = (iso: string) => formatShortDate(iso.slice(0, 10))

/**
 * Whether a figure can still change (provisional), is final, or has been revised since it was
 * published, with the published figure and the size of the revision (issue 13).
 */
export function statusText(c: MaybeStatused | undefined, threshold: number): string {
  if (!c?.status) return ''
  if (c.status === 'provisional') return 'Provisional: follow-up not complete'
  if (c.status === 'final' || !c.published) return c.published ? 'Final (as published)' : 'Final'
  const was = rateText(figureOf({ ...c, ...c.published }, threshold))
  const size =
    c.revision === null || c.revision === undefined ? '' : `, ${c.revision > 0 ? '+' : ''}${c.revision} pp`
  return `Revised: published ${was} on ${longDate(c.published.publishedAt)}${size}`
}

export function revisionsHref(c: MaybeStatused | undefined): string | undefined {
  return c?.status === 'revised'
    ? `/outcomes/publications/${c.period}/revisions/${c.measure}/${c.group}`
    : undefined
}

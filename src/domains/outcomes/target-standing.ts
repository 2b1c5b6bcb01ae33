import { formatDate } from '../../platform/views/environment.ts'
import { describeTarget, formatNumber, meetsTarget, type Target } from './targets.ts'
import { daysInMonth } from '../../platform/calendar/index.ts'

/**
 * How a figure stands against a region's target (issue 12, defect 8). A target applies up to its
 * deadline: a figure for a period that starts after the deadline is not measured against it
 * (domain.md section 11: targets have a deadline), and the dashboard says the target has ended
 * and how it finished, with the last complete quarter before the deadline when it is known.
 */
export function targetStanding(
  target: Target | undefined,
  figure: { rate: number | null; suppressed: boolean },
  period: string,
  atDeadline?: { rate: number | null; suppressed: boolean },
): { target: string; against: string; current: boolean } {
  if (!target) return { target: 'No current target', against: 'No current target', current: false }
  const described = describeTarget(target)
  if (period && target.deadline < period) {
    const ended = `Ended ${formatDate(target.deadline)}`
    const finished =
      atDeadline && atDeadline.rate !== null
        ? `: ${meetsTarget(target, atDeadline.rate) ? 'met' : 'not met'} (${formatNumber(atDeadline.rate)}% in the last quarter before it)`
        : ''
    return {
      target: `${described} by ${formatDate(target.deadline)} (ended; no current target)`,
      against: `${ended}${finished}`,
      current: false,
    }
  }
  const against =
    figure.rate === null
      ? figure.suppressed
        ? 'Too few releases to say'
        : 'No data'
      : meetsTarget(target, figure.rate)
        ? 'Meets target'
        : 'Below target'
  return { target: described, against, current: true }
}

/** The start of the last complete quarter that ends on or before the deadline (YYYY-MM-01). */
export function quarterBefore(deadline: string): string {
  const [y, m, d] = deadline.split('-').map(Number) as [number, number, number]
  // A quarter ends on 31 March, 30 June, 30 September or 31 December.
  const lastDay = daysInMonth(y, m)
  let endMonth = m % 3 === 0 && d === lastDay ? m : m - (m % 3)
  let year = y
  if (endMonth === 0) {
    endMonth = 12
    year -= 1
  }
  return `${year}-${String(endMonth - 2).padStart(2, '0')}-01`
}

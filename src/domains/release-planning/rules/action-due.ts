// When a standard plan action is due (issue 12, defect 7). Each standard action is set a number
// of weeks before release (vocabulary.ts). A plan made late, when that point has passed, would
// start with its actions already overdue, so the due date is instead the usual lead time from
// today, and never after the release while the release is still ahead. Pure: parameters as data.

import { addDays } from '../../../platform/calendar/index.ts'

export interface ActionDueRules {
  /** Days given to an action whose set point before release has already passed. A local choice. */
  leadDays: number
}

export const DEFAULT_ACTION_DUE_RULES: ActionDueRules = Object.freeze({ leadDays: 7 })

export function standardActionDue(
  input: {
    release: string
    weeksBefore: number
    today: string
    /**
     * The day the person leaves, when earlier than the release date: a release date on a weekend
     * or bank holiday is brought to the working day before (Criminal Justice Act 1961 s.23(3)).
     */
    releaseDay?: string
  },
  rules: ActionDueRules = DEFAULT_ACTION_DUE_RULES,
): string {
  const set = addDays(input.release, -7 * input.weeksBefore)
  if (set >= input.today) return set
  const lead = addDays(input.today, rules.leadDays)
  // After release, only the lead time applies.
  if (input.release < input.today) return lead
  // Before release, nothing should be due after the person has left.
  const leaves =
    input.releaseDay && input.releaseDay >= input.today && input.releaseDay < input.release
      ? input.releaseDay
      : input.release
  return leaves < lead ? leaves : lead
}

/** Work past its due date and still open: shown with an overdue marker. */
export function isOverdue(action: { due_date: string | null; status: string }, today: string): boolean {
  return (
    action.due_date !== null &&
    action.due_date < today &&
    (action.status === 'not_started' || action.status === 'in_progress')
  )
}

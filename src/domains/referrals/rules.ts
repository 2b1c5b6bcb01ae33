import type { FieldErrors } from '../../platform/errors.ts'
import { formatDayMonthYear } from '../../platform/calendar/index.ts'

/**
 * Date sanity for a CRS referral's delivery (issue 12, defect 5). Each rule answers the field
 * errors it finds (none when the record is consistent), so a service can refuse the save and the
 * form can say why beside the field. Dates are ISO strings, which order as text.
 */
export interface DeliveryDates {
  today: string
  /** The initial assessment's appointment, once booked. */
  assessmentDate: string | null
  /** The day the person left custody; null while they are still held. */
  releasedOn: string | null
}

const long = formatDayMonthYear

/** Attendance is a fact about the past: an assessment booked for a later day cannot be recorded yet. */
export function assessmentRecordProblems(d: DeliveryDates): FieldErrors {
  if (d.assessmentDate && d.assessmentDate > d.today)
    return {
      feedback: `The initial assessment is booked for ${long(d.assessmentDate)}. Record it on or after that day.`,
    }
  return {}
}

/**
 * A delivery session happens after the initial assessment (the CRS sequence: assessment, action
 * plan, sessions) and not in the future. A session beyond the action plan's number is allowed,
 * since plans change, but only when the caseworker confirms it, so 8 sessions against a 2-session
 * plan never pass unnoticed.
 */
export function sessionProblems(
  d: DeliveryDates,
  session: { date: string; number: number; planned: number | null; overPlanConfirmed: boolean },
): FieldErrors {
  if (session.date > d.today) return { appointmentDate: 'The session date cannot be in the future' }
  if (d.assessmentDate && session.date < d.assessmentDate)
    return {
      appointmentDate: `The session date must be on or after the initial assessment on ${long(d.assessmentDate)}`,
    }
  if (session.planned !== null && session.number > session.planned && !session.overPlanConfirmed)
    return {
      overPlan: `This would be session ${session.number} of a ${session.planned}-session action plan. Confirm the extra session, or check the plan.`,
    }
  return {}
}

/**
 * A referral is concluded once its service is over, which for a prison leaver is after release:
 * concluding while the person is still held would count a service that has not happened in the
 * contract's outcomes after the service.
 */
export function concludeProblems(d: DeliveryDates): string | null {
  if (!d.releasedOn || d.releasedOn > d.today)
    return 'The person has not been released yet, so the referral cannot be concluded. Conclude it after their release.'
  return null
}

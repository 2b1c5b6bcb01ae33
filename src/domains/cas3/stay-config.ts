import { englandAndWalesCalendar, type Calendar } from '../../platform/calendar/index.ts'
import {
  DEFAULT_CAS3_STAY_RULES,
  DEFAULT_CAS3_TURNAROUND_RULES,
  nextArrivalDate,
  type Cas3StayRules,
  type Cas3TurnaroundRules,
} from './stay-rules.ts'

export interface BookingDeps {
  today: () => string
  calendar?: Calendar
  stay?: Cas3StayRules
  turnaround?: Cas3TurnaroundRules
}

/** The stay limit and the turnaround, as configured (defaults: 84 nights, 2 working days). */
export function stayConfig(deps: BookingDeps) {
  const calendar = deps.calendar ?? englandAndWalesCalendar()
  const stayRules = deps.stay ?? DEFAULT_CAS3_STAY_RULES
  const turnaround = deps.turnaround ?? DEFAULT_CAS3_TURNAROUND_RULES
  /** The first date the next person may arrive after a departure. */
  const blockedUntil = (departure: string) => nextArrivalDate(departure, calendar, turnaround)
  return { calendar, stayRules, turnaround, blockedUntil }
}

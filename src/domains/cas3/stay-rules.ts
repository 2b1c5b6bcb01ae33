// CAS3 (Community Accommodation Service Tier 3) stays: temporary accommodation for people leaving
// prison who would otherwise be homeless. HMPPS funds a stay of up to 84 nights (12 weeks) while
// settled accommodation is found (CAS3 policy framework). Providers then need a turnaround, 2
// working days by default, to prepare a bedspace before the next booking (as in the CAS3 booking
// service, which records turnarounds in working days).
//
// Nights, not days: a stay arriving on 1 March and leaving on 2 March is one night. So the nights
// in a stay are the whole days between arrival and departure, and the latest departure within the
// limit is arrival + 84 days.

import { addDays, type Calendar, daysBetween } from '../../platform/calendar/index.ts'

export interface Cas3StayRules {
  /** CAS3 policy framework: funded stay of up to 84 nights. */
  maxNights: number
  /** Flag the case this many nights before the limit is reached, to give time to move on. A local choice. */
  warnNightsBefore: number
}

export const DEFAULT_CAS3_STAY_RULES: Cas3StayRules = Object.freeze({ maxNights: 84, warnNightsBefore: 14 })

export interface Cas3StayStatus {
  /** Nights booked, arrival to expected departure. */
  nights: number
  /** The booking runs past the limit. */
  overLimit: boolean
  /** The person is in the bedspace today and today is within the warning window before the limit date (or past it). */
  warning: boolean
  /** The last departure date that keeps the stay within the limit: arrival + maxNights. */
  limitDate: string
}

/** Nights stayed between arrival and departure (1 March to 2 March = 1 night). Throws if departure is before arrival. */
export function nightsBetween(arrivalDate: string, departureDate: string): number {
  const nights = daysBetween(arrivalDate, departureDate)
  if (nights < 0) throw new RangeError(`Departure ${departureDate} is before arrival ${arrivalDate}`)
  return nights
}

export function stayStatus(
  arrivalDate: string,
  expectedDepartureDate: string,
  today: string,
  params: Cas3StayRules = DEFAULT_CAS3_STAY_RULES,
): Cas3StayStatus {
  const nights = nightsBetween(arrivalDate, expectedDepartureDate)
  const limitDate = addDays(arrivalDate, params.maxNights)
  const warningFrom = addDays(limitDate, -params.warnNightsBefore)
  // Resident tonight: arrived on or before today and not yet due to leave.
  const resident = arrivalDate <= today && today < expectedDepartureDate
  return {
    nights,
    overLimit: nights > params.maxNights,
    warning: resident && today >= warningFrom,
    limitDate,
  }
}

export interface Cas3TurnaroundRules {
  /** Working days to prepare a bedspace after a departure. */
  turnaroundWorkingDays: number
}

export const DEFAULT_CAS3_TURNAROUND_RULES: Cas3TurnaroundRules = Object.freeze({ turnaroundWorkingDays: 2 })

/**
 * The first date the next person can arrive in a bedspace. The turnaround occupies the
 * `turnaroundWorkingDays` working days after the departure date (the departure day itself does not
 * count, as the previous occupant leaves during it); the next arrival is the day after the turnaround
 * ends. Departure Friday 3 July 2026, 2 working days (Monday 6 and Tuesday 7 July): next arrival
 * Wednesday 8 July 2026. With no turnaround, the next person can arrive on the departure day.
 */
export function nextArrivalDate(
  departureDate: string,
  calendar: Calendar,
  params: Cas3TurnaroundRules = DEFAULT_CAS3_TURNAROUND_RULES,
): string {
  if (params.turnaroundWorkingDays <= 0) return departureDate
  return addDays(calendar.addWorkingDays(departureDate, params.turnaroundWorkingDays), 1)
}

export { addWorkingDays } from '../../platform/calendar/index.ts'

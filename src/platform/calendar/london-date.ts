// England and Wales run on London time, so "today" for a release, a checkpoint or a report is the
// calendar date in Europe/London, not in UTC. Between midnight and 1 am in British Summer Time the
// UTC date is still yesterday. This file is the one clock: the service clock (composition.ts), the
// CLI and the audit search all take "today" from londonToday().
import { plainDate } from './plain-date.ts'
import { Temporal } from './temporal.ts'

export const LONDON = 'Europe/London'

/** The calendar date (YYYY-MM-DD) in England and Wales at the given instant. */
export function londonDate(instant: Date): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(LONDON)
    .toPlainDate()
    .toString()
}

/** Today's calendar date in England and Wales. */
export function londonToday(): string {
  return londonDate(new Date())
}

/**
 * The instant a calendar day starts in England and Wales. Staff mean local days when they search
 * "from 1 July": in summer that day starts at 23:00 UTC the evening before.
 */
export function londonDayStart(date: string): Date {
  return new Date(plainDate(date).toZonedDateTime({ timeZone: LONDON }).epochMilliseconds)
}

/** The start of the following day, so a "to" date includes the whole of that day. */
export function londonDayAfter(date: string): Date {
  return londonDayStart(plainDate(date).add({ days: 1 }).toString())
}

/** The wall-clock time (24-hour 'HH:MM') in London at an instant. */
export function londonTime(instant: Date): string {
  const t = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(LONDON)
  return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`
}

/**
 * The calendar date a database value stands for: a `date` column (an ISO string, or a Date at UTC
 * midnight if a driver parses it) keeps its own date; a timestamp (a Date or an ISO date-time
 * string with a zone) is the date in London at that instant, so an event at 00:30 in summer is on
 * the right day. Empty for anything else.
 */
export function dateOf(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : londonDate(value)
  if (typeof value !== 'string') return ''
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value
  const instant = new Date(value)
  return Number.isNaN(instant.getTime()) ? value.slice(0, 10) : londonDate(instant)
}

/** An instant a whole number of 24-hour days after another: for expiry times, not calendar dates. */
export function instantAfterDays(instant: Date, days: number): Date {
  return new Date(
    Temporal.Instant.fromEpochMilliseconds(instant.getTime()).add({ hours: 24 * days }).epochMilliseconds,
  )
}

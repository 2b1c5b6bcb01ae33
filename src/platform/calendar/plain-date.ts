// Plain calendar dates: days in England and Wales, not instants. Every date crosses the code as an
// ISO 'YYYY-MM-DD' string, as the database returns `date` columns; Temporal.PlainDate (a date with
// no time and no zone, so no clock change can move it) validates them and does month arithmetic.
//
// Temporal is the reference. Where the polyfill is too slow for loops over every release (its
// PlainDate.add takes 17 to 150 microseconds under load), days and months are counted on integers:
// the proleptic Gregorian day number (days-from-civil, exact for every Gregorian date) and
// year*12+month. plain-date.test.ts proves both equal to Temporal over 1900 to 2100 (days) and
// 2000 to 2040 with offsets of -24 to +24 months (months). When Node ships a native Temporal,
// measure again and drop the integer paths if it is fast enough.
import { Temporal } from './temporal.ts'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export const DAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const

/** The validated Temporal date. Rejects impossible dates such as 2025-02-29 rather than rolling them over. */
export function plainDate(date: string): Temporal.PlainDate {
  const m = ISO_DATE.exec(date)
  if (m) {
    try {
      return Temporal.PlainDate.from(
        { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
        { overflow: 'reject' },
      )
    } catch {
      // falls through to the one error below
    }
  }
  throw new RangeError(`Not a valid ISO calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`)
}

export function isIsoDate(date: string): boolean {
  try {
    epochDay(date)
    return true
  } catch {
    return false
  }
}

/** Throws a RangeError unless `date` is a real calendar date in 'YYYY-MM-DD' form. */
export function assertIsoDate(date: string): void {
  epochDay(date)
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  return Temporal.PlainYearMonth.from({ year, month }, { overflow: 'reject' }).daysInMonth
}

// --- whole days -------------------------------------------------------------------------------

/** Days since 1970-01-01 (negative before it), by days-from-civil on the Gregorian calendar. */
function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

const epochCache = new Map<string, number>()

/** The day number of an ISO date (1970-01-01 is 0). Validates, so impossible dates throw. */
export function epochDay(date: string): number {
  const cached = epochCache.get(date)
  if (cached !== undefined) return cached
  const m = ISO_DATE.exec(date)
  const year = Number(m?.[1])
  const month = Number(m?.[2])
  const day = Number(m?.[3])
  if (!m || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) {
    throw new RangeError(`Not a valid ISO calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`)
  }
  const n = dayNumber(year, month, day)
  if (epochCache.size > 100_000) epochCache.clear()
  epochCache.set(date, n)
  return n
}

function monthLength(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** The ISO date of a day number (inverse of epochDay), by civil-from-days. */
export function fromEpochDay(n: number): string {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return format(year, month, day)
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(epochDay(date) + days)
}

/** The earlier of two ISO dates (ISO dates order as strings). earlierOf('2025-03-01', '2025-02-28') = '2025-02-28'. */
export function earlierOf(a: string, b: string): string {
  return a <= b ? a : b
}

/** Whole days from `from` to `to`: positive when `to` is later. daysBetween('2025-01-01', '2025-01-02') = 1. */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from)
}

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 was a Thursday (4). */
export function dayOfWeek(date: string): number {
  return weekdayOfEpochDay(epochDay(date))
}

export function weekdayOfEpochDay(n: number): number {
  return (((n + 4) % 7) + 7) % 7
}

export function dayName(date: string): string {
  return DAY_NAMES[dayOfWeek(date)] ?? ''
}

// --- months and years -------------------------------------------------------------------------

/**
 * Adds calendar months, clamping to the end of the month when the day does not exist:
 * 31 January + 1 month = 28 February (29 in a leap year), 31 August - 6 months = 28/29 February.
 * This is the usual reading of "N months after" in sentence and policy calculations, and what
 * Temporal's PlainDate.add does with overflow 'constrain'. Done on integers because the polyfill
 * takes 20 to 150 microseconds a call and checkpoints run for every release; plain-date.test.ts
 * proves it equal to Temporal for every day of 2000 to 2040 and offsets of -24 to +24 months.
 */
export function addMonths(date: string, months: number): string {
  assertIsoDate(date)
  const index = yearOf(date) * 12 + (Number(date.slice(5, 7)) - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  return format(year, month, Math.min(Number(date.slice(8, 10)), monthLength(year, month)))
}

/**
 * Age in completed years on `date`. A person attains an age at the start of the anniversary of
 * their birth (Family Law Reform Act 1969, s.9). Someone born on 29 February reaches it on
 * 1 March in a non-leap year: 28 February is still before the birthday.
 */
export function ageOn(dateOfBirth: string, date: string): number {
  assertIsoDate(dateOfBirth)
  assertIsoDate(date)
  const hadBirthday = date.slice(5) >= dateOfBirth.slice(5)
  return yearOf(date) - yearOf(dateOfBirth) - (hadBirthday ? 0 : 1)
}

export function yearOf(date: string): number {
  assertIsoDate(date)
  return Number(date.slice(0, 4))
}

/** 'MM-DD', e.g. '12-25' for Christmas Day. */
export function monthDayOf(date: string): string {
  return date.slice(5)
}

/** A validated ISO date from its parts (month 1 to 12). */
export function makeDate(year: number, month: number, day: number): string {
  const date = format(year, month, day)
  assertIsoDate(date)
  return date
}

/** The first day of the month `date` falls in. */
export function startOfMonth(date: string): string {
  assertIsoDate(date)
  return `${date.slice(0, 8)}01`
}

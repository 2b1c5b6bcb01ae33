// Calendar-date arithmetic on ISO 'YYYY-MM-DD' strings.
//
// Why strings and UTC: release dates, handover dates and checkpoints are calendar days in
// England and Wales, not instants. A JS Date carries a time and a zone, and local-time
// arithmetic goes wrong across the clock changes in March and October. So every date crosses
// the API as an ISO string, and internally we count whole days since 1970-01-01 in UTC, where
// every day is exactly 86,400,000 ms long.

const MS_PER_DAY = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

interface Ymd {
  year: number
  month: number // 1-12
  day: number
}

/** Splits and validates an ISO date. Rejects impossible dates such as 2025-02-29 rather than rolling them over. */
function parse(date: string): Ymd {
  const m = ISO_DATE.exec(date)
  if (m) {
    const ymd = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
    if (ymd.month >= 1 && ymd.month <= 12 && ymd.day >= 1 && ymd.day <= daysInMonth(ymd.year, ymd.month)) {
      return ymd
    }
  }
  throw new RangeError(`Not a valid ISO calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`)
}

function format({ year, month, day }: Ymd): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function isIsoDate(date: string): boolean {
  try {
    parse(date)
    return true
  } catch {
    return false
  }
}

/** Throws a RangeError unless `date` is a real calendar date in 'YYYY-MM-DD' form. */
export function assertIsoDate(date: string): void {
  parse(date)
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function toDayNumber(date: string): number {
  const { year, month, day } = parse(date)
  return Date.UTC(year, month - 1, day) / MS_PER_DAY
}

function fromDayNumber(n: number): string {
  const d = new Date(n * MS_PER_DAY)
  return format({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() })
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days)
}

/** Whole days from `from` to `to`: positive when `to` is later. daysBetween('2025-01-01', '2025-01-02') = 1. */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from)
}

/**
 * Adds calendar months, clamping to the end of the month when the day does not exist:
 * 31 January + 1 month = 28 February (29 in a leap year), 31 August - 6 months = 28/29 February.
 * This is the usual reading of "N months after" in sentence and policy calculations (and what
 * Ruby's and Java's date libraries do), rather than overflowing into the next month.
 */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parse(date)
  const index = year * 12 + (month - 1) + months
  const y = Math.floor(index / 12)
  const m = index - y * 12 + 1
  return format({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) })
}

/** 0 = Sunday ... 6 = Saturday, as for Date#getUTCDay. */
export function dayOfWeek(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7
}

export function dayName(date: string): string {
  return DAY_NAMES[dayOfWeek(date)] ?? ''
}

/** GOV.UK style, for caseworker-facing text: 'Friday 25 December 2026'. */
export function formatLongDate(date: string): string {
  const { year, month, day } = parse(date)
  return `${dayName(date)} ${day} ${MONTH_NAMES[month - 1] ?? ''} ${year}`
}

/**
 * Age in completed years on `date`. A person attains an age at the start of the anniversary of
 * their birth (Family Law Reform Act 1969, s.9). Someone born on 29 February reaches it on
 * 1 March in a non-leap year, because the (month, day) comparison below treats 28 February as
 * still before the birthday.
 */
export function ageOn(dateOfBirth: string, date: string): number {
  const b = parse(dateOfBirth)
  const d = parse(date)
  const hadBirthday = d.month > b.month || (d.month === b.month && d.day >= b.day)
  return d.year - b.year - (hadBirthday ? 0 : 1)
}

export function yearOf(date: string): number {
  return parse(date).year
}

export function monthDayOf(date: string): string {
  return date.slice(5)
}

export function makeDate(year: number, month: number, day: number): string {
  const date = format({ year, month, day })
  parse(date)
  return date
}

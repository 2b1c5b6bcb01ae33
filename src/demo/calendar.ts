/**
 * Dates as whole days since 1970-01-01 (UTC), so the generator does arithmetic on integers and
 * never meets a time zone. Converted to ISO strings only when written.
 */
const MS_PER_DAY = 86_400_000

export function dayOf(iso: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new RangeError(`not an ISO date: ${iso}`)
  const ms = Date.parse(`${iso}T00:00:00Z`)
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${iso}`)
  return Math.round(ms / MS_PER_DAY)
}

export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear()
}

/** 0 = Sunday ... 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7
}

export const DAYS_PER_YEAR = 365.25

export interface WorkingCalendar {
  isWorkingDay(day: number): boolean
  /** The day itself when it is a working day, else the last working day before it. */
  onOrBefore(day: number): number
}

/** Working days in England and Wales: not a weekend, not a bank holiday (GOV.UK's list). */
export function workingCalendar(bankHolidays: readonly string[]): WorkingCalendar {
  const holidays = new Set(bankHolidays.map(dayOf))
  const isWorkingDay = (day: number) => {
    const w = weekday(day)
    return w !== 0 && w !== 6 && !holidays.has(day)
  }
  return {
    isWorkingDay,
    onOrBefore(day) {
      let d = day
      while (!isWorkingDay(d)) d--
      return d
    },
  }
}

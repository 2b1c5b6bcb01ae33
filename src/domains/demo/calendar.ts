// The demo generator counts whole days as integers (days since 1970-01-01) so its arithmetic is
// plain addition; the conversions come from the one calendar (src/platform/calendar).
import { epochDay, fromEpochDay, weekdayOfEpochDay } from '../../platform/calendar/index.ts'

export const dayOf: (iso: string) => number = epochDay
export const isoOf: (day: number) => string = fromEpochDay
/** 0 = Sunday ... 6 = Saturday. */
export const weekday: (day: number) => number = weekdayOfEpochDay

export function yearOf(day: number): number {
  return Number(fromEpochDay(day).slice(0, 4))
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

// Working days in England and Wales, for the release-day rule, CAS3 turnarounds and the demo data.
//
// Source data: the GOV.UK bank holidays feed (https://www.gov.uk/bank-holidays.json), copied to
// data/reference/bank-holidays/bank-holidays.json under the Open Government Licence (provenance:
// data/reference/PROVENANCE.md; 2012 to 2028, refreshed 2026-02-25). Update that copy when GOV.UK
// announces later years: outside them `covers()` is false and the release-day rule says so. Only the
// "england-and-wales" division is used: release from prisons in England and Wales is governed by
// the Criminal Justice Act 1961, s.23, which refers to "a bank holiday in England and Wales".
//
// Why Christmas Day and Good Friday are handled explicitly: in England and Wales they are
// common-law holidays, not bank holidays under the Banking and Financial Dealings Act 1971,
// Sch.1. The GOV.UK feed happens to list them, but s.23(3) names them separately, so we compute
// them ourselves (25 December; Good Friday from the date of Easter) and do not depend on the feed
// for them. Substitute days (e.g. 27 December 2027 when Christmas Day is a Saturday) are bank
// holidays by proclamation and come from the feed.

import { readFileSync } from 'node:fs'
import { addDays, assertIsoDate, dayOfWeek, makeDate, monthDayOf, yearOf } from './plain-date.ts'

export interface Calendar {
  /** Bank holiday dates (ISO) as given, e.g. from the GOV.UK feed. */
  readonly bankHolidays: ReadonlySet<string>
  /** Years for which the bank holiday list is known to be complete. Outside them, only weekends, Christmas Day and Good Friday are known. */
  readonly coverage: { readonly firstYear: number; readonly lastYear: number } | null
  /** True when `date` falls in a year the bank holiday list covers. */
  covers(date: string): boolean
  isWeekend(date: string): boolean
  isBankHoliday(date: string): boolean
  isChristmasDay(date: string): boolean
  isGoodFriday(date: string): boolean
  /** Saturday, Sunday, Christmas Day, Good Friday or a bank holiday in England and Wales: the list in CJA 1961, s.23(3). */
  isNonWorkingDay(date: string): boolean
  isWorkingDay(date: string): boolean
  /** The nearest working day strictly before `date`. */
  previousWorkingDay(date: string): string
  /** The nearest working day strictly after `date`. */
  nextWorkingDay(date: string): string
  /** `date` itself if it is a working day, otherwise the last working day before it. */
  workingDayOnOrBefore(date: string): string
  /** Moves `n` working days forward (or back, if negative). The start date itself is not counted. */
  addWorkingDays(date: string, n: number): string
}

/**
 * Easter Sunday for a Gregorian year, by the Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
 * This is the Western Easter used by the Church of England, which fixes Good Friday and Easter Monday.
 */
export function easterSunday(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return makeDate(year, month, day)
}

export function goodFriday(year: number): string {
  return addDays(easterSunday(year), -2)
}

/** Safety net for the loops below: no real calendar has anywhere near this many consecutive non-working days. */
const MAX_CONSECUTIVE_NON_WORKING_DAYS = 31

/**
 * Builds a calendar from a list of bank holiday dates. Used for the real feed and in tests.
 * `coverage` defaults to the span of years in `dates` (none if the list is empty).
 */
export function calendarFromDates(
  dates: Iterable<string>,
  coverage?: { firstYear: number; lastYear: number } | null,
): Calendar {
  const bankHolidays = new Set<string>()
  for (const date of dates) {
    assertIsoDate(date)
    bankHolidays.add(date)
  }
  const years = [...bankHolidays].map(yearOf)
  const span =
    coverage !== undefined
      ? coverage
      : years.length > 0
        ? { firstYear: Math.min(...years), lastYear: Math.max(...years) }
        : null

  const isWeekend = (date: string) => {
    const dow = dayOfWeek(date)
    return dow === 0 || dow === 6
  }
  const isBankHoliday = (date: string) => bankHolidays.has(date)
  const isChristmasDay = (date: string) => monthDayOf(date) === '12-25'
  const isGoodFriday = (date: string) => goodFriday(yearOf(date)) === date
  const isNonWorkingDay = (date: string) =>
    isWeekend(date) || isChristmasDay(date) || isGoodFriday(date) || isBankHoliday(date)
  const isWorkingDay = (date: string) => !isNonWorkingDay(date)

  const step = (date: string, direction: 1 | -1): string => {
    let d = date
    for (let i = 0; i <= MAX_CONSECUTIVE_NON_WORKING_DAYS; i++) {
      d = addDays(d, direction)
      if (isWorkingDay(d)) return d
    }
    throw new RangeError(`No working day within ${MAX_CONSECUTIVE_NON_WORKING_DAYS} days of ${date}`)
  }

  return {
    bankHolidays,
    coverage: span,
    covers: (date) => span !== null && yearOf(date) >= span.firstYear && yearOf(date) <= span.lastYear,
    isWeekend,
    isBankHoliday,
    isChristmasDay,
    isGoodFriday,
    isNonWorkingDay,
    isWorkingDay,
    previousWorkingDay: (date) => step(date, -1),
    nextWorkingDay: (date) => step(date, 1),
    workingDayOnOrBefore: (date) => (isWorkingDay(date) ? date : step(date, -1)),
    addWorkingDays: (date, n) => {
      if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number, got ${n}`)
      let d = date
      for (let i = 0; i < Math.abs(n); i++) d = step(d, n > 0 ? 1 : -1)
      assertIsoDate(d)
      return d
    },
  }
}

/** The shape of the GOV.UK feed, as far as we use it. */
export interface GovUkBankHolidayFeed {
  'england-and-wales': { events: { title: string; date: string }[] }
}

export function calendarFromGovUkFeed(feed: unknown): Calendar {
  const division = (feed as Partial<GovUkBankHolidayFeed> | null)?.['england-and-wales']
  if (!division || !Array.isArray(division.events)) {
    throw new Error('Bank holiday feed has no "england-and-wales".events list')
  }
  return calendarFromDates(division.events.map((e) => e.date))
}

const FEED_URL = new URL('../../../data/reference/bank-holidays/bank-holidays.json', import.meta.url)
let cached: Calendar | undefined

/** The England and Wales calendar from the project's copy of the GOV.UK feed, read once on first use. */
export function englandAndWalesCalendar(): Calendar {
  cached ??= calendarFromGovUkFeed(JSON.parse(readFileSync(FEED_URL, 'utf8')))
  return cached
}

/** Convenience for callers that do not hold a calendar: n working days after `date` in England and Wales. */
export function addWorkingDays(
  date: string,
  n: number,
  calendar: Calendar = englandAndWalesCalendar(),
): string {
  return calendar.addWorkingDays(date, n)
}

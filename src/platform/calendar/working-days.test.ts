import { describe, expect, it } from 'vitest'
import {
  addWorkingDays,
  calendarFromDates,
  calendarFromGovUkFeed,
  easterSunday,
  englandAndWalesCalendar,
  goodFriday,
} from './working-days.ts'

const cal = englandAndWalesCalendar()

describe('Easter (Anonymous Gregorian algorithm)', () => {
  it('matches published Easter Sundays, including the earliest and latest possible', () => {
    expect(easterSunday(2024)).toBe('2024-03-31')
    expect(easterSunday(2025)).toBe('2025-04-20')
    expect(easterSunday(2026)).toBe('2026-04-05')
    expect(easterSunday(2027)).toBe('2027-03-28')
    expect(easterSunday(2028)).toBe('2028-04-16')
    expect(easterSunday(2000)).toBe('2000-04-23')
    expect(easterSunday(1818)).toBe('1818-03-22') // earliest possible date
    expect(easterSunday(2038)).toBe('2038-04-25') // latest possible date
  })

  it('gives the same Good Friday as every year of the GOV.UK feed', () => {
    const feedGoodFridays = [...cal.bankHolidays].filter((d) => cal.isGoodFriday(d))
    expect(feedGoodFridays).toHaveLength(2028 - 2012 + 1)
    for (let year = 2012; year <= 2028; year++) {
      expect(cal.bankHolidays.has(goodFriday(year))).toBe(true)
    }
  })
})

describe('England and Wales calendar from the GOV.UK feed', () => {
  it('loads once and covers 2012 to 2028', () => {
    expect(englandAndWalesCalendar()).toBe(cal)
    expect(cal.coverage).toEqual({ firstYear: 2012, lastYear: 2028 })
    expect(cal.covers('2028-12-31')).toBe(true)
    expect(cal.covers('2029-01-01')).toBe(false)
  })

  it('knows the 2026 bank holidays, including the Boxing Day substitute', () => {
    for (const d of [
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]) {
      expect(cal.isBankHoliday(d), d).toBe(true)
      expect(cal.isNonWorkingDay(d), d).toBe(true)
    }
    expect(cal.isBankHoliday('2026-12-26')).toBe(false) // a Saturday; the substitute is Monday 28th
    expect(cal.isNonWorkingDay('2026-12-26')).toBe(true)
    expect(cal.isWorkingDay('2026-12-24')).toBe(true)
  })

  it('is not fooled by the feed for Christmas Day and Good Friday', () => {
    // An empty calendar still knows Christmas Day and Good Friday, as CJA 1961 s.23(3) names them.
    const bare = calendarFromDates([])
    expect(bare.isNonWorkingDay('2027-12-25')).toBe(true) // a Saturday anyway
    expect(bare.isNonWorkingDay('2030-12-25')).toBe(true) // a Wednesday
    expect(bare.isChristmasDay('2030-12-25')).toBe(true)
    expect(bare.isNonWorkingDay('2030-04-19')).toBe(true) // Good Friday 2030
    expect(bare.isNonWorkingDay('2030-04-22')).toBe(false) // Easter Monday is only a bank holiday from the feed
    expect(bare.covers('2030-04-22')).toBe(false)
  })

  it('treats weekends as non-working', () => {
    expect(cal.isWeekend('2025-05-03')).toBe(true)
    expect(cal.isWeekend('2025-05-04')).toBe(true)
    expect(cal.isWeekend('2025-05-05')).toBe(false) // early May bank holiday, a Monday
    expect(cal.isNonWorkingDay('2025-05-05')).toBe(true)
  })

  it('rejects a feed without an england-and-wales division', () => {
    expect(() => calendarFromGovUkFeed({ scotland: { events: [] } })).toThrow(/england-and-wales/)
    expect(() => calendarFromGovUkFeed(null)).toThrow()
    expect(() => calendarFromDates(['2025-02-30'])).toThrow(RangeError)
  })
})

describe('moving between working days', () => {
  it('finds the previous and next working day across Easter 2025', () => {
    expect(cal.previousWorkingDay('2025-04-22')).toBe('2025-04-17')
    expect(cal.nextWorkingDay('2025-04-17')).toBe('2025-04-22')
    expect(cal.workingDayOnOrBefore('2025-04-21')).toBe('2025-04-17')
    expect(cal.workingDayOnOrBefore('2025-04-17')).toBe('2025-04-17')
  })

  it('adds working days forward and back, not counting the start day', () => {
    expect(cal.addWorkingDays('2026-07-03', 2)).toBe('2026-07-07') // Fri -> Tue
    expect(cal.addWorkingDays('2026-12-23', 2)).toBe('2026-12-29') // Wed -> Thu 24, then Tue 29 (25, 26, 27, 28 off)
    expect(cal.addWorkingDays('2026-12-29', -2)).toBe('2026-12-23')
    expect(cal.addWorkingDays('2026-07-04', 0)).toBe('2026-07-04')
    expect(cal.addWorkingDays('2026-07-04', 1)).toBe('2026-07-06') // from a Saturday
    expect(addWorkingDays('2025-12-24', 1)).toBe('2025-12-29')
    expect(addWorkingDays('2025-12-24', 1, calendarFromDates([]))).toBe('2025-12-26')
    expect(() => cal.addWorkingDays('2026-07-03', 1.5)).toThrow(RangeError)
  })
})

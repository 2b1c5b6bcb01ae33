import { describe, expect, it } from 'vitest'
import { Temporal } from './temporal.ts'
import {
  epochDay,
  fromEpochDay,
  plainDate,
  addDays,
  addMonths,
  ageOn,
  assertIsoDate,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  earlierOf,
  formatLongDate,
  isIsoDate,
  isLeapYear,
} from './index.ts'

describe('ISO date validation', () => {
  it('accepts real dates and rejects impossible or malformed ones', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2025-02-29')).toBe(false)
    expect(isIsoDate('2025-13-01')).toBe(false)
    expect(isIsoDate('2025-04-31')).toBe(false)
    expect(isIsoDate('2025-4-1')).toBe(false)
    expect(isIsoDate('2025-04-01T00:00:00Z')).toBe(false)
    expect(() => assertIsoDate('1 April 2025')).toThrow(RangeError)
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError)
  })
})

describe('day arithmetic', () => {
  it('picks the earlier of two dates across month and year ends', () => {
    expect(earlierOf('2025-03-01', '2025-02-28')).toBe('2025-02-28')
    expect(earlierOf('2024-12-31', '2025-01-01')).toBe('2024-12-31')
    expect(earlierOf('2025-06-10', '2025-06-10')).toBe('2025-06-10')
  })

  it('adds days across month, year and clock-change boundaries', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01')
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01')
    expect(addDays('2025-03-29', 2)).toBe('2025-03-31') // clocks go forward on 30 March 2025
    expect(addDays('2025-10-25', 2)).toBe('2025-10-27') // clocks go back on 26 October 2025
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31')
  })

  it('counts whole days between dates, signed', () => {
    expect(daysBetween('2025-01-01', '2025-01-02')).toBe(1)
    expect(daysBetween('2025-01-02', '2025-01-01')).toBe(-1)
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366)
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365)
  })

  it('knows the day of the week (cross-checked against JS Date)', () => {
    for (let d = '2023-12-01'; d <= '2029-01-31'; d = addDays(d, 1)) {
      expect(dayOfWeek(d)).toBe(new Date(`${d}T12:00:00Z`).getUTCDay())
    }
    expect(dayOfWeek('2026-12-25')).toBe(5) // Friday
  })

  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2024, 2025, 2100].map(isLeapYear)).toEqual([false, true, true, false, false])
    expect(daysInMonth(2024, 2)).toBe(29)
    expect(daysInMonth(2025, 2)).toBe(28)
    expect(daysInMonth(2025, 4)).toBe(30)
    expect(daysInMonth(2025, 12)).toBe(31)
  })
})

describe('addMonths', () => {
  it('keeps the day of month where it exists', () => {
    expect(addMonths('2025-01-15', 1)).toBe('2025-02-15')
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28')
    expect(addMonths('2025-03-10', -3)).toBe('2024-12-10')
    expect(addMonths('2025-03-10', 0)).toBe('2025-03-10')
  })

  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28')
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2025-03-31', 1)).toBe('2025-04-30')
    expect(addMonths('2025-08-31', -6)).toBe('2025-02-28')
    expect(addMonths('2024-08-31', -6)).toBe('2024-02-29')
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28')
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29')
  })
})

describe('ageOn', () => {
  it('counts completed years, birthday included', () => {
    expect(ageOn('2008-06-15', '2026-06-14')).toBe(17)
    expect(ageOn('2008-06-15', '2026-06-15')).toBe(18)
    expect(ageOn('2008-06-15', '2026-12-31')).toBe(18)
  })

  it('treats a 29 February birthday as reached on 1 March in a non-leap year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17)
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18)
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20)
  })
})

describe('formatLongDate', () => {
  it('uses GOV.UK style', () => {
    expect(formatLongDate('2026-12-25')).toBe('Friday 25 December 2026')
    expect(formatLongDate('2025-04-01')).toBe('Tuesday 1 April 2025')
  })
})

describe('day numbers agree with Temporal', () => {
  it('for every day from 1900 to 2100, forwards and backwards', () => {
    let date = Temporal.PlainDate.from('1900-01-01')
    const start = epochDay('1900-01-01')
    for (let n = start; date.year <= 2100; n++, date = date.add({ days: 1 })) {
      const iso = date.toString()
      if (epochDay(iso) !== n || fromEpochDay(n) !== iso) {
        expect({ iso, n }).toEqual({ iso: fromEpochDay(n), n: epochDay(iso) })
      }
      if (dayOfWeek(iso) !== date.dayOfWeek % 7) expect(dayOfWeek(iso)).toBe(date.dayOfWeek % 7)
    }
    expect(epochDay('1970-01-01')).toBe(0)
    expect(epochDay('2000-03-01')).toBe(11017)
  }, 120_000)

  it('adds months as Temporal does (clamped to the month end) for every day of 2000 to 2040', () => {
    let date = Temporal.PlainDate.from('2000-01-01')
    let checked = 0
    for (; date.year <= 2040; date = date.add({ days: 1 })) {
      const iso = date.toString()
      for (let months = -24; months <= 24; months += date.day > 27 ? 1 : 7) {
        const expected = date.add({ months }, { overflow: 'constrain' }).toString()
        if (addMonths(iso, months) !== expected)
          expect({ iso, months, got: addMonths(iso, months) }).toBe(expected)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(100_000)
  }, 120_000)

  it('rejects impossible dates rather than rolling them over', () => {
    for (const bad of ['2025-02-29', '2024-13-01', '2024-04-31', '2024-00-10', '2024-1-1', '']) {
      expect(() => epochDay(bad)).toThrow(RangeError)
      expect(() => plainDate(bad)).toThrow(RangeError)
    }
    expect(epochDay('2024-02-29') - epochDay('2024-02-28')).toBe(1)
  })
})

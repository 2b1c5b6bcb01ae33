import { describe, expect, it } from 'vitest'
import {
  dateOf,
  formatDate,
  formatDateTime,
  formatLongDate,
  formatShortDate,
  formatShortMonthYear,
  instantAfterDays,
} from './index.ts'

describe('GOV.UK dates', () => {
  it('writes the day without a leading zero and the month in full', () => {
    expect(formatDate('2026-12-05')).toBe('5 December 2026')
    expect(formatDate('2026-12-05', 'day')).toBe('Saturday 5 December 2026')
    expect(formatLongDate('2026-12-25')).toBe('Friday 25 December 2026')
  })

  it('takes the date part of a timestamp string, and a Date as its UTC date (a date column)', () => {
    expect(formatDate('2026-03-01T10:00:00Z')).toBe('1 March 2026')
    expect(formatDate(new Date('2026-03-01T00:00:00Z'))).toBe('1 March 2026')
  })

  it('shows nothing for no value, and an unreadable value as it came', () => {
    expect(formatDate(null)).toBe('')
    expect(formatDate('')).toBe('')
    expect(formatDate('soon')).toBe('soon')
  })

  it('gives a time in London time, on the London date', () => {
    // 23:30 UTC on 14 July is 00:30 on 15 July in British Summer Time.
    expect(formatDateTime('2026-07-14T23:30:00Z')).toBe('15 July 2026 at 00:30')
    expect(formatDateTime(new Date('2026-01-14T23:30:00Z'))).toBe('14 January 2026 at 23:30')
    expect(formatDateTime('not a time')).toBe('')
  })

  it('abbreviates months as en-GB does, for tables and chart axes', () => {
    expect(formatShortDate('2026-09-05')).toBe('5 Sept 2026')
    expect(formatShortMonthYear('2026-11-01')).toBe('Nov 2026')
  })
})

describe('dateOf', () => {
  it('keeps a date column and gives a timestamp its London date', () => {
    expect(dateOf('2026-07-14')).toBe('2026-07-14')
    expect(dateOf(new Date('2026-07-14T23:30:00Z'))).toBe('2026-07-15')
    expect(dateOf('2026-07-14T23:30:00+00:00')).toBe('2026-07-15')
    expect(dateOf(null)).toBe('')
  })
})

describe('instantAfterDays', () => {
  it('adds whole 24-hour days, whatever the clocks do', () => {
    expect(instantAfterDays(new Date('2026-03-28T12:00:00Z'), 2).toISOString()).toBe(
      '2026-03-30T12:00:00.000Z',
    )
  })
})

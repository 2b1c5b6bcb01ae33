import { describe, expect, it } from 'vitest'
import { londonDayAfter, londonDayStart } from './index.ts'

describe('London days', () => {
  it('starts a winter day at midnight UTC', () => {
    expect(londonDayStart('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z')
  })

  it('starts a summer day at 23:00 UTC the evening before', () => {
    expect(londonDayStart('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z')
  })

  it('handles the days the clocks change', () => {
    // British Summer Time 2026 runs from 29 March to 25 October.
    expect(londonDayStart('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z')
    expect(londonDayStart('2026-03-30').toISOString()).toBe('2026-03-29T23:00:00.000Z')
    expect(londonDayStart('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z')
    expect(londonDayStart('2026-10-26').toISOString()).toBe('2026-10-26T00:00:00.000Z')
  })

  it('ends a day where the next one starts, across month and year ends', () => {
    expect(londonDayAfter('2026-12-31').toISOString()).toBe('2027-01-01T00:00:00.000Z')
    expect(londonDayAfter('2026-06-30').toISOString()).toBe('2026-06-30T23:00:00.000Z')
  })
})

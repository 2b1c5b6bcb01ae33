import { afterEach, describe, expect, it, vi } from 'vitest'
import { londonDate, londonToday } from './london-date.ts'

describe('londonDate', () => {
  it('is already tomorrow at 00:30 London time in British Summer Time, when UTC is still today', () => {
    // 00:30 BST on 15 July 2026 is 23:30 UTC on 14 July.
    expect(londonDate(new Date('2026-07-14T23:30:00Z'))).toBe('2026-07-15')
  })

  it('follows UTC in winter, when London is on Greenwich Mean Time', () => {
    expect(londonDate(new Date('2026-01-14T23:30:00Z'))).toBe('2026-01-14')
    expect(londonDate(new Date('2026-01-15T00:30:00Z'))).toBe('2026-01-15')
  })

  it('changes date at London midnight on the days the clocks change', () => {
    // Clocks go forward at 01:00 UTC on 29 March 2026 and back at 01:00 UTC on 25 October 2026.
    expect(londonDate(new Date('2026-03-28T23:59:00Z'))).toBe('2026-03-28')
    expect(londonDate(new Date('2026-03-29T00:00:00Z'))).toBe('2026-03-29')
    expect(londonDate(new Date('2026-10-24T22:59:00Z'))).toBe('2026-10-24')
    expect(londonDate(new Date('2026-10-24T23:00:00Z'))).toBe('2026-10-25')
  })
})

describe("the service clock's today", () => {
  afterEach(() => vi.useRealTimers())

  it('is the London date at 00:30 in British Summer Time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-07-14T23:30:00Z'))
    expect(londonToday()).toBe('2026-07-15')
    // The service clock every domain is given takes today from the same place.
    const { systemClock } = await import('../../composition.ts')
    expect(systemClock.today()).toBe('2026-07-15')
  }, 60_000)
})

import { describe, expect, it } from 'vitest'
import { checkpointDate, checkpointsFor, DEFAULT_CHECKPOINTS } from './checkpoints.ts'

describe('checkpoints', () => {
  it('lists every checkpoint for a release date, in order', () => {
    expect(checkpointsFor('2025-01-31').map(({ key, date }) => [key, date])).toEqual([
      ['first_night', '2025-01-31'],
      ['three_weeks', '2025-02-21'],
      ['six_weeks', '2025-03-14'],
      ['three_months', '2025-04-30'], // 31 April does not exist
      ['six_months', '2025-07-31'],
      ['twelve_months', '2026-01-31'],
      ['reoffending_final', '2026-07-31'],
    ])
    expect(checkpointsFor('2025-01-31')).toHaveLength(DEFAULT_CHECKPOINTS.length)
  })

  it('clamps month offsets to the end of February, leap years included', () => {
    expect(checkpointDate('2024-11-30', 'three_months')).toBe('2025-02-28')
    expect(checkpointDate('2023-11-30', 'three_months')).toBe('2024-02-29')
    expect(checkpointDate('2027-08-31', 'six_months')).toBe('2028-02-29')
    expect(checkpointDate('2027-08-31', 'reoffending_final')).toBe('2029-02-28')
    expect(checkpointDate('2025-12-31', 'six_months')).toBe('2026-06-30')
  })

  it('handles a release on 29 February', () => {
    expect(checkpointDate('2024-02-29', 'three_months')).toBe('2024-05-29')
    expect(checkpointDate('2024-02-29', 'twelve_months')).toBe('2025-02-28')
    // 18 months in one step, not 12 then 6 (which would give 28 August).
    expect(checkpointDate('2024-02-29', 'reoffending_final')).toBe('2025-08-29')
    expect(checkpointDate('2024-02-29', 'six_weeks')).toBe('2024-04-11')
  })

  it('day offsets cross months and years', () => {
    expect(checkpointDate('2025-12-20', 'three_weeks')).toBe('2026-01-10')
    expect(checkpointDate('2025-12-20', 'six_weeks')).toBe('2026-01-31')
  })

  it('rejects unknown keys and invalid dates, and takes definitions as data', () => {
    expect(() => checkpointDate('2025-01-31', 'two_years')).toThrow(RangeError)
    expect(() => checkpointDate('2025-02-30', 'first_night')).toThrow(RangeError)
    const custom = [{ key: 'two_years', label: '2 years', offset: { months: 24 } }]
    expect(checkpointDate('2024-02-29', 'two_years', custom)).toBe('2026-02-28')
    expect(checkpointsFor('2025-01-01', custom)).toEqual([
      { key: 'two_years', label: '2 years', date: '2027-01-01' },
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { calendarFromDates, englandAndWalesCalendar } from '../../platform/calendar/index.ts'
import { addWorkingDays, nextArrivalDate, nightsBetween, stayStatus } from './stay-rules.ts'

const cal = englandAndWalesCalendar()

describe('nightsBetween', () => {
  it('counts nights, not days', () => {
    expect(nightsBetween('2026-03-01', '2026-03-02')).toBe(1)
    expect(nightsBetween('2026-03-01', '2026-03-01')).toBe(0)
    expect(nightsBetween('2024-02-28', '2024-03-01')).toBe(2) // leap day
    expect(nightsBetween('2026-01-05', '2026-03-30')).toBe(84)
    expect(() => nightsBetween('2026-03-02', '2026-03-01')).toThrow(RangeError)
  })
})

describe('stayStatus', () => {
  const arrival = '2026-01-05' // limit date is 84 days later: Monday 30 March 2026

  it('84 nights is within the limit; 85 is over', () => {
    expect(stayStatus(arrival, '2026-03-30', '2026-01-05')).toEqual({
      nights: 84,
      overLimit: false,
      warning: false,
      limitDate: '2026-03-30',
    })
    expect(stayStatus(arrival, '2026-03-31', '2026-01-05')).toMatchObject({ nights: 85, overLimit: true })
  })

  it('warns from 14 nights before the limit while the person is still there', () => {
    expect(stayStatus(arrival, '2026-03-30', '2026-03-15').warning).toBe(false)
    expect(stayStatus(arrival, '2026-03-30', '2026-03-16').warning).toBe(true)
    expect(stayStatus(arrival, '2026-03-30', '2026-03-29').warning).toBe(true)
    expect(stayStatus(arrival, '2026-03-30', '2026-03-30').warning).toBe(false) // leaving today
    expect(stayStatus(arrival, '2026-03-20', '2026-03-25').warning).toBe(false) // already left
    expect(stayStatus(arrival, '2026-04-10', '2026-04-01')).toMatchObject({ overLimit: true, warning: true })
    expect(stayStatus('2026-04-01', '2026-06-24', '2026-03-25').warning).toBe(false) // not yet arrived
  })

  it('takes the limit and warning window as data', () => {
    const r = stayStatus(arrival, '2026-02-10', '2026-02-01', { maxNights: 28, warnNightsBefore: 7 })
    expect(r).toEqual({ nights: 36, overLimit: true, warning: true, limitDate: '2026-02-02' })
  })
})

describe('turnaround between bookings', () => {
  it('needs 2 working days after departure before the next arrival', () => {
    expect(nextArrivalDate('2026-07-03', cal)).toBe('2026-07-08') // Fri -> Mon, Tue turnaround -> Wed
    expect(nextArrivalDate('2026-07-06', cal)).toBe('2026-07-09') // Mon -> Tue, Wed -> Thu
    expect(nextArrivalDate('2026-12-23', cal)).toBe('2026-12-30') // Thu 24, Tue 29 -> Wed 30
    expect(nextArrivalDate('2026-07-03', cal, { turnaroundWorkingDays: 0 })).toBe('2026-07-03')
  })

  it('re-exports addWorkingDays', () => {
    expect(addWorkingDays('2025-04-17', 1, cal)).toBe('2025-04-22') // over Easter
    expect(addWorkingDays('2025-04-17', 1, calendarFromDates([]))).toBe('2025-04-21') // no bank holidays known
  })
})

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { englandAndWalesCalendar } from '../../../platform/calendar/index.ts'
import type { ReleaseDayInput } from './release-day.ts'
import { computeReleaseDay } from './release-day.ts'

const cal = englandAndWalesCalendar()

const adult = (dueDate: string, extra: Partial<ReleaseDayInput> = {}): ReleaseDayInput => ({
  dueDate,
  sentenceDate: '2023-01-01',
  sentenceType: 'determinate',
  releaseType: 'conditional_release',
  dateOfBirth: '1990-05-17',
  ...extra,
})

// An oracle for the property tests, built straight from the raw GOV.UK feed and JS Date rather
// than from the calendar module, so that a bug in platform/calendar/working-days.ts cannot hide itself.
const feed = JSON.parse(
  readFileSync(
    new URL('../../../../data/reference/bank-holidays/bank-holidays.json', import.meta.url),
    'utf8',
  ),
) as { 'england-and-wales': { events: { date: string }[] } }
const feedDates = feed['england-and-wales'].events.map((e) => e.date)
const feedSet = new Set(feedDates)
const shift = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const offDay = (d: string) => {
  const dow = new Date(`${d}T00:00:00Z`).getUTCDay()
  return dow === 0 || dow === 6 || d.endsWith('-12-25') || feedSet.has(d)
}
const prevWorking = (d: string) => {
  let x = shift(d, -1)
  while (offDay(x)) x = shift(x, -1)
  return x
}

// Every Friday, and every day before an England and Wales bank holiday, 2024 to 2028.
const dueDates = new Set<string>()
for (let d = '2024-01-01'; d <= '2028-12-31'; d = shift(d, 1)) {
  if (new Date(`${d}T00:00:00Z`).getUTCDay() === 5) dueDates.add(d)
}
for (const bh of feedDates) {
  const before = shift(bh, -1)
  if (before >= '2024-01-01' && before <= '2028-12-31') dueDates.add(before)
}

describe('release day: every Friday and every day before a bank holiday, 2024 to 2028', () => {
  const cases = [...dueDates].sort()

  it('covers the expected number of dates', () => {
    // 261 Fridays in 2024-2028, plus the days before 39 of the 40 bank holidays in those years (the
    // day before New Year's Day 2024 is in 2023). No bank holiday falls on a Saturday, so none of those is a Friday.
    expect(cases.length).toBe(261 + 39)
  })

  it.each(cases)('adult due %s', (due) => {
    const r = computeReleaseDay(adult(due), cal)
    const w1 = prevWorking(r.afterStep1)
    const w2 = prevWorking(w1)
    const expectedAfterStep1 = offDay(due) ? prevWorking(due) : due

    expect(r.afterStep1).toBe(expectedAfterStep1)
    expect(r.step1Moved).toBe(offDay(due))
    expect(r.beforeNonWorkingDay).toBe(true)
    expect(r.eligibleDays).toEqual([w1, w2].filter((d) => !offDay(shift(d, 1))))
    expect(r.calendarCoversDates).toBe(true)

    // Result is a working day, never later than due, and at most two working days before the s.23(3) day.
    expect(offDay(r.releaseDate)).toBe(false)
    expect(r.releaseDate <= due).toBe(true)
    expect(r.releaseDate < r.afterStep1).toBe(true)
    expect(r.releaseDate >= w2).toBe(true)

    // The presumption applies, lands on an eligible day, and picks the nearest one.
    expect(r.applied).toBe('presumption')
    expect(r.exclusion).toBeNull()
    expect(offDay(shift(r.releaseDate, 1))).toBe(false)
    expect(r.releaseDate).toBe(offDay(shift(w1, 1)) ? w2 : w1)
    expect(r.presumedDate).toBe(r.releaseDate)

    // A further day is on offer exactly when both days in the window are eligible.
    expect(r.furtherDayDate).toBe(r.eligibleDays.length === 2 ? w2 : null)
    const withFurther = computeReleaseDay(adult(due, { furtherDayApproved: true }), cal)
    expect(withFurther.releaseDate).toBe(r.furtherDayDate ?? r.presumedDate)
    expect(offDay(shift(withFurther.releaseDate, 1))).toBe(false)
    expect(withFurther.releaseDate >= w2).toBe(true)

    // A child goes out on the furthest eligible day in the window.
    const child = computeReleaseDay(adult(due, { dateOfBirth: '2015-01-01' }), cal)
    expect(child.applied).toBe('child_two_days')
    expect(child.releaseDate).toBe(r.eligibleDays.at(-1))

    // Excluded cases get step 1 only.
    const hdc = computeReleaseDay(adult(due, { releaseType: 'hdc' }), cal)
    expect(hdc.releaseDate).toBe(expectedAfterStep1)
  })
})

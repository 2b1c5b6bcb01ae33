import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, englandAndWalesCalendar } from '../../../platform/calendar/index.ts'
import { STANDARD_ACTIONS } from '../vocabulary.ts'
import { DEFAULT_ACTION_DUE_RULES, isOverdue, standardActionDue } from './action-due.ts'

// The journeys' untraced finding (docs/defects.md): "standard plan actions added five days before
// a release once showed one action as Overdue". Whatever today and the release are, an action the
// rule dates is never overdue on the day it is added; the finding was an action already on the
// plan (test/routes/plan-overdue-finding.db.test.ts). The rule reads no calendar: weekends, bank
// holidays and the s.23(3) release day change nothing here, so the days below include all of them.
const cal = englandAndWalesCalendar()
const FIRST = '2024-01-01'
const day = (n: number) => addDays(FIRST, n)
/** 2024 to 2030: every weekday, weekend and bank holiday the calendar holds, and some it does not. */
const anyDay = fc.integer({ min: 0, max: 7 * 365 }).map(day)
const standardWeeks = fc.constantFrom(...STANDARD_ACTIONS.map((s) => s.weeksBeforeRelease))

describe('a standard action added today', () => {
  it('is not overdue today, for any release and any today', () => {
    fc.assert(
      fc.property(
        anyDay,
        anyDay,
        fc.oneof(standardWeeks, fc.integer({ min: 0, max: 104 })),
        (today, release, weeks) => {
          const due = standardActionDue({ release, weeksBefore: weeks, today })
          expect(due >= today).toBe(true)
          for (const status of ['not_started', 'in_progress'])
            expect(isOverdue({ due_date: due, status }, today)).toBe(false)
        },
      ),
      { numRuns: 5_000 },
    )
  })

  it('is due by the release while the release is ahead, and within the lead time when its set point has passed', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 400 }), standardWeeks, (today, ahead, weeks) => {
        const release = addDays(today, ahead)
        const due = standardActionDue({ release, weeksBefore: weeks, today })
        expect(due <= release).toBe(true)
        const set = addDays(release, -7 * weeks)
        expect(due).toBe(
          set >= today
            ? set
            : release < addDays(today, DEFAULT_ACTION_DUE_RULES.leadDays)
              ? release
              : addDays(today, DEFAULT_ACTION_DUE_RULES.leadDays),
        )
      }),
      { numRuns: 5_000 },
    )
  })

  it('added five days before a release is due on or before it, for every standard action, whatever the weekday', () => {
    // The finding's case, on every day of 2024 to 2030, bank holidays and weekends included.
    let bankHolidays = 0
    for (let n = 0; n <= 7 * 365; n++) {
      const today = day(n)
      const release = addDays(today, 5)
      if (cal.covers(release) && !cal.isWorkingDay(release)) bankHolidays++
      for (const s of STANDARD_ACTIONS) {
        const due = standardActionDue({ release, weeksBefore: s.weeksBeforeRelease, today })
        expect(isOverdue({ due_date: due, status: 'not_started' }, today)).toBe(false)
        expect(due >= today && due <= release).toBe(true)
      }
    }
    expect(bankHolidays, 'releases due on a weekend or bank holiday were among them').toBeGreaterThan(500)
  })

  it('is overdue the day after its due date if still open (the marker works)', () => {
    fc.assert(
      fc.property(anyDay, anyDay, standardWeeks, (today, release, weeks) => {
        const due = standardActionDue({ release, weeksBefore: weeks, today })
        expect(isOverdue({ due_date: due, status: 'in_progress' }, addDays(due, 1))).toBe(true)
        expect(isOverdue({ due_date: due, status: 'done' }, addDays(due, 1))).toBe(false)
      }),
    )
  })

  it('is due by the working day the person leaves when the release date is not one (s.23(3))', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 0, max: 10 }), standardWeeks, (today, ahead, weeks) => {
        const release = addDays(today, ahead)
        if (!cal.covers(release)) return
        const releaseDay = cal.workingDayOnOrBefore(release)
        const due = standardActionDue({ release, releaseDay, weeksBefore: weeks, today })
        expect(due >= today).toBe(true)
        if (releaseDay >= today) expect(due <= releaseDay).toBe(true)
      }),
      { numRuns: 5_000 },
    )
  })
})

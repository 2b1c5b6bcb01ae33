import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays } from '../../../platform/calendar/index.ts'
import { DEFAULT_ACTION_DUE_RULES, isOverdue, standardActionDue } from './action-due.ts'

const TODAY = '2026-11-22'

describe('when a standard plan action is due', () => {
  it('is its set weeks before release when that is still ahead', () => {
    expect(standardActionDue({ release: '2027-01-31', weeksBefore: 4, today: TODAY })).toBe('2027-01-03')
  })

  it('is never already past when the plan is made late', () => {
    // 12 weeks before a release in 3 weeks was 9 weeks ago: give the usual lead time instead.
    expect(standardActionDue({ release: '2026-12-13', weeksBefore: 12, today: TODAY })).toBe('2026-11-29')
  })

  it('is no later than the release when the release is close', () => {
    expect(standardActionDue({ release: '2026-11-25', weeksBefore: 4, today: TODAY })).toBe('2026-11-25')
  })

  it('always falls on or after today, and before or on the release while it is ahead', () => {
    fc.assert(
      fc.property(fc.integer({ min: -60, max: 400 }), fc.integer({ min: 0, max: 26 }), (inDays, weeks) => {
        const release = addDays(TODAY, inDays)
        const due = standardActionDue({ release, weeksBefore: weeks, today: TODAY })
        expect(due >= TODAY).toBe(true)
        if (release >= TODAY) expect(due <= release).toBe(true)
        else expect(due).toBe(addDays(TODAY, DEFAULT_ACTION_DUE_RULES.leadDays))
      }),
    )
  })
})

describe('an overdue action', () => {
  it('is one past its due date that is not done or cancelled', () => {
    expect(isOverdue({ due_date: '2026-11-21', status: 'not_started' }, TODAY)).toBe(true)
    expect(isOverdue({ due_date: '2026-11-21', status: 'in_progress' }, TODAY)).toBe(true)
    expect(isOverdue({ due_date: '2026-11-22', status: 'not_started' }, TODAY)).toBe(false)
    expect(isOverdue({ due_date: '2026-11-01', status: 'done' }, TODAY)).toBe(false)
    expect(isOverdue({ due_date: '2026-11-01', status: 'cancelled' }, TODAY)).toBe(false)
    expect(isOverdue({ due_date: null, status: 'not_started' }, TODAY)).toBe(false)
  })
})

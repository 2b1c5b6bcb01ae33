import { describe, expect, it } from 'vitest'
import { assessmentRecordProblems, concludeProblems, sessionProblems } from './rules.ts'

const d = { today: '2026-11-22', assessmentDate: '2026-11-05', releasedOn: '2026-10-01' }
const session = { date: '2026-11-10', number: 1, planned: 2, overPlanConfirmed: false }

describe('CRS delivery dates (issue 12, defect 5)', () => {
  it('refuses recording an assessment whose appointment is still to come', () => {
    expect(assessmentRecordProblems({ ...d, assessmentDate: '2026-11-23' }).feedback).toContain(
      '23 November 2026',
    )
    expect(assessmentRecordProblems({ ...d, assessmentDate: '2026-11-22' })).toEqual({})
    expect(assessmentRecordProblems(d)).toEqual({})
  })

  it('refuses a session in the future or before the initial assessment', () => {
    expect(sessionProblems(d, { ...session, date: '2026-11-23' }).appointmentDate).toContain('future')
    expect(sessionProblems(d, { ...session, date: '2026-11-04' }).appointmentDate).toContain(
      'on or after the initial assessment on 5 November 2026',
    )
    expect(sessionProblems(d, { ...session, date: '2026-11-05' })).toEqual({})
    expect(sessionProblems(d, session)).toEqual({})
  })

  it('asks for confirmation of a session beyond the plan, and accepts it confirmed', () => {
    expect(sessionProblems(d, { ...session, number: 2 })).toEqual({})
    expect(sessionProblems(d, { ...session, number: 3 }).overPlan).toContain('session 3 of a 2-session')
    expect(sessionProblems(d, { ...session, number: 8, overPlanConfirmed: true })).toEqual({})
    expect(sessionProblems(d, { ...session, number: 8, planned: null })).toEqual({})
  })

  it('refuses concluding before the person is released', () => {
    expect(concludeProblems({ ...d, releasedOn: null })).toContain('not been released')
    expect(concludeProblems({ ...d, releasedOn: '2026-11-23' })).toContain('not been released')
    expect(concludeProblems({ ...d, releasedOn: '2026-11-22' })).toBeNull()
  })
})

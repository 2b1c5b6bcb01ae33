import { describe, expect, it } from 'vitest'
import { readableDates } from './timeline.ts'

describe('timeline entries in words (issue 12, defect 12)', () => {
  it('rewrites ISO dates in titles and details as GOV.UK dates', () => {
    expect(
      readableDates({
        date: '2026-11-01',
        title: 'Due to leave CAS3 on 2027-01-09',
        detail: 'Hope House; 84 nights to 2027-01-24',
        source: 'CAS3',
      }),
    ).toEqual({
      date: '2026-11-01',
      title: 'Due to leave CAS3 on 9 January 2027',
      detail: 'Hope House; 84 nights to 24 January 2027',
      source: 'CAS3',
    })
  })

  it('leaves text without dates, and numbers that are not dates, alone', () => {
    const item = { date: '2026-11-01', title: 'Referral R-2026-0042', source: 'Referrals' }
    expect(readableDates(item)).toEqual(item)
    expect(readableDates({ ...item, title: 'Code 2026-13-01' }).title).toBe('Code 2026-13-01')
  })
})

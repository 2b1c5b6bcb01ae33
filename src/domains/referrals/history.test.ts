import { describe, expect, it } from 'vitest'
import { historyDetail } from './history.ts'

describe('historyDetail', () => {
  it('words stored details in the GOV.UK style', () => {
    expect(historyDetail('book_assessment', '2026-11-05')).toBe('for 5 November 2026')
    expect(historyDetail('record_session', 'did_not_attend')).toBe('did not attend')
    expect(historyDetail('record_session', 'late')).toBe('attended late')
    expect(historyDetail('cancel', 'Moved away on 2027-01-09')).toBe('Moved away on 9 January 2027')
    expect(historyDetail('send', 'to Shelter Partners')).toBe('to Shelter Partners')
    expect(historyDetail('assign', null)).toBeNull()
  })
})

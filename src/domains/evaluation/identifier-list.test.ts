import { describe, expect, it } from 'vitest'
import { parseIdentifierList } from './identifier-list.ts'

describe('an uploaded list of CRNs or prison numbers', () => {
  it('takes a header, CRNs and prison numbers in any case, and reports every bad row by number', () => {
    const r = parseIdentifierList('crn,name\nx123456,A\nA1234BC\nnot-an-id\n\nX123456\n"Y000001",b\n')
    expect(r.crns).toEqual(['X123456', 'Y000001'])
    expect(r.prisonNumbers).toEqual(['A1234BC'])
    expect(r.problems).toEqual([
      { row: 4, value: 'not-an-id', reason: 'not_an_identifier' },
      { row: 6, value: 'X123456', reason: 'duplicate' },
    ])
    // Every data row is either used or reported.
    expect(r.crns.length + r.prisonNumbers.length + r.problems.length).toBe(r.rows)
  })

  it('reports a file that is not CSV instead of failing', () => {
    const r = parseIdentifierList('"unterminated\nX123456')
    expect(r.problems[0]?.reason).toBe('unreadable')
  })
})

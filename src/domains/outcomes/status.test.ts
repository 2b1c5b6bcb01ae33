import { describe, expect, it } from 'vitest'
import { measureOf, type Measure } from './measures.ts'
import { cellStatus, followUpComplete, followUpEnds, revisionPoints } from './status.ts'

const m = (key: string) => measureOf(key) as Measure
const counts = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  unknown: 0,
  excluded: 0,
  cohort: denominator,
  offences: 0,
})

describe('completeness of a cell', () => {
  it('waits for every release in the period to reach the checkpoint', () => {
    expect(followUpEnds(m('housed_first_night'), '2026-07-01', 'quarter')).toBe('2026-09-30')
    expect(followUpEnds(m('settled_3_months'), '2026-07-01', 'quarter')).toBe('2026-12-30')
    expect(followUpEnds(m('proven_reoffending'), '2025-01-01', 'quarter')).toBe('2026-09-30')
    expect(followUpComplete(m('proven_reoffending'), '2025-04-01', 'quarter', '2026-11-22')).toBe(false)
    expect(followUpComplete(m('proven_reoffending'), '2025-01-01', 'quarter', '2026-11-22')).toBe(true)
    expect(followUpComplete(m('requirements_complete'), '2026-10-01', 'quarter', '2026-11-22')).toBe(false)
  })
})

describe('status of a cell', () => {
  const published = { ...counts(95, 100), publishedAt: '2026-11-01', status: 'final' as const }
  it('is provisional until complete, then final, or revised when it differs from the published figure', () => {
    expect(cellStatus(false, counts(1, 2))).toBe('provisional')
    expect(cellStatus(false, counts(91, 104), published)).toBe('provisional')
    expect(cellStatus(true, counts(95, 100))).toBe('final')
    expect(cellStatus(true, counts(95, 100), published)).toBe('final')
    expect(cellStatus(true, counts(91, 104), published)).toBe('revised')
    expect(cellStatus(true, undefined, published)).toBe('revised')
  })
  it('sizes a revision in percentage points', () => {
    expect(revisionPoints(counts(91, 104), published)).toBe(-7.5)
    expect(revisionPoints(counts(0, 0), published)).toBeNull()
  })
})

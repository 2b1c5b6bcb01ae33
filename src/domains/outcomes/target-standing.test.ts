import { describe, expect, it } from 'vitest'
import { quarterBefore, targetStanding } from './target-standing.ts'
import type { Target } from './targets.ts'

const target: Target = {
  id: 't',
  regionCode: 'N07',
  measureKey: 'housed_first_night',
  baselineValue: 76,
  baselineDate: '2023-03-31',
  kind: 'increase_by',
  amount: 14,
  deadline: '2024-04-30',
}

describe('a figure against a target', () => {
  it('is measured while the target runs', () => {
    expect(targetStanding(target, { rate: 85, suppressed: false }, '2024-01-01')).toMatchObject({
      against: 'Below target',
      current: true,
    })
  })

  it('is not called below a target that ended before its period; says how the target finished', () => {
    const s = targetStanding(target, { rate: 85, suppressed: false }, '2026-07-01', {
      rate: 91,
      suppressed: false,
    })
    expect(s.against).toBe('Ended 30 April 2024: met (91% in the last quarter before it)')
    expect(s.target).toBe('Increase by 14 pp to 90% by 30 April 2024 (ended; no current target)')
    expect(s.current).toBe(false)
  })

  it('says when there is no target', () => {
    expect(targetStanding(undefined, { rate: 85, suppressed: false }, '2026-07-01').against).toBe(
      'No current target',
    )
  })

  it('finds the last complete quarter before a deadline', () => {
    expect(quarterBefore('2024-04-30')).toBe('2024-01-01')
    expect(quarterBefore('2024-03-31')).toBe('2024-01-01')
    expect(quarterBefore('2024-12-31')).toBe('2024-10-01')
    expect(quarterBefore('2024-02-10')).toBe('2023-10-01')
  })
})

import { describe, expect, it } from 'vitest'
import {
  latestCompletePeriod,
  measureOf,
  periodEnd,
  periodLabel,
  periodStartOf,
  type Measure,
} from './measures.ts'
import { firstPartialMonth } from './query.ts'
import { changeInPoints, describeTarget, meetsTarget, targetValue } from './targets.ts'
import { countText, figureOf, publishedCell, SUPPRESSED } from './view-models.ts'

const m = (key: string) => measureOf(key) as Measure
const cell = (numerator: number, denominator: number) => ({
  measure: 'x',
  group: 'g',
  period: 'p',
  cohort: denominator,
  excluded: 0,
  unknown: 0,
  denominator,
  numerator,
  offences: 0,
})

describe('targets as data (domain.md section 11)', () => {
  it('says what each kind asks for and whether a rate meets it', () => {
    expect(targetValue({ kind: 'maintain', baselineValue: 20, amount: null })).toBe(20)
    expect(targetValue({ kind: 'increase_by', baselineValue: 76, amount: 14 })).toBe(90)
    expect(targetValue({ kind: 'reach', baselineValue: 60, amount: 75 })).toBe(75)
    expect(targetValue({ kind: 'increase', baselineValue: 18, amount: null })).toBeNull()
    expect(describeTarget({ kind: 'increase_by', baselineValue: 76, amount: 14 })).toBe(
      'Increase by 14 pp to 90%',
    )
    expect(describeTarget({ kind: 'increase', baselineValue: 18, amount: null })).toBe(
      'Continue to increase from 18%',
    )
    expect(meetsTarget({ kind: 'increase_by', baselineValue: 76, amount: 14 }, 89.9)).toBe(false)
    expect(meetsTarget({ kind: 'increase_by', baselineValue: 76, amount: 14 }, 90)).toBe(true)
    expect(meetsTarget({ kind: 'increase', baselineValue: 18, amount: null }, 18)).toBe(false)
    expect(meetsTarget({ kind: 'increase', baselineValue: 18, amount: null }, 18.1)).toBe(true)
  })

  it('shows changes in percentage points, signed', () => {
    expect(changeInPoints(76, 85.7)).toBe('+9.7 pp')
    expect(changeInPoints(32, 30)).toBe('−2 pp')
    expect(changeInPoints(20, 20)).toBe('±0 pp')
  })
})

describe('periods', () => {
  it('names quarters and months and finds their ends', () => {
    expect(periodStartOf('2026-08-12', 'quarter')).toBe('2026-07-01')
    expect(periodEnd('2026-07-01', 'quarter')).toBe('2026-09-30')
    expect(periodEnd('2024-02-01', 'month')).toBe('2024-02-29')
    expect(periodLabel('2026-07-01', 'quarter')).toBe('Jul–Sep 2026')
    expect(periodLabel('2026-07-01', 'month')).toBe('Jul 2026')
  })

  it('reports the latest quarter whose every release has reached the checkpoint', () => {
    expect(latestCompletePeriod(m('housed_first_night'), '2026-11-22', 'quarter')).toBe('2026-07-01')
    // 30 September + 3 months = 30 December, after 22 November: Apr-Jun is the latest complete.
    expect(latestCompletePeriod(m('settled_3_months'), '2026-11-22', 'quarter')).toBe('2026-04-01')
    // Reoffending is final 18 months on: 31 March 2025 + 18 months = 30 September 2026.
    expect(latestCompletePeriod(m('proven_reoffending'), '2026-11-22', 'quarter')).toBe('2025-01-01')
    expect(latestCompletePeriod(m('requirements_complete'), '2026-11-22', 'quarter')).toBe('2026-07-01')
  })

  it('reads months from the rollup only once every release in them has passed the checkpoint', () => {
    expect(firstPartialMonth({ days: 0 }, '2026-11-22')).toBe('2026-11-01')
    expect(firstPartialMonth({ days: 0 }, '2026-11-30')).toBe('2026-11-01')
    // 31 August + 3 months = 30 November: August is not wholly due on 22 November.
    expect(firstPartialMonth({ months: 3 }, '2026-11-22')).toBe('2026-08-01')
    expect(firstPartialMonth({ months: 3 }, '2026-11-30')).toBe('2026-09-01')
    expect(firstPartialMonth({ days: 42 }, '2026-11-22')).toBe('2026-10-01')
  })
})

const FINAL = { complete: true, status: 'final' as const, published: null, revision: null }

describe('small cells', () => {
  it('suppresses a rate whose denominator is under the threshold, and small counts', () => {
    expect(figureOf(cell(3, 4), 5)).toMatchObject({ rate: null, suppressed: true })
    expect(figureOf(cell(5, 8), 5)).toMatchObject({ rate: 62.5, suppressed: false })
    // Issue 12 defect 1: 3 of 5 as 60% beside a published 5 gives the withheld 3 back.
    expect(figureOf(cell(3, 5), 5)).toMatchObject({ rate: null, suppressed: true })
    expect(figureOf(cell(0, 0), 5)).toMatchObject({ rate: null, suppressed: false })
    expect(countText(4, 5)).toBe(SUPPRESSED)
    expect(countText(0, 5)).toBe('0')
    expect(countText(5, 5)).toBe('5')
  })
  it('publishes a cell in the API by the same rule: no rate and no small count', () => {
    expect(publishedCell({ ...cell(3, 4), ...FINAL, offences: 5 }, 5)).toMatchObject({
      rate: null,
      suppressed: true,
      numerator: null,
      denominator: null,
      offences: null,
    })
    // Issue 12 defect 1: a rate of 20% beside a denominator of 10 gives back the withheld 2.
    expect(publishedCell({ ...cell(2, 10), ...FINAL, offences: 7 }, 5)).toMatchObject({
      rate: null,
      suppressed: true,
      numerator: null,
      denominator: 10,
      offences: null,
    })
    expect(publishedCell({ ...cell(6, 10), ...FINAL, offences: 7 }, 5)).toMatchObject({
      rate: 60,
      suppressed: false,
      numerator: 6,
      offences: 7,
    })
    expect(publishedCell({ ...cell(0, 5), ...FINAL }, 5)).toMatchObject({
      rate: 0,
      numerator: 0,
      denominator: 5,
    })
  })
})

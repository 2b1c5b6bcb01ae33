import { describe, expect, it } from 'vitest'
import type { HandoverInput } from './handover.ts'
import { computeHandover, DEFAULT_HANDOVER_RULES, subtractMonthsAndDays } from './handover.ts'

const base: HandoverInput = {
  sentenceDate: '2025-01-10',
  releaseDate: '2026-03-31',
  sentenceType: 'determinate',
  mappaLevel: null,
}

describe('subtractMonthsAndDays', () => {
  it('takes whole months first (clamped to month end), then the half month as 15 days', () => {
    expect(subtractMonthsAndDays('2026-03-31', { months: 4, days: 15 })).toBe('2025-11-15') // 30 Nov, then 15 days
    expect(subtractMonthsAndDays('2026-03-31', { months: 7, days: 15 })).toBe('2025-08-16') // 31 Aug, then 15 days
    expect(subtractMonthsAndDays('2026-08-31', { months: 6, days: 0 })).toBe('2026-02-28')
    expect(subtractMonthsAndDays('2028-08-31', { months: 6, days: 0 })).toBe('2028-02-29')
    expect(subtractMonthsAndDays('2026-03-10', { months: 0, days: 15 })).toBe('2026-02-23')
  })
})

describe('computeHandover', () => {
  it('determinate, not MAPPA 2 or 3: 4.5 months before release', () => {
    for (const mappaLevel of [null, 0, 1] as const) {
      const r = computeHandover({ ...base, mappaLevel })
      expect(r).toMatchObject({
        handoverDate: '2025-11-15',
        comAllocationDueDate: '2025-10-18',
        probationFromStart: false,
        rule: 'determinate_standard',
      })
    }
    expect(computeHandover(base).explanation).toContain('4.5 months')
    expect(computeHandover(base).explanation).toContain('Saturday 15 November 2025')
  })

  it('determinate at MAPPA level 2 or 3: 7.5 months before release', () => {
    for (const mappaLevel of [2, 3] as const) {
      const r = computeHandover({ ...base, mappaLevel })
      expect(r).toMatchObject({
        handoverDate: '2025-08-16',
        comAllocationDueDate: '2025-07-19',
        rule: 'determinate_mappa_2_or_3',
      })
      expect(r.explanation).toContain(`MAPPA level ${mappaLevel}`)
    }
  })

  it('indeterminate: 8 months before the tariff date', () => {
    const r = computeHandover({
      sentenceDate: '2020-01-01',
      releaseDate: '2030-06-15',
      sentenceType: 'indeterminate',
      mappaLevel: 1,
    })
    expect(r).toMatchObject({
      handoverDate: '2029-10-15',
      comAllocationDueDate: '2029-09-17',
      rule: 'indeterminate_or_parole',
    })
    expect(r.explanation).toContain('indeterminate')
  })

  it('parole cases: 8 months, even at MAPPA level 3', () => {
    const r = computeHandover({ ...base, sentenceType: 'extended_determinate', parole: true, mappaLevel: 3 })
    expect(r).toMatchObject({ handoverDate: '2025-07-31', rule: 'indeterminate_or_parole' })
  })

  it('fewer than 10 months to serve: probation responsible from the start', () => {
    const short = computeHandover({ ...base, sentenceDate: '2025-01-15', releaseDate: '2025-11-14' })
    expect(short).toMatchObject({
      probationFromStart: true,
      handoverDate: '2025-01-15',
      comAllocationDueDate: '2025-01-15',
      rule: 'short_sentence',
    })
    // Exactly 10 months is not fewer than 10: the normal 4.5-month rule applies.
    const tenMonths = computeHandover({ ...base, sentenceDate: '2025-01-15', releaseDate: '2025-11-15' })
    expect(tenMonths).toMatchObject({
      probationFromStart: false,
      handoverDate: '2025-06-30',
      comAllocationDueDate: '2025-06-02',
    })
    // The short-sentence rule applies to MAPPA and indeterminate cases too.
    expect(computeHandover({ ...base, releaseDate: '2025-06-01', mappaLevel: 3 }).rule).toBe('short_sentence')
  })

  it('recalls stay with probation throughout', () => {
    const r = computeHandover({ ...base, sentenceType: 'recall' })
    expect(r).toMatchObject({ probationFromStart: true, handoverDate: base.sentenceDate, rule: 'recall' })
    expect(
      computeHandover(
        { ...base, sentenceType: 'recall' },
        { ...DEFAULT_HANDOVER_RULES, recallProbationFromStart: false },
      ).rule,
    ).toBe('determinate_standard')
  })

  it('allocation lead time is a parameter, and nothing falls before the sentence date', () => {
    expect(
      computeHandover(base, { ...DEFAULT_HANDOVER_RULES, comAllocationWeeksBeforeHandover: 6 })
        .comAllocationDueDate,
    ).toBe('2025-10-04')
    const tight = computeHandover(
      { ...base, sentenceDate: '2025-10-01', releaseDate: '2026-08-01' },
      { ...DEFAULT_HANDOVER_RULES, standardOffset: { months: 9, days: 15 } },
    )
    expect(tight).toMatchObject({ handoverDate: '2025-10-17', comAllocationDueDate: '2025-10-01' })
    const tooLong = computeHandover(
      { ...base, sentenceDate: '2025-10-01', releaseDate: '2026-08-01' },
      { ...DEFAULT_HANDOVER_RULES, standardOffset: { months: 12, days: 0 } },
    )
    expect(tooLong).toMatchObject({ handoverDate: '2025-10-01', probationFromStart: true })
  })

  it('rejects a release date before the sentence date', () => {
    expect(() => computeHandover({ ...base, releaseDate: '2024-12-31' })).toThrow(RangeError)
  })
})

import { describe, expect, it } from 'vitest'
import { calendarFromDates, englandAndWalesCalendar } from '../../../platform/calendar/index.ts'
import type { ReleaseDayInput } from './release-day.ts'
import { computeReleaseDay, DEFAULT_RELEASE_DAY_RULE, isFridayOrBeforeBankHoliday } from './release-day.ts'

const cal = englandAndWalesCalendar()

const adult = (dueDate: string, extra: Partial<ReleaseDayInput> = {}): ReleaseDayInput => ({
  dueDate,
  sentenceDate: '2023-01-01',
  sentenceType: 'determinate',
  releaseType: 'conditional_release',
  dateOfBirth: '1990-05-17',
  ...extra,
})

describe('release day: hand-checked examples', () => {
  it('Christmas 2026: due Friday 25 December moves to Thursday 24th, then presumed Wednesday 23rd', () => {
    const r = computeReleaseDay(adult('2026-12-25'), cal)
    expect(r).toMatchObject({
      afterStep1: '2026-12-24',
      step1Moved: true,
      beforeNonWorkingDay: true,
      eligibleDays: ['2026-12-23', '2026-12-22'],
      presumedDate: '2026-12-23',
      furtherDayDate: '2026-12-22',
      releaseDate: '2026-12-23',
      applied: 'presumption',
      exclusion: null,
    })
    expect(r.explanation).toContain('Friday 25 December 2026')
    expect(r.explanation).toContain('s.23(3)')
    expect(r.explanation).toContain('Wednesday 23 December 2026')
    expect(r.explanation).toContain('Tuesday 22 December 2026')
  })

  it('Christmas 2026: due Saturday 26th or Thursday 24th gives the same answer', () => {
    for (const due of ['2026-12-26', '2026-12-24']) {
      const r = computeReleaseDay(adult(due), cal)
      expect(r.afterStep1).toBe('2026-12-24')
      expect(r.step1Moved).toBe(due !== '2026-12-24')
      expect(r.releaseDate).toBe('2026-12-23')
    }
    expect(computeReleaseDay(adult('2026-12-24'), cal).explanation).not.toContain('s.23(3)')
  })

  it('Christmas 2027: Saturday 25th and bank holidays Monday 27th and Tuesday 28th', () => {
    const r = computeReleaseDay(adult('2027-12-28'), cal)
    expect(r.afterStep1).toBe('2027-12-24')
    expect(r.releaseDate).toBe('2027-12-23')
    expect(r.furtherDayDate).toBe('2027-12-22')
  })

  it('Christmas 2024: Friday 27 December, only Monday 23rd is eligible (Tuesday 24th is followed by Christmas Day)', () => {
    const r = computeReleaseDay(adult('2024-12-27'), cal)
    expect(r.eligibleDays).toEqual(['2024-12-23'])
    expect(r.presumedDate).toBe('2024-12-23')
    expect(r.furtherDayDate).toBeNull()
    const approved = computeReleaseDay(adult('2024-12-27', { furtherDayApproved: true }), cal)
    expect(approved.releaseDate).toBe('2024-12-23')
    expect(approved.applied).toBe('presumption')
    expect(approved.explanation).toContain('no earlier eligible working day')
  })

  it('Christmas 2024: Tuesday 24 December, Friday 20th is not eligible as a weekend follows it', () => {
    const r = computeReleaseDay(adult('2024-12-24'), cal)
    expect(r.eligibleDays).toEqual(['2024-12-23'])
    expect(r.releaseDate).toBe('2024-12-23')
  })

  it('New Year 2026: Friday 2 January, Wednesday 31st is followed by New Year’s Day, so presumed Tuesday 30 December', () => {
    const r = computeReleaseDay(adult('2026-01-02'), cal)
    expect(r.eligibleDays).toEqual(['2025-12-30'])
    expect(r.releaseDate).toBe('2025-12-30')
    expect(r.applied).toBe('presumption')
  })

  it('Easter 2025: Thursday 17 April (before Good Friday) is presumed Wednesday 16th, further day Tuesday 15th', () => {
    const r = computeReleaseDay(adult('2025-04-17'), cal)
    expect(r).toMatchObject({
      afterStep1: '2025-04-17',
      step1Moved: false,
      presumedDate: '2025-04-16',
      furtherDayDate: '2025-04-15',
    })
    expect(computeReleaseDay(adult('2025-04-17', { furtherDayApproved: true }), cal)).toMatchObject({
      releaseDate: '2025-04-15',
      applied: 'presumption_and_further_day',
    })
  })

  it('Easter 2025: due on Good Friday 18th or Easter Monday 21st moves back to Thursday 17th', () => {
    for (const due of ['2025-04-18', '2025-04-19', '2025-04-20', '2025-04-21']) {
      const r = computeReleaseDay(adult(due), cal)
      expect(r.afterStep1, due).toBe('2025-04-17')
      expect(r.step1Moved, due).toBe(true)
      expect(r.releaseDate, due).toBe('2025-04-16')
    }
    expect(computeReleaseDay(adult('2025-04-22'), cal)).toMatchObject({
      releaseDate: '2025-04-22',
      applied: 'not_needed',
    })
  })

  it('early May bank holiday 2025 (Monday 5 May) and 2024 (Monday 6 May)', () => {
    for (const due of ['2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05']) {
      const r = computeReleaseDay(adult(due), cal)
      expect(r.afterStep1, due).toBe('2025-05-02')
      expect(r.releaseDate, due).toBe('2025-05-01')
      expect(r.furtherDayDate, due).toBe('2025-04-30')
    }
    expect(computeReleaseDay(adult('2024-05-04'), cal)).toMatchObject({
      afterStep1: '2024-05-03',
      releaseDate: '2024-05-02',
    })
  })

  it('an ordinary weekend: due Sunday 15 June 2025 moves to Friday 13th, presumed Thursday 12th', () => {
    const r = computeReleaseDay(adult('2025-06-15'), cal)
    expect(r).toMatchObject({
      afterStep1: '2025-06-13',
      step1Moved: true,
      releaseDate: '2025-06-12',
      furtherDayDate: '2025-06-11',
    })
  })

  it('a midweek release that needs nothing', () => {
    const r = computeReleaseDay(adult('2025-06-11'), cal)
    expect(r).toMatchObject({
      afterStep1: '2025-06-11',
      beforeNonWorkingDay: false,
      eligibleDays: [],
      presumedDate: '2025-06-11',
      furtherDayDate: null,
      releaseDate: '2025-06-11',
      applied: 'not_needed',
      exclusion: null,
    })
  })

  it('the 28-day rule counts to the s.23(3) day: 28 days served qualifies, 27 does not', () => {
    expect(computeReleaseDay(adult('2025-05-02', { sentenceDate: '2025-04-04' }), cal)).toMatchObject({
      daysServed: 28,
      applied: 'presumption',
      releaseDate: '2025-05-01',
    })
    const short = computeReleaseDay(adult('2025-05-02', { sentenceDate: '2025-04-05' }), cal)
    expect(short).toMatchObject({
      daysServed: 27,
      applied: 'excluded',
      exclusion: 'under_28_days_served',
      releaseDate: '2025-05-02',
    })
    expect(short.explanation).toContain('27 days')
    // Due Sunday 4 May is 29 days after sentence, but the s.23(3) day (Friday 2 May) is only 27.
    expect(computeReleaseDay(adult('2025-05-04', { sentenceDate: '2025-04-05' }), cal).exclusion).toBe(
      'under_28_days_served',
    )
    // Remand counts: a custody start date overrides the sentence date.
    const remand = computeReleaseDay(
      adult('2025-05-02', { sentenceDate: '2025-04-05', custodyStartDate: '2025-03-01' }),
      cal,
    )
    expect(remand.applied).toBe('presumption')
  })

  it.each([
    [{ sentenceType: 'indeterminate' }, 'indeterminate'],
    [{ releaseType: 'parole' }, 'parole_discretionary'],
    [{ sentenceType: 'extended_determinate', releaseType: 'parole' }, 'parole_discretionary'],
    [{ releaseType: 'hdc' }, 'hdc'],
    [{ releaseType: 'court' }, 'release_from_court'],
  ] as const)('excludes %o as %s', (extra, exclusion) => {
    const r = computeReleaseDay(adult('2026-12-26', extra), cal)
    expect(r).toMatchObject({
      afterStep1: '2026-12-24',
      releaseDate: '2026-12-24',
      applied: 'excluded',
      exclusion,
      furtherDayDate: null,
    })
    expect(r.eligibleDays).toEqual(['2026-12-23', '2026-12-22'])
  })

  it('includes recalls and extended sentences released automatically', () => {
    for (const extra of [
      { sentenceType: 'recall', releaseType: 'licence_recall_release' },
      { sentenceType: 'extended_determinate', releaseType: 'conditional_release' },
      { releaseType: 'end_of_sentence' },
      { releaseType: undefined },
    ] as const) {
      expect(computeReleaseDay(adult('2026-12-26', extra), cal).releaseDate).toBe('2026-12-23')
    }
  })

  it('before commencement on 12 December 2023, step 1 only', () => {
    const r = computeReleaseDay(adult('2023-12-09'), cal)
    expect(r).toMatchObject({
      afterStep1: '2023-12-08',
      releaseDate: '2023-12-08',
      applied: 'excluded',
      exclusion: 'before_commencement',
    })
    expect(r.explanation).toContain('Tuesday 12 December 2023')
    expect(computeReleaseDay(adult('2023-12-15'), cal)).toMatchObject({
      releaseDate: '2023-12-14',
      furtherDayDate: '2023-12-13',
    })
    // A day in the window before commencement is not eligible.
    const later = { ...DEFAULT_RELEASE_DAY_RULE, commencementDate: '2023-12-14' }
    expect(computeReleaseDay(adult('2023-12-15'), cal, later).eligibleDays).toEqual(['2023-12-14'])
  })

  it('a child (17 on the release date) goes out two eligible working days early', () => {
    // Due Friday 3 July 2026; 18th birthday on Saturday 4 July.
    const child = computeReleaseDay(adult('2026-07-03', { dateOfBirth: '2008-07-04' }), cal)
    expect(child).toMatchObject({
      releaseDate: '2026-07-01',
      presumedDate: '2026-07-01',
      furtherDayDate: null,
      applied: 'child_two_days',
    })
    expect(child.explanation).toContain('under 18')
    // Turning 18 on the release day makes them an adult.
    const adultNow = computeReleaseDay(adult('2026-07-03', { dateOfBirth: '2008-07-03' }), cal)
    expect(adultNow).toMatchObject({ releaseDate: '2026-07-02', applied: 'presumption' })
    // Only one eligible day: the child gets that one.
    expect(computeReleaseDay(adult('2024-12-27', { dateOfBirth: '2010-01-01' }), cal).releaseDate).toBe(
      '2024-12-23',
    )
  })

  it('a further day approved by the governor', () => {
    const r = computeReleaseDay(adult('2026-07-03', { furtherDayApproved: true }), cal)
    expect(r).toMatchObject({
      presumedDate: '2026-07-02',
      furtherDayDate: '2026-07-01',
      releaseDate: '2026-07-01',
      applied: 'presumption_and_further_day',
    })
    expect(r.explanation).toContain('governor approved')
  })

  it('neither of the two working days before is eligible: release stays put', () => {
    // Invented week: bank holidays on Tuesday 11 and Thursday 13 June 2030. Friday 14th is before a
    // weekend; Wednesday 12th is followed by Thursday 13th, Monday 10th by Tuesday 11th.
    const odd = calendarFromDates(['2030-06-11', '2030-06-13'])
    const r = computeReleaseDay(adult('2030-06-14'), odd)
    expect(r).toMatchObject({
      afterStep1: '2030-06-14',
      beforeNonWorkingDay: true,
      eligibleDays: [],
      presumedDate: '2030-06-14',
      furtherDayDate: null,
      releaseDate: '2030-06-14',
      applied: 'no_eligible_day',
      exclusion: null,
    })
    expect(r.explanation).toContain('Wednesday 12 June 2030 and Monday 10 June 2030')
    expect(computeReleaseDay(adult('2030-06-14', { dateOfBirth: '2014-01-01' }), odd).releaseDate).toBe(
      '2030-06-14',
    )
  })

  it('flags dates beyond the bank holiday data', () => {
    expect(computeReleaseDay(adult('2029-01-05'), cal).calendarCoversDates).toBe(false)
    expect(computeReleaseDay(adult('2028-12-22'), cal).calendarCoversDates).toBe(true)
  })

  it('parameters are data: presuming two days for adults', () => {
    const r = computeReleaseDay(adult('2026-07-03'), cal, {
      ...DEFAULT_RELEASE_DAY_RULE,
      adultPresumedDays: 2,
    })
    expect(r).toMatchObject({ presumedDate: '2026-07-01', furtherDayDate: null })
  })
})

describe('isFridayOrBeforeBankHoliday', () => {
  it.each([
    ['2025-05-02', true], // Friday
    ['2025-04-17', true], // Thursday before Good Friday
    ['2025-12-24', true], // Wednesday before Christmas Day
    ['2025-08-22', true], // Friday before summer bank holiday
    ['2025-04-18', false], // Good Friday itself is not a working day
    ['2025-05-03', false], // Saturday
    ['2025-12-23', false], // Tuesday, followed by a working day
    ['2025-06-11', false], // ordinary Wednesday
  ])('%s is %s', (date, expected) => {
    expect(isFridayOrBeforeBankHoliday(date, cal)).toBe(expected)
  })
})

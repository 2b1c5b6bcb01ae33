// The day of release from prison in England and Wales.
//
// Step 1, Criminal Justice Act 1961, s.23(3): a person who would be released on a Saturday,
// Sunday, Christmas Day, Good Friday or a bank holiday in England and Wales is released on the
// last day before it that is none of those.
//
// Step 2, s.23(3B) to (3D), inserted by the Offenders (Day of Release from Detention) Act 2023,
// s.1, in force 12 December 2023 (S.I. 2023/1329): where the release day after step 1 is a working
// day immediately before a non-working day (a Friday, or the day before a bank holiday), release
// may be brought forward to an "eligible working day" among the two working days before it. An
// eligible working day is a working day not immediately followed by a non-working day. The aim is
// to stop people leaving prison just as housing, benefits, probation and GP services close.
//
// HMPPS policy on using that discretion (guidance issued on commencement; check the current version,
// as these parameters are held as data in DEFAULT_RELEASE_DAY_RULE below):
// - adults on determinate sentences are presumed to be released one eligible working day earlier;
// - the COM may ask for a further day, which the governor may approve (so up to two days);
// - children (under 18 on the release date) are released up to two eligible working days earlier;
// - excluded: indeterminate sentences, discretionary release by the Parole Board, home detention
//   curfew, and people who will have served fewer than 28 days.
//
// How we read "brought forward to an earlier eligible working day among the two working days before it":
// - The window is exactly the two working days before the step-1 date, W1 (nearest) and W2. The Act
//   counts working days, not calendar days, so the window reaches back past a midweek bank holiday.
// - Only eligible days in the window can be chosen. W1 is ineligible when a weekend or bank holiday
//   sits between it and the release day; W2 is ineligible when one sits between W2 and W1.
// - "One eligible working day earlier" is the nearest eligible day in the window. If W1 is ineligible
//   but W2 is eligible, the presumption lands on W2, two working days earlier. That is still within the
//   statutory window, and it is the only earlier day the Act allows.
// - The "further day" is the next eligible day further back in the window, if there is one.
// - If neither W1 nor W2 is eligible, the Act gives no earlier day and release stays on the step-1 date.

import {
  addDays,
  ageOn,
  type Calendar,
  daysBetween,
  formatLongDate,
} from '../../../platform/calendar/index.ts'

export type SentenceType = 'determinate' | 'extended_determinate' | 'indeterminate' | 'recall'
export type ReleaseType =
  'conditional_release' | 'hdc' | 'parole' | 'end_of_sentence' | 'licence_recall_release' | 'court'

export interface ReleaseDayInput {
  /** The date the sentence calculation says the person is due out, before s.23(3) is applied. */
  dueDate: string
  /** Start of the current period in custody, for the 28-days-served test. */
  sentenceDate: string
  /**
   * Optional, overrides sentenceDate for the 28-days-served test: e.g. the start of remand (remand
   * time counts as time served) or the date of return to custody after a recall.
   */
  custodyStartDate?: string
  sentenceType: SentenceType
  releaseType?: ReleaseType
  dateOfBirth: string
  /** The governor has approved the COM's request for a further day. */
  furtherDayApproved?: boolean
}

export type ReleaseDayApplied =
  | 'not_needed'
  | 'presumption'
  | 'presumption_and_further_day'
  | 'child_two_days'
  | 'excluded'
  /** The release day is before a non-working day, but neither of the two working days before it is eligible. */
  | 'no_eligible_day'

export type ReleaseDayExclusion =
  | 'indeterminate'
  | 'parole_discretionary'
  | 'hdc'
  | 'under_28_days_served'
  | 'before_commencement'
  /** Released at court (e.g. time served on remand): there is no prison release day to bring forward. */
  | 'release_from_court'

export interface ReleaseDayResult {
  dueDate: string
  /** The s.23(3) release day: dueDate, or the last working day before it. */
  afterStep1: string
  step1Moved: boolean
  /** afterStep1 is immediately followed by a non-working day (a Friday, or the day before a bank holiday). */
  beforeNonWorkingDay: boolean
  /** Eligible working days among the two working days before afterStep1, nearest first. Empty unless beforeNonWorkingDay. */
  eligibleDays: string[]
  /** Release date under the presumption (or the child rule); afterStep1 where neither applies. */
  presumedDate: string
  /** The date if the governor approves a further day; null when no further eligible day exists or none applies. */
  furtherDayDate: string | null
  /** The release date to plan for. */
  releaseDate: string
  applied: ReleaseDayApplied
  exclusion: ReleaseDayExclusion | null
  daysServed: number
  /** False when afterStep1 or the window falls outside the years the bank holiday data covers: check the date by hand. */
  calendarCoversDates: boolean
  explanation: string
}

export interface ReleaseDayRule {
  /** Offenders (Day of Release from Detention) Act 2023 in force: S.I. 2023/1329, reg. 2. */
  commencementDate: string
  /** HMPPS policy: excluded if fewer than this many days will have been served. */
  minimumDaysServed: number
  /** HMPPS policy: adults are presumed released this many eligible working days earlier. */
  adultPresumedDays: number
  /** HMPPS policy: with a further day approved by the governor, up to this many eligible days earlier. */
  maxDaysWithFurtherDay: number
  /** HMPPS policy: children are released up to this many eligible days earlier. */
  childMaxDays: number
  /** A child is under this age on the release date (Children and Young Persons Act 1933, s.107). */
  childAgeUnder: number
  /** CJA 1961, s.23(3B): the window is the two working days before the release day. */
  windowWorkingDays: number
}

export const DEFAULT_RELEASE_DAY_RULE: ReleaseDayRule = Object.freeze({
  commencementDate: '2023-12-12',
  minimumDaysServed: 28,
  adultPresumedDays: 1,
  maxDaysWithFurtherDay: 2,
  childMaxDays: 2,
  childAgeUnder: 18,
  windowWorkingDays: 2,
})

/** For worklist flags: is `date` a working day immediately followed by a non-working day (a Friday, or the day before a bank holiday)? */
export function isFridayOrBeforeBankHoliday(date: string, calendar: Calendar): boolean {
  return calendar.isWorkingDay(date) && calendar.isNonWorkingDay(addDays(date, 1))
}

/** The n-th eligible day back (1 = nearest), or the furthest there is if fewer exist; null for n < 1 or none. */
function nthEligible(eligibleDays: string[], n: number): { date: string; index: number } | null {
  const index = Math.min(n, eligibleDays.length) - 1
  const date = index >= 0 ? eligibleDays[index] : undefined
  return date === undefined ? null : { date, index }
}

function exclusionFor(
  input: ReleaseDayInput,
  afterStep1: string,
  daysServed: number,
  rule: ReleaseDayRule,
): ReleaseDayExclusion | null {
  // The power in s.23(3B) did not exist before commencement; we test the s.23(3) release day, as
  // that is the day on which the person would otherwise have been released.
  if (afterStep1 < rule.commencementDate) return 'before_commencement'
  if (input.sentenceType === 'indeterminate') return 'indeterminate'
  if (input.releaseType === 'parole') return 'parole_discretionary'
  if (input.releaseType === 'hdc') return 'hdc'
  if (input.releaseType === 'court') return 'release_from_court'
  if (daysServed < rule.minimumDaysServed) return 'under_28_days_served'
  return null
}

const EXCLUSION_REASONS: Record<
  ReleaseDayExclusion,
  (r: { daysServed: number; rule: ReleaseDayRule }) => string
> = {
  before_commencement: ({ rule }) =>
    `it falls before the Offenders (Day of Release from Detention) Act 2023 came into force on ${formatLongDate(rule.commencementDate)}`,
  indeterminate: () => 'HMPPS policy excludes indeterminate sentences',
  parole_discretionary: () => 'the release is directed by the Parole Board, which HMPPS policy excludes',
  hdc: () => 'it is a home detention curfew release, which HMPPS policy excludes',
  release_from_court: () => 'the person is released from court, not from prison',
  under_28_days_served: ({ daysServed, rule }) =>
    `the person will have served ${daysServed} days, fewer than the ${rule.minimumDaysServed} HMPPS policy requires`,
}

export function computeReleaseDay(
  input: ReleaseDayInput,
  calendar: Calendar,
  params: ReleaseDayRule = DEFAULT_RELEASE_DAY_RULE,
): ReleaseDayResult {
  const { dueDate } = input
  const afterStep1 = calendar.workingDayOnOrBefore(dueDate)
  const step1Moved = afterStep1 !== dueDate
  const beforeNonWorkingDay = isFridayOrBeforeBankHoliday(afterStep1, calendar)
  const daysServed = daysBetween(input.custodyStartDate ?? input.sentenceDate, afterStep1)

  // The statutory window: the two working days before the s.23(3) day, nearest first. A day is
  // eligible if the day after it is a working day (the Act's definition of an eligible working day). Days before
  // commencement are never eligible: the power to bring release forward did not exist then.
  const window: string[] = []
  if (beforeNonWorkingDay) {
    let d = afterStep1
    for (let i = 0; i < params.windowWorkingDays; i++) window.push((d = calendar.previousWorkingDay(d)))
  }
  const eligibleDays = window.filter(
    (d) => d >= params.commencementDate && !isFridayOrBeforeBankHoliday(d, calendar),
  )
  const calendarCoversDates = [dueDate, afterStep1, ...window].every((d) => calendar.covers(d))

  // Plain English for a caseworker: one sentence for step 1 (only if it moved the date) and one for step 2.
  const a = formatLongDate(afterStep1)
  const act = '(Offenders (Day of Release from Detention) Act 2023)'
  const step1Text = step1Moved
    ? `Due on ${formatLongDate(dueDate)}, which is not a working day, so by law release moves back to ${a} (Criminal Justice Act 1961, s.23(3)). `
    : ''

  const base = {
    dueDate,
    afterStep1,
    step1Moved,
    beforeNonWorkingDay,
    eligibleDays,
    daysServed,
    calendarCoversDates,
  }
  const stay = (applied: ReleaseDayApplied, exclusion: ReleaseDayExclusion | null, why: string) => ({
    ...base,
    presumedDate: afterStep1,
    furtherDayDate: null,
    releaseDate: afterStep1,
    applied,
    exclusion,
    explanation: step1Text + why,
  })

  if (!beforeNonWorkingDay) {
    return stay(
      'not_needed',
      null,
      `Release is on ${a}, which is not followed by a weekend or bank holiday, so it is not brought forward.`,
    )
  }

  const exclusion = exclusionFor(input, afterStep1, daysServed, params)
  if (exclusion) {
    const reason = EXCLUSION_REASONS[exclusion]({ daysServed, rule: params })
    return stay(
      'excluded',
      exclusion,
      `Release is on ${a}: it is followed by a weekend or bank holiday, but it cannot be brought forward because ${reason}.`,
    )
  }

  if (eligibleDays.length === 0) {
    return stay(
      'no_eligible_day',
      null,
      `Release stays on ${a}: it is followed by a weekend or bank holiday, but neither of the two working days before it (${window.map(formatLongDate).join(' and ')}) is eligible, as each is itself followed by a non-working day.`,
    )
  }

  if (ageOn(input.dateOfBirth, afterStep1) < params.childAgeUnder) {
    const date = nthEligible(eligibleDays, params.childMaxDays)?.date ?? afterStep1
    return {
      ...base,
      presumedDate: date,
      furtherDayDate: null,
      releaseDate: date,
      applied: 'child_two_days',
      exclusion: null,
      explanation: `${step1Text}As ${a} is followed by a weekend or bank holiday and the person will be under ${params.childAgeUnder}, release is brought forward to ${formatLongDate(date)}, the earliest eligible working day allowed ${act}.`,
    }
  }

  const presumed = nthEligible(eligibleDays, params.adultPresumedDays)
  const presumedDate = presumed?.date ?? afterStep1
  const further = nthEligible(eligibleDays, params.maxDaysWithFurtherDay)
  const furtherDayDate = further && further.index > (presumed?.index ?? -1) ? further.date : null
  const useFurther = input.furtherDayApproved === true && furtherDayDate !== null
  const p = formatLongDate(presumedDate)

  let text: string
  if (useFurther) {
    text = `As ${a} is followed by a weekend or bank holiday, release is brought forward to ${formatLongDate(furtherDayDate)}: ${p} is presumed and the governor approved a further day ${act}.`
  } else {
    const tail = furtherDayDate
      ? `the COM may ask the governor for a further day, to ${formatLongDate(furtherDayDate)}`
      : input.furtherDayApproved
        ? 'a further day was approved, but there is no earlier eligible working day'
        : 'no further day is available, as there is no earlier eligible working day'
    text = `As ${a} is followed by a weekend or bank holiday, release is presumed on ${p}, the nearest eligible working day before it ${act}; ${tail}.`
  }

  return {
    ...base,
    presumedDate,
    furtherDayDate,
    releaseDate: useFurther ? furtherDayDate : presumedDate,
    applied: useFurther ? 'presumption_and_further_day' : 'presumption',
    exclusion: null,
    explanation: step1Text + text,
  }
}

// When responsibility for a case moves from the prison (POM) to probation (COM).
//
// Simplified from the HMPPS Offender Management in Custody (OMiC) model and the handover rules in
// the Manage POM Cases service:
// - determinate sentences: the COM becomes responsible 7.5 months before release where the case is
//   managed at MAPPA level 2 or 3, and 4.5 months before release otherwise;
// - indeterminate sentences and parole cases: 8 months before the release (tariff or parole
//   eligibility) date, so that the COM can prepare for the Parole Board;
// - fewer than 10 months between sentence and release: probation is responsible from the start,
//   because a prison-led phase would be too short to be useful;
// - recalls: the person is still on licence, so the COM stays responsible throughout.
//
// "7.5 months" is computed as 7 calendar months and then 15 days (half a month taken as 15 days),
// the same as Manage POM Cases (`release_date - (7.months + 15.days)`). Months are subtracted first,
// clamping to the end of the month (31 October - 7 months = 31 March; 31 August - 6 months =
// 28/29 February), then days. A fractional month has no single meaning, so holding the offsets as
// { months, days } data keeps the arithmetic exact and visible.

import type { SentenceType } from './release-day.ts'
import { addDays, addMonths, formatLongDate } from '../../../platform/calendar/index.ts'

export interface MonthsAndDays {
  months: number
  days: number
}

export type MappaLevel = 0 | 1 | 2 | 3

export interface HandoverInput {
  sentenceDate: string
  /** For indeterminate and parole cases, the tariff or parole eligibility date. */
  releaseDate: string
  sentenceType: SentenceType
  /** 0 or null: not MAPPA-managed. */
  mappaLevel: MappaLevel | null
  /** The case is for discretionary release by the Parole Board (e.g. an extended determinate sentence at its parole eligibility date). */
  parole?: boolean
}

export type HandoverRuleApplied =
  | 'recall'
  | 'short_sentence'
  | 'indeterminate_or_parole'
  | 'determinate_mappa_2_or_3'
  | 'determinate_standard'

export interface HandoverResult {
  /** When a COM should be allocated, so they can prepare before taking responsibility. */
  comAllocationDueDate: string
  /** When responsibility moves to the COM. Equals sentenceDate when probation is responsible from the start. */
  handoverDate: string
  probationFromStart: boolean
  rule: HandoverRuleApplied
  explanation: string
}

export interface HandoverRules {
  /** Fewer than this many calendar months between sentence and release: probation responsible from the start (OMiC). */
  shortSentenceMonths: number
  /** OMiC: 7.5 months before release for MAPPA level 2 or 3. */
  mappaHighOffset: MonthsAndDays
  mappaHighLevels: readonly MappaLevel[]
  /** OMiC: 4.5 months before release for other determinate cases. */
  standardOffset: MonthsAndDays
  /** OMiC: 8 months before the tariff or parole eligibility date. */
  indeterminateOrParoleOffset: MonthsAndDays
  /**
   * Weeks between COM allocation and handover. A local assumption, not national policy: each
   * probation delivery unit should configure it to match how long its allocation process takes.
   */
  comAllocationWeeksBeforeHandover: number
  /** Recalls stay with the COM throughout, as the person remains on licence. */
  recallProbationFromStart: boolean
}

export const DEFAULT_HANDOVER_RULES: HandoverRules = Object.freeze({
  shortSentenceMonths: 10,
  mappaHighOffset: Object.freeze({ months: 7, days: 15 }),
  mappaHighLevels: Object.freeze([2, 3] as const),
  standardOffset: Object.freeze({ months: 4, days: 15 }),
  indeterminateOrParoleOffset: Object.freeze({ months: 8, days: 0 }),
  comAllocationWeeksBeforeHandover: 4,
  recallProbationFromStart: true,
})

/** `date` minus whole months (clamped to month end) and then minus days. */
export function subtractMonthsAndDays(date: string, offset: MonthsAndDays): string {
  return addDays(addMonths(date, -offset.months), -offset.days)
}

export function describeOffset({ months, days }: MonthsAndDays): string {
  if (days === 15) return `${months}.5 months`
  if (days === 0) return `${months} months`
  return `${months} months and ${days} days`
}

export function computeHandover(
  input: HandoverInput,
  params: HandoverRules = DEFAULT_HANDOVER_RULES,
): HandoverResult {
  const { sentenceDate, releaseDate } = input
  if (releaseDate < sentenceDate) {
    throw new RangeError(`Release date ${releaseDate} is before sentence date ${sentenceDate}`)
  }

  const fromStart = (rule: HandoverRuleApplied, explanation: string): HandoverResult => ({
    comAllocationDueDate: sentenceDate,
    handoverDate: sentenceDate,
    probationFromStart: true,
    rule,
    explanation,
  })

  if (input.sentenceType === 'recall' && params.recallProbationFromStart) {
    return fromStart(
      'recall',
      'This is a recall: the person is still on licence, so the community offender manager stays responsible throughout.',
    )
  }

  // "Less than 10 months to serve": release falls before sentence date + 10 calendar months.
  // Exactly 10 months is not less than 10 months, so it takes the normal rule.
  if (releaseDate < addMonths(sentenceDate, params.shortSentenceMonths)) {
    return fromStart(
      'short_sentence',
      `There are fewer than ${params.shortSentenceMonths} months between sentence and release, so probation is responsible from the start and a community offender manager should be allocated now.`,
    )
  }

  let rule: HandoverRuleApplied
  let offset: MonthsAndDays
  let why: string
  if (input.sentenceType === 'indeterminate' || input.parole === true) {
    rule = 'indeterminate_or_parole'
    offset = params.indeterminateOrParoleOffset
    why = input.sentenceType === 'indeterminate' ? 'an indeterminate sentence' : 'a parole case'
  } else if (input.mappaLevel !== null && params.mappaHighLevels.includes(input.mappaLevel)) {
    rule = 'determinate_mappa_2_or_3'
    offset = params.mappaHighOffset
    why = `a determinate sentence managed at MAPPA level ${input.mappaLevel}`
  } else {
    rule = 'determinate_standard'
    offset = params.standardOffset
    why = 'a determinate sentence'
  }

  // Never before the sentence date: with the defaults the short-sentence rule already prevents it,
  // but configured offsets might not.
  const computed = subtractMonthsAndDays(releaseDate, offset)
  const handoverDate = computed < sentenceDate ? sentenceDate : computed
  const allocation = addDays(handoverDate, -7 * params.comAllocationWeeksBeforeHandover)
  const comAllocationDueDate = allocation < sentenceDate ? sentenceDate : allocation

  return {
    comAllocationDueDate,
    handoverDate,
    probationFromStart: handoverDate === sentenceDate,
    rule,
    explanation: `For ${why}, the community offender manager takes over ${describeOffset(offset)} before release, on ${formatLongDate(handoverDate)}; they should be allocated by ${formatLongDate(comAllocationDueDate)}.`,
  }
}

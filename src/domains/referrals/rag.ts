// Contract RAG ratings on the National Audit Office's three dimensions. The NAO ("Improving
// resettlement support for prison leavers", 2023) reviewed 28 Commissioned Rehabilitative
// Services contracts and rated them amber/red or red for referral quality in 25 (89%), for
// providers' delivery in 19 (68%) and for providers' communication in 13 (46%). It used a
// four-point scale, kept here. The thresholds are parameters as data: a commissioner changing
// a line here changes every rating, and the evidence shown is the measures named below.

export type Rag = 'green' | 'amber_green' | 'amber_red' | 'red'
export const RAG_LABELS: Record<Rag, string> = {
  green: 'Green',
  amber_green: 'Amber/green',
  amber_red: 'Amber/red',
  red: 'Red',
}
const ORDER: Rag[] = ['green', 'amber_green', 'amber_red', 'red']

export type Dimension = 'referral_quality' | 'delivery' | 'communication'
export const DIMENSION_LABELS: Record<Dimension, string> = {
  referral_quality: 'Referral quality',
  delivery: 'Delivery sufficiency',
  communication: 'Communication',
}

/** The measures behind the ratings, as the performance query returns them (null: no cases yet). */
export interface ContractMeasures {
  /** Mean checklist score of rated referrals, 0 to 100. */
  meanQualityScore: number | null
  /** Sessions attended (on time or late) as a share of sessions recorded, %. */
  attendanceRate: number | null
  /** Concluded referrals that completed, as a share of concluded referrals, %. */
  completionRate: number | null
  /** Referrals first contacted within the contract's timescale, as a share of those contacted, %. */
  contactedInTime: number | null
  /** End-of-service reports submitted within the timescale after the last session, %. */
  reportsInTime: number | null
}

export type MeasureKey = keyof ContractMeasures
export interface Threshold {
  measure: MeasureKey
  label: string
  /** At or above each bound, that rating; below the last, red. Higher is better for all of these. */
  green: number
  amberGreen: number
  amberRed: number
}

/**
 * Each dimension is rated on its measures and takes the worst of them. The bounds follow the
 * CRS service levels: first contact within 2 working days and a report within 10 working days
 * of the last session (counted in calendar days here as 3 and 14).
 */
export const RAG_THRESHOLDS: Record<Dimension, Threshold[]> = {
  referral_quality: [
    {
      measure: 'meanQualityScore',
      label: 'Mean referral quality score',
      green: 90,
      amberGreen: 75,
      amberRed: 60,
    },
  ],
  delivery: [
    { measure: 'attendanceRate', label: 'Session attendance', green: 85, amberGreen: 75, amberRed: 60 },
    { measure: 'completionRate', label: 'Referrals completed', green: 70, amberGreen: 55, amberRed: 40 },
  ],
  communication: [
    {
      measure: 'contactedInTime',
      label: 'First contact within 3 days',
      green: 90,
      amberGreen: 80,
      amberRed: 65,
    },
    {
      measure: 'reportsInTime',
      label: 'Report within 14 days of the last session',
      green: 90,
      amberGreen: 80,
      amberRed: 65,
    },
  ],
}

/** Timescales the in-time measures use, in calendar days. */
export const TIMESCALES = { firstContactDays: 3, reportDays: 14 } as const

export function rateValue(value: number, t: Threshold): Rag {
  if (value >= t.green) return 'green'
  if (value >= t.amberGreen) return 'amber_green'
  if (value >= t.amberRed) return 'amber_red'
  return 'red'
}

export interface DimensionRating {
  dimension: Dimension
  label: string
  rag: Rag | null
  evidence: { label: string; value: number | null; rag: Rag | null; threshold: Threshold }[]
}

/** A dimension with no measured cases has no rating rather than a guessed one. */
export function rateContract(
  m: ContractMeasures,
  thresholds: Record<Dimension, Threshold[]> = RAG_THRESHOLDS,
): DimensionRating[] {
  return (Object.keys(thresholds) as Dimension[]).map((dimension) => {
    const evidence = thresholds[dimension].map((t) => {
      const value = m[t.measure]
      return { label: t.label, value, rag: value === null ? null : rateValue(value, t), threshold: t }
    })
    const rated = evidence.flatMap((e) => (e.rag ? [e.rag] : []))
    const rag = rated.length
      ? rated.reduce((worst, r) => (ORDER.indexOf(r) > ORDER.indexOf(worst) ? r : worst))
      : null
    return { dimension, label: DIMENSION_LABELS[dimension], rag, evidence }
  })
}

/** The referral quality checklist (NAO: clear reason and complete information). */
export const QUALITY_CHECKLIST = [
  { key: 'reasonClear', column: 'reason_clear', label: 'The reason for referral is clear' },
  { key: 'needsIdentified', column: 'needs_identified', label: 'Needs are identified' },
  { key: 'riskPresent', column: 'risk_present', label: 'Risk information is present' },
  { key: 'releaseDateKnown', column: 'release_date_known', label: 'The release date is known' },
  { key: 'contactDetailsPresent', column: 'contact_details_present', label: 'Contact details are present' },
] as const

/** The same score the database derives (referral_quality.score): 20 points per item met. */
export function qualityScore(answers: Record<(typeof QUALITY_CHECKLIST)[number]['key'], boolean>): number {
  return QUALITY_CHECKLIST.filter((item) => answers[item.key]).length * 20
}

/** Outcome ratings as the CRS scores them: achieved 1, partially 0.5, not achieved 0. */
export const ACHIEVEMENT_SCORE = { achieved: 1, partially_achieved: 0.5, not_achieved: 0 } as const
export const ACHIEVEMENT_LABELS = {
  achieved: 'Achieved',
  partially_achieved: 'Partially achieved',
  not_achieved: 'Not achieved',
} as const

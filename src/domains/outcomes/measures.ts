/**
 * The outcome measures of domain.md section 10, each written once as data. A new measure is a
 * new entry here; the one query builder (query.ts) reads these entries and nothing else.
 */
import { applyOffset, type CheckpointOffset } from './checkpoints.ts'
import { EMPLOYMENT_STATUSES, TREATMENT_STATUSES } from '../status/vocabulary.ts'

const keysWhere = <T extends Record<string, object>>(o: T, test: (v: T[keyof T]) => boolean) =>
  Object.entries(o)
    .filter(([, v]) => test(v as T[keyof T]))
    .map(([k]) => k)

/**
 * A release-based measure reads the status at one checkpoint of outcome_checkpoint (migration
 * 0006). Values are accommodation outcome classes, employment statuses or treatment statuses.
 * - numerator: the values that count;
 * - outOfDenominator: values that take the release out of the measure (not available for work;
 *   back in custody, which is a return and not an accommodation outcome);
 * - population: 'treatment_need' restricts the cohort to releases with an identified need;
 * - reads: 'latest', the latest status on or before the checkpoint (domain.md section 10); or
 *   'any_after_release', a numerator value seen at any time from the release day to the
 *   checkpoint ("engaged ... within 21 days of release": a later discharge does not undo it, and
 *   an engagement dated before the release is not engagement in the community after release).
 *   outcome_checkpoint.any_after_release (migration 0013_1) holds the same values for the SQL.
 * A release with no status at the checkpoint is unknown: outside the denominator, counted apart.
 * A release recalled on or before an accommodation or employment checkpoint reads 'custody' there:
 * its case is still open (a recall revokes the licence, not the sentence or the probation case),
 * so it is a known status, and only the measure says whether it leaves the denominator.
 */
export interface CheckpointMeasure {
  type: 'checkpoint'
  key: string
  label: string
  checkpoint: string
  offset: CheckpointOffset
  numerator: readonly string[]
  outOfDenominator: readonly string[]
  population: 'all' | 'treatment_need'
  reads: 'latest' | 'any_after_release'
}

/**
 * Proven reoffending (MoJ Proven Reoffending Statistics): an offence committed within 12 months
 * of release and proven by conviction or caution within 12 + 6 months. Final only at release +
 * 18 months, so only releases whose 18 months have passed are counted.
 */
export interface ReoffendingMeasure {
  type: 'reoffending'
  key: string
  label: string
  checkpoint: string
  offset: CheckpointOffset
}

/** A measure over terminations in the period: orders and licences, or programmes. */
export interface TerminationMeasure {
  type: 'termination'
  key: string
  label: string
  table: 'supervision_order' | 'programme'
  /** The boolean column that makes a termination count in the numerator. */
  numeratorColumn: 'requirements_complete' | 'completed'
  /** A boolean column that must be true for the row to be in the measure at all. */
  filterColumn?: 'sexual_offending'
}

export type Measure = CheckpointMeasure | ReoffendingMeasure | TerminationMeasure

const employed = keysWhere(EMPLOYMENT_STATUSES, (s) => s.employed)
const notAvailable = keysWhere(EMPLOYMENT_STATUSES, (s) => !s.availableForWork)
const engaged = keysWhere(TREATMENT_STATUSES, (s) => s.engaged)

export const MEASURES = [
  {
    type: 'checkpoint',
    key: 'housed_first_night',
    label: 'Housed on the first night after release',
    checkpoint: 'accommodation_first_night',
    offset: { days: 0 },
    numerator: ['settled', 'temporary'],
    // Back in custody on the first night is a same-day return, not an accommodation outcome.
    outOfDenominator: ['custody'],
    population: 'all',
    reads: 'latest',
  },
  {
    type: 'checkpoint',
    key: 'settled_3_months',
    label: 'Settled accommodation at 3 months',
    checkpoint: 'accommodation_3_months',
    offset: { months: 3 },
    numerator: ['settled'],
    // "Releases with a known status whose case is still open then" (domain.md section 10): a
    // person back in custody at 3 months has a known status and an open case, so stays in the
    // denominator as not settled (issue 13: excluding them moved a NW quarter by 5.7 pp).
    outOfDenominator: [],
    population: 'all',
    reads: 'latest',
  },
  {
    type: 'checkpoint',
    key: 'employed_6_weeks',
    label: 'Employed at 6 weeks',
    checkpoint: 'employment_6_weeks',
    offset: { days: 42 },
    numerator: employed,
    // In custody (recalled) is not available for work, as the definition's denominator needs.
    outOfDenominator: [...notAvailable, 'custody'],
    population: 'all',
    reads: 'latest',
  },
  {
    type: 'checkpoint',
    key: 'employed_6_months',
    label: 'Employed at 6 months',
    checkpoint: 'employment_6_months',
    offset: { months: 6 },
    numerator: employed,
    // In custody (recalled) is not available for work, as the definition's denominator needs.
    outOfDenominator: [...notAvailable, 'custody'],
    population: 'all',
    reads: 'latest',
  },
  {
    type: 'checkpoint',
    key: 'treatment_3_weeks',
    label: 'Engaged with community treatment within 3 weeks',
    checkpoint: 'treatment_3_weeks',
    offset: { days: 21 },
    numerator: engaged,
    outOfDenominator: [],
    population: 'treatment_need',
    reads: 'any_after_release',
  },
  {
    type: 'termination',
    key: 'requirements_complete',
    label: 'Orders and licences ended with requirements complete',
    table: 'supervision_order',
    numeratorColumn: 'requirements_complete',
  },
  {
    type: 'termination',
    key: 'sexual_offence_interventions',
    label: 'Sexual offence interventions completed',
    table: 'programme',
    numeratorColumn: 'completed',
    filterColumn: 'sexual_offending',
  },
  {
    type: 'reoffending',
    key: 'proven_reoffending',
    label: 'Proven reoffending within one year',
    checkpoint: 'reoffending_18_months',
    offset: { months: 18 },
  },
] as const satisfies readonly Measure[]

export type MeasureKey = (typeof MEASURES)[number]['key']

export function measureOf(key: string): Measure | undefined {
  return (MEASURES as readonly Measure[]).find((m) => m.key === key)
}

/** A reporting period: a calendar quarter or month, by its first day. */
export type PeriodUnit = 'quarter' | 'month'

export function periodEnd(start: string, unit: PeriodUnit): string {
  return applyOffset(applyOffset(start, { months: unit === 'quarter' ? 3 : 1 }), { days: -1 })
}

export function periodStartOf(date: string, unit: PeriodUnit): string {
  const [y, m] = date.split('-').map(Number) as [number, number]
  const month = unit === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : m
  return `${y}-${String(month).padStart(2, '0')}-01`
}

export function periodLabel(start: string, unit: PeriodUnit): string {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  const [y, m] = start.split('-').map(Number) as [number, number]
  if (unit === 'month') return `${names[m - 1]} ${y}`
  return `${names[m - 1]}–${names[m + 1]} ${y}`
}

/**
 * The latest period whose every release has reached the measure's checkpoint by `today`, so its
 * figure will no longer grow (a termination measure: the latest ended period).
 */
export function latestCompletePeriod(measure: Measure, today: string, unit: PeriodUnit): string {
  let start = periodStartOf(today, unit)
  for (;;) {
    const end = periodEnd(start, unit)
    const due = measure.type === 'termination' ? end : applyOffset(end, measure.offset)
    if (due < today) return start
    start = applyOffset(start, { months: unit === 'quarter' ? -3 : -1 })
  }
}

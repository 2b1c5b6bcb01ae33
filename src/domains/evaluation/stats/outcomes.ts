import type { UnitOutcomes } from './design.ts'

/**
 * The outcomes an evaluation reports (domain.md sections 10 and 13d), as data. `kind: 'rate'`
 * values are 0/1 and published as proportions (percentages on the pages); 'mean' values are
 * counts or days. `among` restricts an outcome to units where another one is 1: time to first
 * reoffence is measured among those who reoffended, as in the Justice Data Lab reports.
 */
export interface OutcomeSpec {
  key: string
  label: string
  kind: 'rate' | 'mean'
  unit?: string
  get: (o: UnitOutcomes) => number | null
  among?: (o: UnitOutcomes) => boolean
}

export const OUTCOMES: readonly OutcomeSpec[] = [
  {
    key: 'proven_reoffending',
    label: 'Proven reoffending within one year',
    kind: 'rate',
    get: (o) => o.reoffended,
  },
  {
    key: 'reoffence_frequency',
    label: 'Proven reoffences per person',
    kind: 'mean',
    unit: 'offences',
    get: (o) => o.reoffences,
  },
  {
    key: 'days_to_first_reoffence',
    label: 'Days to first proven reoffence (reoffenders)',
    kind: 'mean',
    unit: 'days',
    get: (o) => o.daysToFirstReoffence,
    among: (o) => o.reoffended === 1,
  },
  {
    key: 'housed_first_night',
    label: 'Housed on the first night',
    kind: 'rate',
    get: (o) => o.housedFirstNight,
  },
  {
    key: 'settled_3_months',
    label: 'Settled accommodation at 3 months',
    kind: 'rate',
    get: (o) => o.settled3Months,
  },
  { key: 'employed_6_weeks', label: 'Employed at 6 weeks', kind: 'rate', get: (o) => o.employed6Weeks },
  { key: 'employed_6_months', label: 'Employed at 6 months', kind: 'rate', get: (o) => o.employed6Months },
]

export function outcomeValue(spec: OutcomeSpec, o: UnitOutcomes): number | null {
  if (spec.among && !spec.among(o)) return null
  return spec.get(o)
}

/**
 * The splits of the variation analyses (issue 14; domain.md section 13e), each written once as
 * data: the column that holds a release's group, and how groups are named and ordered. The groups
 * themselves are worked out where the release's facts are kept (migration 0025_1: ONS 2021 ethnic
 * groups, age at the release date, the sentence length band, the ISO weekday, the accommodation
 * pathway assessment), read here as `d`, outcome_release_split; the split's key is also its key in
 * outcome_split_rollup.
 */
import { sql, type RawBuilder } from 'kysely'

export interface Split {
  key: string
  label: string
  /** The group of a release, as text; never null ('Not recorded' stands in). */
  expr: RawBuilder<string>
  /** Groups in a fixed order where the order means something (age, sentence length). */
  order?: readonly string[]
  /** A lookup of codes to names (regions, PDUs, prisons) filled by the service. */
  named?: 'region' | 'pdu' | 'prison'
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

/**
 * Age bands of the MoJ proven reoffending statistics (adults: 18 to 20, 21 to 24, 25 to 29, then
 * five-year bands to 49, then 50 and over). Age at the release date.
 */
export const AGE_BANDS = [
  'Under 18',
  '18 to 20',
  '21 to 24',
  '25 to 29',
  '30 to 34',
  '35 to 39',
  '40 to 44',
  '45 to 49',
  '50 and over',
] as const

/** A column of outcome_release_split (migration 0025_1), where each release's groups are kept. */
const group = (column: string) => sql<string>`${sql.ref(`d.${column}`)}`

export const SPLITS = [
  { key: 'sex', label: 'Sex', expr: group('sex'), order: ['Female', 'Male', 'Intersex', 'Not stated'] },
  { key: 'ethnicity', label: 'Ethnic group (ONS 2021)', expr: group('ethnicity') },
  {
    key: 'ethnicity_detailed',
    label: 'Ethnic group, detailed (ONS 2021)',
    expr: group('ethnicity_detailed'),
  },
  { key: 'age', label: 'Age at release', expr: group('age'), order: AGE_BANDS },
  {
    key: 'sentence_length',
    label: 'Sentence length',
    expr: group('sentence_length'),
    order: ['Under 12 months', '12 months to under 4 years', '4 years or more', 'Indeterminate'],
  },
  { key: 'region', label: 'Probation region', expr: group('region_code'), named: 'region' },
  { key: 'pdu', label: 'Probation delivery unit', expr: group('pdu_code'), named: 'pdu' },
  { key: 'prison', label: 'Releasing prison', expr: group('prison_code'), named: 'prison' },
  { key: 'weekday', label: 'Day of the week of release', expr: group('weekday'), order: WEEKDAYS },
  {
    // The resettlement passport's accommodation pathway assessment of the release's episode
    // (migration 0003): support required or in progress is a need; not assessed is said so.
    key: 'accommodation_need',
    label: 'Accommodation need on release',
    expr: group('accommodation_need'),
    order: ['Need identified', 'No need', 'Support declined', 'Not assessed'],
  },
] as const satisfies readonly Split[]

export type SplitKey = (typeof SPLITS)[number]['key']
export const SPLIT_KEYS = SPLITS.map((s) => s.key) as [SplitKey, ...SplitKey[]]

export function splitOf(key: string): Split | undefined {
  return (SPLITS as readonly Split[]).find((s) => s.key === key)
}

/** Orders groups: by the split's own order where it has one, else by name. */
export function compareGroups(split: Split, a: string, b: string): number {
  if (split.order) {
    const ia = split.order.indexOf(a)
    const ib = split.order.indexOf(b)
    if (ia !== ib) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib)
  }
  return a.localeCompare(b)
}

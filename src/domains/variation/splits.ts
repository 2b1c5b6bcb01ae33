/**
 * The splits of the variation analyses (issue 14; domain.md section 13e), each written once as
 * data: the SQL that gives a release its group, and how a group is named. The SQL reads the
 * aliases of the one counting query (repository.ts): f outcome_fact, e the release's custody
 * episode, p the person, g their ONS 2021 ethnic group.
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

const age = sql`extract(year from age(f.release_date, p.date_of_birth))`

export const SPLITS = [
  {
    key: 'sex',
    label: 'Sex',
    expr: sql<string>`case p.sex when 'male' then 'Male' when 'female' then 'Female' when 'intersex' then 'Intersex' else 'Not stated' end`,
    order: ['Female', 'Male', 'Intersex', 'Not stated'],
  },
  {
    key: 'ethnicity',
    label: 'Ethnic group (ONS 2021)',
    expr: sql<string>`coalesce(g.high_level_group, 'Not recorded')`,
  },
  {
    key: 'ethnicity_detailed',
    label: 'Ethnic group, detailed (ONS 2021)',
    expr: sql<string>`coalesce(g.high_level_group || ': ' || g.category, 'Not recorded')`,
  },
  {
    key: 'age',
    label: 'Age at release',
    expr: sql<string>`case when ${age} < 18 then 'Under 18' when ${age} < 21 then '18 to 20' when ${age} < 25 then '21 to 24'
      when ${age} < 30 then '25 to 29' when ${age} < 35 then '30 to 34' when ${age} < 40 then '35 to 39'
      when ${age} < 45 then '40 to 44' when ${age} < 50 then '45 to 49' else '50 and over' end`,
    order: AGE_BANDS,
  },
  {
    key: 'sentence_length',
    label: 'Sentence length',
    expr: sql<string>`case e.sentence_length_band when 'under_12_months' then 'Under 12 months'
      when '12_months_to_under_4_years' then '12 months to under 4 years' when '4_years_or_more' then '4 years or more'
      else 'Indeterminate' end`,
    order: ['Under 12 months', '12 months to under 4 years', '4 years or more', 'Indeterminate'],
  },
  { key: 'region', label: 'Probation region', expr: sql<string>`f.region_code`, named: 'region' },
  { key: 'pdu', label: 'Probation delivery unit', expr: sql<string>`f.pdu_code`, named: 'pdu' },
  { key: 'prison', label: 'Releasing prison', expr: sql<string>`f.prison_code`, named: 'prison' },
  {
    key: 'weekday',
    label: 'Day of the week of release',
    expr: sql<string>`(${sql.val(WEEKDAYS)}::text[])[extract(isodow from f.release_date)::int]`,
    order: WEEKDAYS,
  },
  {
    key: 'accommodation_need',
    label: 'Accommodation need on release',
    // The resettlement passport's accommodation pathway assessment of the release's episode
    // (migration 0003): support required or in progress is a need; not assessed is said so.
    expr: sql<string>`coalesce((select case when a.status in ('support_required', 'in_progress') then 'Need identified'
        when a.status in ('support_not_required', 'done') then 'No need' when a.status = 'support_declined' then 'Support declined'
        else 'Not assessed' end
      from pathway_assessment a where a.custody_episode_id = f.custody_episode_id and a.pathway = 'ACCOMMODATION'), 'Not assessed')`,
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

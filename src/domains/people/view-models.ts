import { camelRow } from '../../platform/db/camel.ts'
import type { Selectable } from 'kysely'
import type { PersonTable } from '../../platform/db/schema.ts'
import { dateParts, text, type FormErrors } from '../../platform/http/forms.ts'
import type { ReferenceLists } from '../reference/repository.ts'
import type { Role } from '../../platform/db/schema.ts'
import { can } from '../../platform/auth/roles.ts'
import { listPage } from '../../platform/table/index.ts'
import { UPCOMING_DEFAULT_SORT, upcomingTable, type UpcomingRow } from './upcoming-table.ts'

export type { ReferenceLists }

type Option = { value: string; text: string; selected?: boolean }

const select = (rows: { code: string; name: string }[], selected: unknown, prompt: string): Option[] => [
  { value: '', text: prompt },
  ...rows.map((r) => ({ value: r.code, text: r.name, selected: r.code === selected })),
]

export const SEX_OPTIONS = [
  { value: 'male', text: 'Male' },
  { value: 'female', text: 'Female' },
  { value: 'intersex', text: 'Intersex' },
  { value: 'not_stated', text: 'Not stated' },
]

export const SENTENCE_TYPES = [
  { value: 'determinate', text: 'Determinate' },
  { value: 'extended_determinate', text: 'Extended determinate' },
  { value: 'indeterminate', text: 'Indeterminate' },
  { value: 'recall', text: 'Recall' },
]

export const LENGTH_BANDS = [
  { value: 'under_12_months', text: 'Under 12 months' },
  { value: '12_months_to_under_4_years', text: '12 months to under 4 years' },
  { value: '4_years_or_more', text: '4 years or more' },
  { value: 'indeterminate', text: 'Indeterminate' },
]

const mark = (options: Option[], value: unknown) =>
  options.map((o) => ({ ...o, selected: o.value === value }))

/** Everything the person forms need: the user's values, errors and the select lists. */
export async function personFormContext(
  lists: ReferenceLists,
  form: {
    values: Record<string, unknown>
    errors: FormErrors
    person?: Selectable<PersonTable>
    current?: Record<string, unknown> | undefined
  },
) {
  const [prisons, pdus, las, ethnic] = await Promise.all([
    lists.prisons(),
    lists.residencePdus(),
    lists.localAuthorities(),
    lists.ethnicGroups(),
  ])
  const v = form.values
  const parts = (name: string) =>
    v[`${name}-day`] !== undefined
      ? { day: text(v[`${name}-day`]), month: text(v[`${name}-month`]), year: text(v[`${name}-year`]) }
      : dateParts(v[name])
  return {
    pageTitle: form.person ? `Edit ${form.person.given_name} ${form.person.family_name}` : 'Add a person',
    person: form.person,
    current: form.current,
    values: v,
    errors: form.errors,
    dates: {
      dateOfBirth: parts('dateOfBirth'),
      sentenceDate: parts('sentenceDate'),
      expectedReleaseDate: parts('expectedReleaseDate'),
      licenceEndDate: parts('licenceEndDate'),
    },
    sexOptions: mark(SEX_OPTIONS, v.sex),
    sentenceTypes: mark([{ value: '', text: 'Select a sentence type' }, ...SENTENCE_TYPES], v.sentenceType),
    lengthBands: mark(
      [{ value: '', text: 'Select a sentence length' }, ...LENGTH_BANDS],
      v.sentenceLengthBand,
    ),
    prisonOptions: select(prisons, v.prisonCode, 'Select a prison'),
    pduOptions: [
      { value: '', text: 'Select a PDU' },
      ...pdus.map((p) => ({
        value: p.code,
        text: `${p.name} (${p.region_name})`,
        selected: p.code === v.pduCode,
      })),
    ],
    laOptions: select(las, v.localAuthorityCode, 'Select a local authority'),
    ethnicOptions: [
      { value: '', text: 'Not recorded' },
      ...ethnic.map((e) => ({
        value: e.code,
        text: `${e.high_level_group}: ${e.category}`,
        selected: e.code === v.ethnicGroupCode,
      })),
    ],
    backLink: form.person ? `/people/${form.person.id}` : '/people',
  }
}

export function editFormValues(p: Selectable<PersonTable>): Record<string, unknown> {
  return {
    ...camelRow(p, ['given_name', 'family_name', 'date_of_birth', 'sex', 'version']),
    ethnicGroupCode: p.ethnic_group_code ?? '',
    prisonNumber: p.prison_number ?? '',
    crn: p.crn ?? '',
    pncId: p.pnc_id ?? '',
    communicationNeeds: p.communication_needs ?? '',
    preferredLanguage: p.preferred_language ?? '',
  }
}

export function personToApi(p: Selectable<PersonTable>) {
  return camelRow(p, [
    'id',
    'given_name',
    'family_name',
    'date_of_birth',
    'sex',
    'ethnic_group_code',
    'prison_number',
    'crn',
    'pnc_id',
    'communication_needs',
    'preferred_language',
    'version',
  ])
}

/** The columns of an episode the API answers with, and nothing else the query selected. */
const EPISODE_API = [
  'id',
  'prison_code',
  'prison_name',
  'sentence_type',
  'sentence_length_band',
  'sentence_date',
  'expected_release_date',
  'actual_release_date',
  'release_type',
  'licence_end_date',
  'pdu_code',
  'pdu_name',
  'region_code',
  'local_authority_code',
  'local_authority_name',
] as const

export function episodeToApi(e: {
  id: string
  prison_code: string
  prison_name: string
  sentence_type: string
  sentence_length_band: string
  sentence_date: string
  expected_release_date: string
  actual_release_date: string | null
  release_type: string | null
  licence_end_date: string | null
  pdu_code: string
  pdu_name: string
  region_code: string
  local_authority_code: string | null
  local_authority_name: string | null
}) {
  return camelRow(e, EPISODE_API)
}

/**
 * What this user can do from a person's page, by capability (src/platform/auth/roles.ts),
 * so a role change is a data change and the template only loops.
 */
export function personActions(role: Role, personId: string) {
  const actions: { href: string; text: string }[] = []
  if (can(role, 'people:read'))
    actions.push({
      href: `/people/${personId}/release-planning`,
      text: 'Release planning: needs, plan, handover and day of release',
    })
  if (can(role, 'referrals:make'))
    actions.push({
      href: `/people/${personId}/referrals/new`,
      text: 'Make a referral to a commissioned service',
    })
  if (can(role, 'cas3:refer'))
    actions.push({
      href: `/cas3/referrals/new?person=${personId}`,
      text: 'Refer for CAS3 temporary accommodation',
    })
  if (can(role, 'offending:read'))
    actions.push({ href: `/people/${personId}/outcome-records`, text: 'Offences, orders and programmes' })
  if (can(role, 'people:write'))
    actions.push({ href: `/people/${personId}/edit`, text: 'Change personal details' })
  if (can(role, 'admin')) {
    actions.push({ href: `/people/${personId}/audit-trail`, text: 'Who has viewed this record' })
    actions.push({ href: `/people/${personId}/subject-access.json`, text: 'Subject access export (JSON)' })
  }
  return actions
}

/**
 * The upcoming-releases page: listPage (platform/table) makes the sortable headers, the pages and
 * the download links from the page's address, paged in SQL (upcoming.ts).
 */
export function worklistView(
  result: {
    rows: readonly UpcomingRow[]
    total: number
    from: string
    to: string
    page: number
    pageSize: number
  },
  query: {
    weeks: number
    q?: string | undefined
    sort?: string | undefined
    order?: 'asc' | 'desc' | undefined
  },
) {
  const weeks = query.weeks
  const list = listPage(
    upcomingTable(result.rows, weeks),
    { page: result.page, q: query.q, sort: query.sort, order: query.order },
    {
      baseUrl: '/releases/upcoming',
      pageSize: result.pageSize,
      defaultSort: UPCOMING_DEFAULT_SORT,
      keep: { weeks: String(weeks) },
      paged: { total: result.total },
    },
  )
  const tabQuery = (w: number) =>
    new URLSearchParams(
      Object.entries({ weeks: String(w), q: query.q, sort: query.sort, order: query.order }).filter(
        (e): e is [string, string] => Boolean(e[1]),
      ),
    ).toString()
  return {
    from: result.from,
    to: result.to,
    weeks,
    q: query.q,
    list,
    table: { ...list.table, captionClasses: 'govuk-visually-hidden' },
    hidden: { weeks: String(weeks), sort: query.sort, order: query.order },
    tabs: [12, 24].map((w) => ({
      weeks: w,
      href: `/releases/upcoming?${tabQuery(w)}`,
      current: w === weeks,
    })),
  }
}

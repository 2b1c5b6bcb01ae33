import { z } from 'zod'
import type { OrganisationKind } from '../../platform/db/schema.ts'
import { ListQuery, type Sorting, type Table } from '../../platform/table/index.ts'
import { KIND_LABELS, OrganisationFilter } from './schemas.ts'

const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

/** The organisations list's query: its filter (kind, name) with sort, order, page and a download. */
export const OrganisationListQuery = OrganisationFilter.extend({
  sort: ListQuery.shape.sort,
  order: ListQuery.shape.order,
  page: ListQuery.shape.page,
  format: z.preprocess(blankAsUndefined, z.enum(['csv', 'xlsx']).optional()),
})
export type OrganisationListQuery = z.infer<typeof OrganisationListQuery>

/**
 * Unsorted by the page until a column is chosen: the repository's order stands, national first
 * then as scope narrows (the order of KINDS, which no column's text sorts into), then by name.
 */
export const ORGANISATIONS_DEFAULT_SORT: Sorting = { key: 'register', order: 'asc' }

export interface OrganisationListRow {
  id: string
  kind: OrganisationKind
  name: string
  prison_code: string | null
  pdu_code: string | null
  region_code: string | null
  local_authority_code: string | null
  user_count: number
}

/** The register code that defines each kind's scope; providers, health and national have none. */
function referenceCode(row: OrganisationListRow): string | null {
  switch (row.kind) {
    case 'prison':
      return row.prison_code
    case 'pdu':
      return row.pdu_code
    case 'probation_region':
      return row.region_code
    case 'council':
      return row.local_authority_code
    case 'provider':
    case 'health':
    case 'national':
      return null
  }
}

export function organisationTable(rows: readonly OrganisationListRow[]): Table<OrganisationListRow> {
  return {
    id: 'organisations',
    caption: 'Organisations',
    columns: [
      { key: 'kind', label: 'Kind', value: (r) => KIND_LABELS[r.kind], sortable: true },
      { key: 'name', label: 'Name', value: (r) => r.name, sortable: true },
      { key: 'code', label: 'Reference code', value: (r) => referenceCode(r), sortable: true },
      { key: 'users', label: 'Users', value: (r) => Number(r.user_count), format: 'count', sortable: true },
    ],
    rows,
  }
}

import { formatLongDate } from '../../platform/calendar/index.ts'
import type { Sorting, Table } from '../../platform/table/index.ts'
import type { PeopleRepository } from './repository.ts'

// The upcoming-releases worklist as a table (platform/table): the same columns on the page and in
// its CSV and XLSX. It is paged in SQL, so the sortable columns are the orders the repository knows.

export type UpcomingRow = Awaited<ReturnType<PeopleRepository['upcomingReleases']>>['rows'][number]
export const UPCOMING_DEFAULT_SORT = { key: 'release', order: 'asc' } as const satisfies Sorting

export function upcomingTable(rows: readonly UpcomingRow[], weeks: number): Table<UpcomingRow> {
  return {
    id: `upcoming-releases-${weeks}-weeks`,
    caption: `Releases due in the next ${weeks} weeks`,
    columns: [
      {
        key: 'release',
        label: 'Release date',
        value: (r) => formatLongDate(r.expected_release_date),
        sortValue: (r) => r.expected_release_date,
        sortable: true,
      },
      {
        key: 'name',
        label: 'Name',
        value: (r) => `${r.family_name}, ${r.given_name}`,
        href: (r) => `/people/${r.person_id}`,
        sortable: true,
      },
      { key: 'prisonNumber', label: 'Prison number', value: (r) => r.prison_number ?? '–' },
      { key: 'prison', label: 'Prison', value: (r) => r.prison_name },
      { key: 'pdu', label: 'PDU', value: (r) => r.pdu_name },
      { key: 'area', label: 'Release area', value: (r) => r.local_authority_name ?? 'Not recorded' },
    ],
    rows,
  }
}

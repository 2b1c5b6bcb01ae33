import { formatLongDate } from '../../platform/calendar/index.ts'
import {
  sortingOf,
  type Column,
  type ListQuery,
  type Sorting,
  type Table,
} from '../../platform/table/index.ts'
import { ACTION_STATUSES, DTR_OUTCOMES, WORKLIST_FLAGS, type WorklistFlag } from './vocabulary.ts'
import type { WorklistRow } from './readiness-repository.ts'

// The release-readiness worklist as a table (platform/table): the same columns on the page and in
// its CSV and XLSX. It is paged in SQL (listPage's `paged`), so the sortable columns are exactly
// the orders the repository knows.

export type WorklistSort = 'release' | 'flags' | 'name'
export const WORKLIST_DEFAULT_SORT = { key: 'release', order: 'asc' } as const satisfies Sorting
/** One page of the worklist: a prison's 12 weeks is a few hundred releases. */
export const WORKLIST_PAGE_SIZE = 100

export type ShownWorklistRow = WorklistRow & { releaseDay: string; flags: Record<WorklistFlag, boolean> }

const FLAG_KEYS = Object.keys(WORKLIST_FLAGS) as WorklistFlag[]
const flagLabels = (r: ShownWorklistRow) => FLAG_KEYS.filter((k) => r.flags[k]).map((k) => WORKLIST_FLAGS[k])

function accommodation(r: ShownWorklistRow): string {
  if (r.sleeping_tonight) return r.sleeping_tonight
  const status = r.accommodation_action_status as keyof typeof ACTION_STATUSES | null
  return status ? `Action ${ACTION_STATUSES[status].toLowerCase()}` : 'No action'
}

function dutyToRefer(r: ShownWorklistRow): string {
  if (r.dtr_outcome) return DTR_OUTCOMES[r.dtr_outcome as keyof typeof DTR_OUTCOMES]
  return r.dtr_received_on ? 'Received' : 'Not received'
}

/** The columns; a council officer also sees where each person will sleep and the Duty to Refer. */
export function worklistColumns(council: boolean): Column<ShownWorklistRow>[] {
  return [
    {
      key: 'release',
      label: 'Release day',
      value: (r) => formatLongDate(r.releaseDay),
      sortValue: (r) => r.expected_release_date,
      sortable: true,
    },
    {
      key: 'name',
      label: 'Name',
      value: (r) => `${r.family_name}, ${r.given_name}`,
      href: (r) => `/people/${r.person_id}/release-planning`,
      sortable: true,
    },
    { key: 'prisonNumber', label: 'Prison number', value: (r) => r.prison_number ?? '–' },
    ...(council
      ? [
          { key: 'accommodation', label: 'Accommodation', value: accommodation },
          { key: 'dtr', label: 'Duty to Refer', value: dutyToRefer },
        ]
      : []),
    {
      key: 'flags',
      label: 'Flags',
      value: (r) => flagLabels(r).join('; ') || 'None',
      tags: flagLabels,
      sortValue: (r) => flagLabels(r).length,
      sortable: true,
      // The releases that need most work come first on a first click.
      firstOrder: 'desc',
    },
  ]
}

export function worklistTable(rows: readonly ShownWorklistRow[], council: boolean, weeks: number) {
  return {
    id: `release-readiness-${weeks}-weeks`,
    caption: `Releases due in the next ${weeks} weeks`,
    columns: worklistColumns(council),
    rows,
  } satisfies Table<ShownWorklistRow>
}

/** The order the query asks for, if a sortable column, else soonest first (as the page shows). */
export function worklistSorting(query: ListQuery): { key: WorklistSort; order: 'asc' | 'desc' } {
  const s = sortingOf(worklistColumns(true), query, WORKLIST_DEFAULT_SORT)
  return { key: s.key as WorklistSort, order: s.order }
}

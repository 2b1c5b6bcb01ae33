import type { Column, Table } from '../../platform/table/index.ts'
import type { ListQuery, Sorting } from '../../platform/table/list.ts'
import { listPage } from '../../platform/table/list.ts'
import { BOOKING_STATUSES, REFERRAL_STATUSES } from './vocabulary.ts'

/**
 * The CAS3 referral and booking lists as column specs (the one table model, platform/table), so
 * the page, the CSV and the XLSX are one table sorted and filtered by the same query (issue 12:
 * the filter in the URL, on pages and downloads alike).
 */
interface ReferralRow {
  id: string
  given_name: string
  family_name: string
  crn: string | null
  release_date: string
  pdu_name: string
  status: keyof typeof REFERRAL_STATUSES
}
interface BookingRow {
  id: string
  reference: string
  given_name: string
  family_name: string
  premises_name: string
  bedspace_reference: string
  arrival_date: string
  departure_date: string
  status: keyof typeof BOOKING_STATUSES
  stay: { warning?: unknown }
}

const name = (r: { given_name: string; family_name: string }) => `${r.family_name}, ${r.given_name}`

const REFERRAL_COLUMNS: Column<ReferralRow>[] = [
  { key: 'person', label: 'Person', value: name, href: (r) => `/cas3/referrals/${r.id}`, sortable: true },
  { key: 'crn', label: 'CRN', value: (r) => r.crn, sortable: true },
  { key: 'releaseDate', label: 'Release date', value: (r) => r.release_date, format: 'date', sortable: true },
  { key: 'pdu', label: 'Placement PDU', value: (r) => r.pdu_name, sortable: true },
  { key: 'status', label: 'Status', value: (r) => REFERRAL_STATUSES[r.status], sortable: true },
]

const BOOKING_COLUMNS: Column<BookingRow>[] = [
  {
    key: 'reference',
    label: 'Booking',
    value: (b) => b.reference,
    href: (b) => `/cas3/bookings/${b.id}`,
    sortable: true,
  },
  { key: 'person', label: 'Person', value: name, sortable: true },
  {
    key: 'premises',
    label: 'Premises',
    value: (b) => `${b.premises_name} (${b.bedspace_reference})`,
    sortable: true,
  },
  { key: 'arrival', label: 'Arrival', value: (b) => b.arrival_date, format: 'date', sortable: true },
  { key: 'departure', label: 'Departure', value: (b) => b.departure_date, format: 'date', sortable: true },
  // Near the 84-night limit (stay-rules.ts): the officer plans the move-on or the extension.
  { key: 'limit', label: 'Stay limit', value: (b) => (b.stay.warning ? 'Near limit' : ''), sortable: true },
  { key: 'status', label: 'Status', value: (b) => BOOKING_STATUSES[b.status], sortable: true },
]

export const referralTable = (
  rows: readonly ReferralRow[],
  status?: keyof typeof REFERRAL_STATUSES,
): Table<ReferralRow> => ({
  id: 'cas3-referrals',
  caption: status ? `CAS3 referrals: ${REFERRAL_STATUSES[status]}` : 'CAS3 referrals',
  columns: REFERRAL_COLUMNS,
  rows,
})
export const bookingTable = (rows: readonly BookingRow[]): Table<BookingRow> => ({
  id: 'cas3-bookings',
  caption: 'Current and future bookings',
  columns: BOOKING_COLUMNS,
  rows,
})
export const REFERRAL_SORT: Sorting = { key: 'releaseDate', order: 'asc' }
export const BOOKING_SORT: Sorting = { key: 'arrival', order: 'asc' }

/** A download of the list as it is filtered and sorted now. */
export function downloadHref(
  baseUrl: string,
  query: Record<string, string | number | undefined>,
  format: string,
) {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries({ ...query, page: undefined, format }))
    if (v !== undefined && v !== '') params.set(k, String(v))
  return `${baseUrl}?${params.toString()}`
}

/**
 * Every row the list's query keeps, in its order: what a download holds, so a CSV or XLSX is the
 * same filter and sort as the page, without the paging.
 */
export function allListed<Row>(table: Table<Row>, query: ListQuery, defaultSort: Sorting): Table<Row> {
  const rows = listPage(
    table,
    { ...query, page: 1 },
    {
      baseUrl: '',
      defaultSort,
      pageSize: Math.max(1, table.rows.length),
    },
  ).rows
  return { ...table, rows }
}

import { dateOf, formatDate } from '../../platform/calendar/index.ts'
import { listPage, type ListPage, type ListQuery, type Table } from '../../platform/table/index.ts'
import { STATE_LABELS, type ReferralState } from './state-machine.ts'

/** A row of the referrer's list or a provider worklist (repository `summary`). */
export interface ReferralListRow {
  id: string
  reference: string
  state: ReferralState
  sent_at: unknown
  draft_expires_on: string | null
  given_name: string
  family_name: string
  crn: string | null
  category_name: string | null
  provider_name: string | null
  caseworker_name: string | null
  quality_score: number | null
}

/**
 * The referral lists as column specs (issue 12: sort, filter and page every list that can grow).
 * A provider sees who holds each referral; a referrer sees which provider has it.
 */
export function referralListTable(
  rows: readonly ReferralListRow[],
  side: 'referrer' | 'provider',
  caption: string,
): Table<ReferralListRow> {
  return {
    id: 'Referrals',
    caption,
    rows,
    columns: [
      {
        key: 'reference',
        label: 'Referral',
        value: (r) => r.reference,
        href: (r) => `/referrals/${r.id}`,
        sortable: true,
      },
      { key: 'name', label: 'Name', value: (r) => `${r.family_name}, ${r.given_name}`, sortable: true },
      { key: 'crn', label: 'CRN', value: (r) => r.crn, sortable: true },
      { key: 'service', label: 'Service', value: (r) => r.category_name ?? 'Not chosen', sortable: true },
      side === 'provider'
        ? {
            key: 'caseworker',
            label: 'Caseworker',
            value: (r) => r.caseworker_name ?? 'Unassigned',
            sortable: true,
          }
        : { key: 'provider', label: 'Provider', value: (r) => r.provider_name ?? '', sortable: true },
      {
        key: 'sent',
        label: 'Sent',
        // ISO for sorting and downloads; the page shows a draft's expiry in words instead.
        format: 'date',
        value: (r) => (r.sent_at ? dateOf(r.sent_at) : null),
        sortable: true,
      },
      {
        key: 'draft',
        label: 'Draft kept until',
        value: (r) => (r.sent_at || !r.draft_expires_on ? null : formatDate(r.draft_expires_on)),
      },
      {
        key: 'quality',
        label: 'Quality score',
        format: 'count',
        value: (r) => r.quality_score,
        sortable: true,
      },
      { key: 'state', label: 'State', value: (r) => STATE_LABELS[r.state], sortable: true },
    ],
  }
}

/**
 * The page of a list, with any filter the page adds (such as the provider's tab) kept in every
 * sort, page and download link. listPage itself carries q, sort, order and page only.
 */
export function referralListPage(
  table: Table<ReferralListRow>,
  query: ListQuery,
  baseUrl: string,
  extra: Record<string, string>,
): ListPage<ReferralListRow> & { downloads: { text: string; href: string }[] } {
  const page = listPage(table, query, { baseUrl, defaultSort: { key: 'sent', order: 'desc' } })
  const carried = new URLSearchParams(extra).toString()
  const withExtra = (href: string) => (carried ? href.replace(`${baseUrl}?`, `${baseUrl}?${carried}&`) : href)
  const html = (h: string | undefined) => (h ? h.replace(`${baseUrl}?`, `${baseUrl}?${carried}&amp;`) : h)
  const params = (format: string) => {
    const p = new URLSearchParams({ ...extra, format })
    for (const [k, v] of Object.entries({ q: query.q, sort: query.sort, order: query.order }))
      if (v) p.set(k, v)
    return `${baseUrl}?${p.toString()}`
  }
  return {
    ...page,
    table: { ...page.table, head: page.table.head.map((h) => (h.html ? { ...h, html: html(h.html)! } : h)) },
    pagination: page.pagination && {
      ...(page.pagination.previous ? { previous: { href: withExtra(page.pagination.previous.href) } } : {}),
      ...(page.pagination.next ? { next: { href: withExtra(page.pagination.next.href) } } : {}),
      items: page.pagination.items.map((i) => ({ ...i, href: withExtra(i.href) })),
    },
    downloads: [
      { text: 'CSV', href: params('csv') },
      { text: 'Excel (XLSX)', href: params('xlsx') },
    ],
  }
}

/** Every row the page's filter and sort select, unpaged: what the CSV and XLSX hold. */
export function referralListAll(table: Table<ReferralListRow>, query: ListQuery): Table<ReferralListRow> {
  const all = listPage(
    table,
    { ...query, page: 1 },
    {
      baseUrl: '',
      pageSize: Number.POSITIVE_INFINITY,
      defaultSort: { key: 'sent', order: 'desc' },
    },
  )
  return { ...table, rows: all.rows }
}

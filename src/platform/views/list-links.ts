import { listPage, type ListPage, type ListQuery, type Sorting, type Table } from '../table/index.ts'

/**
 * What a list page needs beyond `listPage` (platform/table/list.ts), for lists that have filters
 * of their own (a kind, a role): `listPage` carries only its free-text filter into the sort and
 * page links it makes, so these add the list's other filters to every one of those links, and
 * give the download links for the same filter and order.
 */
export interface FilteredList<Row> extends ListPage<Row> {
  /** The page's query without paging, for the CSV and XLSX links: the download follows the filter. */
  downloadHref: (format: 'csv' | 'xlsx') => string
}

const queryOf = (values: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(values).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])),
  ).toString()

export function filteredList<Row>(
  table: Table<Row>,
  query: ListQuery,
  options: {
    baseUrl: string
    defaultSort: Sorting
    pageSize?: number
    filters: Record<string, string | undefined>
  },
): FilteredList<Row> {
  const page = listPage(table, query, options)
  const extra = queryOf(options.filters)
  const base = `${options.baseUrl}?`
  // URLSearchParams percent-encodes quotes and angle brackets, so `extra` is safe inside href="…".
  const plain = (href: string) =>
    extra && href.startsWith(base) ? `${base}${extra}&${href.slice(base.length)}` : href
  const inHtml = (html: string | undefined) =>
    html && extra
      ? html.replaceAll(`href="${base}`, `href="${base}${extra.replaceAll('&', '&amp;')}&amp;`)
      : html
  const pagination = page.pagination && {
    ...(page.pagination.previous ? { previous: { href: plain(page.pagination.previous.href) } } : {}),
    ...(page.pagination.next ? { next: { href: plain(page.pagination.next.href) } } : {}),
    items: page.pagination.items.map((i) => ({ ...i, href: plain(i.href) })),
  }
  const sorting = { sort: query.sort, order: query.order }
  return {
    ...page,
    table: {
      ...page.table,
      head: page.table.head.map((h) => (h.html ? { ...h, html: inHtml(h.html) ?? '' } : h)),
    },
    pagination,
    downloadHref: (format) => `${base}${queryOf({ ...options.filters, q: query.q, ...sorting, format })}`,
  }
}

/** Every row the filter keeps, in the page's order: what a CSV or XLSX download holds. */
export function allFiltered<Row>(table: Table<Row>, query: ListQuery, defaultSort: Sorting): Table<Row> {
  const everything = listPage(
    table,
    { ...query, page: 1 },
    {
      baseUrl: '',
      defaultSort,
      pageSize: Number.MAX_SAFE_INTEGER,
    },
  )
  return { ...table, rows: everything.rows }
}

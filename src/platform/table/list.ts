import { z } from 'zod'
import type { CellValue, Column, Table } from './model.ts'
import { govukTable, type GovukTable } from './html.ts'

/**
 * Sort, filter and page for every list (issue 12): the query a list page accepts, and the page
 * model it renders. A probation officer with 70 cases sorts by release date and pages through;
 * the sort key is checked against the table's sortable columns, so it can go to SQL as well.
 */
export const ListQuery = z.object({
  sort: z
    .string()
    .max(40)
    .regex(/^[a-zA-Z0-9_]*$/)
    .optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  /** Free-text filter over the text columns; lists with their own filters add fields to this. */
  q: z.string().max(100).optional(),
})
export type ListQuery = z.infer<typeof ListQuery>

export interface Sorting {
  key: string
  order: 'asc' | 'desc'
}

/** The requested sort when the column exists and is sortable; else the list's default. */
export function sortingOf<Row>(
  columns: readonly Column<Row>[],
  query: ListQuery,
  fallback: Sorting,
): Sorting {
  const column = columns.find((c) => c.key === query.sort && c.sortable)
  return column ? { key: column.key, order: query.order ?? column.firstOrder ?? 'asc' } : fallback
}

/**
 * The rows of a page, for lists paged in SQL (`listPage`'s `paged` option): the requested page,
 * or the last page when the request is past the end.
 */
export function pageWindow(
  page: number,
  pageSize: number,
  total?: number,
): { limit: number; offset: number } {
  const last = total === undefined ? page : Math.max(1, Math.ceil(total / pageSize))
  return { limit: pageSize, offset: (Math.min(page, last) - 1) * pageSize }
}

export interface ListPage<Row> {
  table: GovukTable
  /** Rows after filtering, before paging: "Showing 21 to 40 of 70 cases". */
  total: number
  from: number
  to: number
  /** Parameters for the govukPagination macro; undefined when everything fits on one page. */
  pagination?: {
    previous?: { href: string }
    next?: { href: string }
    items: { number: number; href: string; current: boolean }[]
  }
  rows: readonly Row[]
  /** The same list, filtered and sorted alike, as a download: every row, not only this page. */
  downloadHref: (format: 'csv' | 'xlsx') => string
}

/**
 * One page of a list. Headers of sortable columns become links that toggle the order, with
 * aria-sort for screen readers. By default the list is in memory (lists already bounded by the
 * actor's scope): the table holds every row, and this filters, sorts and pages them. A list too
 * long for that (the worklists: a national analyst's 24 weeks are tens of thousands of releases)
 * is `paged` in SQL: the table holds only the requested page, already filtered and sorted by the
 * same query (`sortingOf`, `pageWindow`), and `paged.total` counts every row the filter keeps;
 * the sort links, pages and downloads are made the same way for both.
 */
export function listPage<Row>(
  table: Table<Row>,
  query: ListQuery,
  options: {
    baseUrl: string
    pageSize?: number
    defaultSort: Sorting
    /** The page's other query parameters and the list's own filters (a period, a status, an area), kept in every sort and page link. */
    keep?: Record<string, string | undefined>
    /** The table holds only this page, filtered and sorted in SQL; `total` rows in all. */
    paged?: { total: number }
  },
): ListPage<Row> {
  const pageSize = options.pageSize ?? 25
  const sorting = sortingOf(table.columns, query, options.defaultSort)
  const { rows, total } = options.paged
    ? { rows: table.rows, total: options.paged.total }
    : inMemory(table, query.q, sorting)
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const page = Math.min(query.page, pages)
  const shown = options.paged ? rows : rows.slice((page - 1) * pageSize, page * pageSize)
  const href = (changes: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams()
    const merged = { ...options.keep, q: query.q, sort: sorting.key, order: sorting.order, page, ...changes }
    for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '') params.set(k, String(v))
    return `${options.baseUrl}?${params.toString()}`
  }
  const html = govukTable({ ...table, rows: shown })
  html.head = table.columns.map((c, i) => {
    const cell = html.head[i] ?? { text: c.label }
    if (!c.sortable) return cell
    const current = c.key === sorting.key
    const next = current ? (sorting.order === 'asc' ? 'desc' : 'asc') : (c.firstOrder ?? 'asc')
    return {
      ...cell,
      html: `<a class="govuk-link" href="${href({ sort: c.key, order: next, page: 1 }).replaceAll('&', '&amp;')}">${escape(c.label)}</a>`,
      attributes: { 'aria-sort': current ? (sorting.order === 'asc' ? 'ascending' : 'descending') : 'none' },
    }
  })
  return {
    table: html,
    total,
    from: total && shown.length ? (page - 1) * pageSize + 1 : 0,
    to: shown.length ? (page - 1) * pageSize + shown.length : 0,
    rows: shown,
    downloadHref: (format) => href({ page: undefined, format }),
    pagination:
      pages > 1
        ? {
            ...(page > 1 ? { previous: { href: href({ page: page - 1 }) } } : {}),
            ...(page < pages ? { next: { href: href({ page: page + 1 }) } } : {}),
            items: Array.from({ length: pages }, (_, i) => ({
              number: i + 1,
              href: href({ page: i + 1 }),
              current: i + 1 === page,
            })),
          }
        : undefined,
  }
}

/** Every row the free-text filter keeps, in the sorting's order. */
function inMemory<Row>(table: Table<Row>, q: string | undefined, sorting: Sorting) {
  const needle = q?.trim().toLowerCase()
  const rows = needle
    ? table.rows.filter((row) =>
        table.columns.some((c) =>
          String(c.value(row) ?? '')
            .toLowerCase()
            .includes(needle),
        ),
      )
    : [...table.rows]
  const column = table.columns.find((c) => c.key === sorting.key)
  const key = column?.sortValue ?? column?.value
  if (key) rows.sort((a, b) => compare(key(a), key(b), sorting.order === 'asc' ? 1 : -1))
  return { rows, total: rows.length }
}

/** Blanks last whichever the order; numbers as numbers; text in English collation. */
function compare(a: CellValue, b: CellValue, direction: 1 | -1): number {
  const blankA = a === null || a === undefined || a === ''
  const blankB = b === null || b === undefined || b === ''
  if (blankA || blankB) return blankA === blankB ? 0 : blankA ? 1 : -1
  if (typeof a === 'number' && typeof b === 'number') return (a - b) * direction
  return String(a).localeCompare(String(b), 'en-GB', { numeric: true }) * direction
}

const escape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

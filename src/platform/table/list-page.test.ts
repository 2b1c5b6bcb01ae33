import { describe, expect, it } from 'vitest'
import { listPage, pageWindow, sortingOf, type Table } from './index.ts'

// listPage for lists paged in SQL (the worklists): the rows given are the page, already sorted
// and filtered; listPage makes the same links, counts and downloads as for an in-memory list.
interface Row {
  name: string
  flags: number
}
const columns: Table<Row>['columns'] = [
  { key: 'name', label: 'Name', value: (r) => r.name, sortable: true },
  {
    key: 'flags',
    label: 'Flags',
    value: (r) => r.flags,
    format: 'count',
    sortable: true,
    firstOrder: 'desc',
  },
]
const pageRows = Array.from({ length: 10 }, (_, i) => ({ name: `Person ${i + 21}`, flags: 0 }))
const table: Table<Row> = { id: 'list', caption: 'List', columns, rows: pageRows }
const options = { baseUrl: '/list', pageSize: 10, defaultSort: { key: 'name', order: 'asc' as const } }

describe('a list paged in SQL', () => {
  it('shows the rows it is given as the asked page, counting the total it is told', () => {
    const page = listPage(
      table,
      { page: 3, q: 'person' },
      { ...options, paged: { total: 45 }, keep: { weeks: '12' } },
    )
    expect(page.rows).toEqual(pageRows)
    expect([page.total, page.from, page.to]).toEqual([45, 21, 30])
    expect(page.pagination?.items).toHaveLength(5)
    expect(page.pagination?.next?.href).toBe('/list?weeks=12&q=person&sort=name&order=asc&page=4')
    expect(page.downloadHref('csv')).toBe('/list?weeks=12&q=person&sort=name&order=asc&format=csv')
  })

  it('does not filter or reorder the page itself', () => {
    const page = listPage(
      table,
      { page: 1, q: 'nobody', sort: 'name', order: 'desc' },
      { ...options, paged: { total: 10 } },
    )
    expect(page.rows.map((r) => r.name)).toEqual(pageRows.map((r) => r.name))
  })

  it('asks SQL for the window of a page, the last page when past the end', () => {
    expect(pageWindow(3, 100)).toEqual({ limit: 100, offset: 200 })
    expect(pageWindow(9, 100, 250)).toEqual({ limit: 100, offset: 200 })
    expect(pageWindow(1, 100, 0)).toEqual({ limit: 100, offset: 0 })
  })
})

describe('a column sorted most first', () => {
  it('sorts descending on a first click and when the address names no order', () => {
    expect(sortingOf(columns, { page: 1, sort: 'flags' }, options.defaultSort)).toEqual({
      key: 'flags',
      order: 'desc',
    })
    const page = listPage({ ...table, rows: [] }, { page: 1 }, options)
    expect(page.table.head[1]?.html).toContain('sort=flags&amp;order=desc')
    expect(page.table.head[0]?.html).toContain('sort=name&amp;order=desc')
  })
})

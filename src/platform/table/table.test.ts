import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { csvOf, govukTable, listPage, xlsxOf, type Table } from './index.ts'

interface Row {
  name: string
  released: string | null
  cases: number
  rate: number | null
}

const table: Table<Row> = {
  id: 'caseload',
  caption: 'Caseload',
  columns: [
    { key: 'name', label: 'Name', value: (r) => r.name, sortable: true, href: (r) => `/people/${r.name}` },
    { key: 'released', label: 'Release date', value: (r) => r.released, format: 'date', sortable: true },
    { key: 'cases', label: 'Cases', value: (r) => r.cases, format: 'count', sortable: true },
    { key: 'rate', label: 'Settled', value: (r) => r.rate, format: 'percent' },
  ],
  rows: [
    { name: 'Ada <b>', released: '2026-03-03', cases: 1234, rate: 0.125 },
    { name: '=cmd|calc', released: null, cases: 2, rate: null },
    { name: 'Bea', released: '2025-12-01', cases: 30, rate: 0.5 },
  ],
  notes: ['Provisional: the latest quarter is not yet complete.'],
}

describe('the table model', () => {
  it('renders the same cells as the page shows, links escaped, numbers right-aligned', () => {
    const html = govukTable(table)
    expect(html.head.map((h) => h.text)).toEqual(['Name', 'Release date', 'Cases', 'Settled'])
    expect(html.head[2]).toMatchObject({ format: 'numeric' })
    expect(html.rows[0]).toEqual([
      { html: '<a class="govuk-link" href="/people/Ada &lt;b&gt;">Ada &lt;b&gt;</a>' },
      { text: '3 March 2026' },
      { text: '1,234', format: 'numeric' },
      { text: '12.5%', format: 'numeric' },
    ])
  })

  it('writes CSV with plain numbers, percentages as on screen, notes, and formulas defused', () => {
    const lines = csvOf(table).trimEnd().split('\r\n')
    expect(lines[0]).toBe('Name,Release date,Cases,Settled')
    expect(lines[1]).toBe('Ada <b>,2026-03-03,1234,12.5')
    expect(lines[2]).toBe("'=cmd|calc,,2,")
    expect(lines.at(-1)).toBe('Provisional: the latest quarter is not yet complete.')
  })

  it('writes XLSX with numbers as numbers, one sheet per table', async () => {
    const book = new ExcelJS.Workbook()
    const written = await xlsxOf([table as Table<unknown>, { ...table, id: 'caseload' } as Table<unknown>])
    await book.xlsx.load(new Uint8Array(written).buffer)
    expect(book.worksheets.map((s) => s.name)).toEqual(['caseload', 'caseload 2'])
    const sheet = book.worksheets[0]!
    expect(sheet.getRow(3).getCell(3).value).toBe(1234)
    expect(sheet.getRow(2).getCell(1).value).toBe('Name')
  })
})

describe('a list page', () => {
  const rows = Array.from({ length: 70 }, (_, i) => ({
    name: `Person ${i + 1}`,
    released: i % 10 === 0 ? null : `2026-${String((i % 12) + 1).padStart(2, '0')}-15`,
    cases: i,
    rate: null,
  }))
  const big: Table<Row> = { ...table, rows }
  const options = { baseUrl: '/cases', pageSize: 25, defaultSort: { key: 'name', order: 'asc' as const } }

  it('pages 70 cases as 25, 25 and 20 and says which are shown', () => {
    const third = listPage(big, { page: 3 }, options)
    expect([third.total, third.from, third.to, third.rows.length]).toEqual([70, 51, 70, 20])
    expect(third.pagination?.next).toBeUndefined()
    expect(third.pagination?.previous?.href).toBe('/cases?sort=name&order=asc&page=2')
  })

  it('sorts by a sortable column with blanks last, and ignores an unknown sort key', () => {
    const byDate = listPage(big, { page: 1, sort: 'released', order: 'desc' }, { ...options, pageSize: 100 })
    expect(byDate.rows[0]?.released).toBe('2026-12-15')
    expect(byDate.rows.at(-1)?.released).toBeNull()
    expect(byDate.table.head[1]?.attributes).toEqual({ 'aria-sort': 'descending' })
    const unknown = listPage(big, { page: 1, sort: 'rate' }, options)
    expect(unknown.rows[0]?.name).toBe('Person 1')
    expect(unknown.rows[1]?.name).toBe('Person 2')
  })

  it('filters on any column and clamps a page past the end', () => {
    const page = listPage(big, { page: 9, q: 'person 7' }, options)
    expect(page.rows.map((r) => r.name)).toEqual(['Person 7', 'Person 70'])
  })
})

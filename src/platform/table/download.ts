import ExcelJS from 'exceljs'
import { csvCell } from '../csv.ts'
import { exportValue, numericFormat, type Table } from './model.ts'

/**
 * CSV and XLSX of a table. Both hold the caption, the column labels, every row and the notes; CSV
 * cells go through the CSV-injection guard (platform/csv.ts), and XLSX numbers are numbers.
 */
export function csvOf<Row>(table: Table<Row>): string {
  const lines = [
    table.columns.map((c) => csvCell(c.label)).join(','),
    ...table.rows.map((row) => table.columns.map((c) => csvCell(exportValue(c, row))).join(',')),
  ]
  return [...lines, ...(table.notes ?? []).map((n) => csvCell(n))].join('\r\n') + '\r\n'
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/

export async function xlsxOf<Row>(tables: readonly Table<Row>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const used = new Set<string>()
  for (const table of tables) {
    // Sheet names are at most 31 characters and unique in a workbook.
    let name = table.id.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Table'
    for (let i = 2; used.has(name); i++) name = `${name.slice(0, 28)} ${i}`
    used.add(name)
    const sheet = book.addWorksheet(name)
    sheet.addRow([table.caption]).font = { bold: true }
    sheet.addRow(table.columns.map((c) => c.label)).font = { bold: true }
    for (const row of table.rows)
      sheet.addRow(
        table.columns.map((c) => {
          const v = exportValue(c, row)
          // A published figure that is a plain number ("7", "12.50") is a number in a spreadsheet.
          return c.format === 'figure' && typeof v === 'string' && PLAIN_NUMBER.test(v) ? Number(v) : v
        }),
      )
    table.columns.forEach((c, i) => {
      if (numericFormat(c.format)) sheet.getColumn(i + 1).alignment = { horizontal: 'right' }
    })
    for (const note of table.notes ?? []) sheet.addRow([note])
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

interface Reply {
  header: (k: string, v: string) => unknown
  type: (t: string) => unknown
  send: (b: unknown) => unknown
}

/** Sends tables as a download: CSV holds the first table; XLSX one sheet per table. */
export async function sendTables<Row>(
  reply: Reply,
  format: 'csv' | 'xlsx',
  filename: string,
  tables: readonly Table<Row>[],
) {
  const safe = filename.replace(/[^A-Za-z0-9._-]+/g, '-')
  reply.header('content-disposition', `attachment; filename="${safe}.${format}"`)
  reply.header('cache-control', 'no-store')
  if (format === 'csv') {
    reply.type('text/csv; charset=utf-8')
    return reply.send(tables[0] ? csvOf(tables[0]) : '')
  }
  reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  return reply.send(await xlsxOf(tables))
}

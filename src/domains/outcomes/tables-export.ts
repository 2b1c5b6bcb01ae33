/**
 * Every table on the outcome pages is a DataTable: the page renders it, and the same object is
 * written as CSV or XLSX, so a download always holds exactly the numbers on the screen
 * (suppressed cells included as suppressed).
 */
import ExcelJS from 'exceljs'
import { toCsv } from '../../platform/csv.ts'

export interface TableCell {
  text: string
  href?: string
  numeric?: boolean
}

export interface DataTable {
  id: string
  caption: string
  head: string[]
  rows: TableCell[][]
}

export function csvOf(table: DataTable): string {
  return toCsv(
    table.head,
    table.rows.map((r) => r.map((c) => c.text)),
  )
}

export async function xlsxOf(table: DataTable): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet(table.id.slice(0, 31))
  sheet.addRow([table.caption])
  sheet.addRow(table.head)
  for (const row of table.rows)
    sheet.addRow(
      row.map((c) => (c.numeric && c.text !== '' && !Number.isNaN(Number(c.text)) ? Number(c.text) : c.text)),
    )
  sheet.getRow(2).font = { bold: true }
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** Sends one table of a page as a download. */
export async function download(
  reply: {
    header: (k: string, v: string) => unknown
    type: (t: string) => unknown
    send: (b: unknown) => unknown
  },
  table: DataTable,
  format: 'csv' | 'xlsx',
  name: string,
) {
  reply.header('content-disposition', `attachment; filename="${name}-${table.id}.${format}"`)
  reply.header('cache-control', 'no-store')
  if (format === 'csv') {
    reply.type('text/csv; charset=utf-8')
    return reply.send(csvOf(table))
  }
  reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  return reply.send(await xlsxOf(table))
}

import { formatDate } from '../views/environment.ts'

/**
 * The one table model (issue 11): a table is a list of column specs over rows. The same object is
 * rendered as an HTML table on the page, and written as CSV and XLSX, so a download always holds
 * exactly what the page shows: suppressed cells stay suppressed, figures keep their precision.
 * Reports are lists of column specs, not code that lays out cells.
 */

/**
 * How a value is shown. `count` and `number` are right-aligned and grouped on the page (1,234) but
 * written plain in CSV and as numbers in XLSX; `percent` values are proportions (0.125 shows as
 * 12.5%); `text` is anything already formatted, such as a suppressed cell ("[c]"). `figure` is a
 * figure already formatted as it is published ("85.7%", "+9.7 pp", "[c]"): right-aligned like a
 * number and written to CSV as shown; in XLSX a figure that is a plain number is a number.
 */
export type Format = 'text' | 'count' | 'number' | 'percent' | 'date' | 'figure'

export type CellValue = string | number | null | undefined

export interface Column<Row> {
  key: string
  label: string
  value: (row: Row) => CellValue
  format?: Format
  /** Decimal places for `number` and `percent` (default 1). */
  decimals?: number
  /** On the page only: makes the cell a link (to a person's record, a drill-down). */
  href?: (row: Row) => string | undefined
  /**
   * On the page only: shows the cell as red GOV.UK tags, one per item (a release's readiness
   * flags), so they stand out; the value, what downloads hold, lists the same items as text.
   */
  tags?: (row: Row) => readonly string[]
  /** Whether the list can be ordered by this column (see list.ts). */
  sortable?: boolean
  /** What the list orders by, when not the value shown (a date shown as "3 March 2026"). */
  sortValue?: (row: Row) => CellValue
  /** The order a first click on the header asks for, when not ascending ("most flags first"). */
  firstOrder?: 'asc' | 'desc'
}

export interface Table<Row> {
  /** Short name, for the download's file and sheet names. */
  id: string
  caption: string
  columns: readonly Column<Row>[]
  rows: readonly Row[]
  /** Lines printed under the table and into downloads: the method, what is provisional, the source. */
  notes?: readonly string[]
}

export const numericFormat = (format: Format | undefined) =>
  format === 'count' || format === 'number' || format === 'percent' || format === 'figure'

const GROUPED = new Intl.NumberFormat('en-GB')

/** The cell as people read it on the page (GOV.UK style: 1,234 / 12.5% / 3 March 2026). */
export function displayText<Row>(column: Column<Row>, row: Row): string {
  const v = column.value(row)
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return column.format === 'date' ? formatDate(v) : v
  const decimals = column.decimals ?? 1
  switch (column.format ?? 'text') {
    case 'count':
      return GROUPED.format(v)
    case 'number':
      return v.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
    case 'percent':
      return `${(v * 100).toFixed(decimals)}%`
    case 'date':
    case 'text':
    case 'figure':
      return String(v)
  }
}

/** The cell as written to CSV: plain numbers, no grouping, percentages as percentages. */
export function exportValue<Row>(column: Column<Row>, row: Row): string | number {
  const v = column.value(row)
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (column.format === 'percent') return Number((v * 100).toFixed(column.decimals ?? 1))
  if (column.format === 'number') return Number(v.toFixed(column.decimals ?? 1))
  return v
}

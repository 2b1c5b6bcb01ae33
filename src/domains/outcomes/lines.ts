/**
 * The outcome, variation and evaluation tables on the one table model (platform/table, issue 11
 * item 4). Their figures are published as read: a rate "85.7%", a withheld "[c]", a change
 * "+9.7 pp", so a download holds exactly the page's text and a withheld cell never becomes 0.
 * A row is therefore a line of those texts keyed by column, and a table is its column specs.
 */
import type { Column, Table } from '../../platform/table/index.ts'

/** One row: each column's text by its key, and `<key>:href` where the cell links somewhere. */
export type Line = Record<string, string | undefined>

/** A column spec: key, label, and 'figure' for the right-aligned figures. */
export type LineColumn = readonly [key: string, label: string, kind?: 'figure' | 'text', sortable?: boolean]

export function lineColumns(specs: readonly LineColumn[]): Column<Line>[] {
  return specs.map(([key, label, kind = 'text', sortable = false]) => ({
    key,
    label,
    value: (r: Line) => r[key] ?? '',
    format: kind,
    href: (r: Line) => r[`${key}:href`],
    // A line may carry what its column sorts by (`<key>:sort`, an ISO date), else its text.
    sortValue: (r: Line) => r[`${key}:sort`] ?? r[key] ?? '',
    ...(sortable ? { sortable } : {}),
  }))
}

export type LineTable = Table<Line>

export function lineTable(
  id: string,
  caption: string,
  specs: readonly LineColumn[],
  rows: readonly Line[],
  notes?: readonly string[],
): LineTable {
  return { id, caption, columns: lineColumns(specs), rows, ...(notes ? { notes } : {}) }
}

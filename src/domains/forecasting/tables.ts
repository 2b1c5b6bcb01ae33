/**
 * The forecasting, capacity, caseload and coverage pages show their tables through the one
 * table model (platform/table): each table is rendered on the page by `shown` and sent as CSV
 * or XLSX by `sendIfAsked`, from the same object, so a download holds what the page shows.
 */
import type { FastifyReply } from 'fastify'
import { govukTable, sendTables, type GovukTable, type Table } from '../../platform/table/index.ts'

export interface ShownTable {
  id: string
  caption: string
  govuk: GovukTable
  notes: readonly string[]
}

export function shown<Row>(table: Table<Row>): ShownTable {
  return {
    id: table.id,
    caption: table.caption,
    govuk: govukTable(table, { firstCellIsHeader: true }),
    notes: table.notes ?? [],
  }
}

/** A table of any row type, as the download writer takes it (rows are only read by their columns). */
const anyRows = <Row>(table: Table<Row>) => table as unknown as Table<unknown>

export interface Offered {
  id: string
  send: (reply: FastifyReply, format: 'csv' | 'xlsx', filename: string) => Promise<unknown>
}

/** A table offered for download, whatever its row type. */
export function offer<Row>(table: Table<Row>): Offered {
  return {
    id: table.id,
    send: (reply, format, filename) => sendTables(reply, format, filename, [anyRows(table)]),
  }
}

/** Sends the asked-for table and says so; false when the query asks for no download. */
export async function sendIfAsked(
  reply: FastifyReply,
  tables: readonly Offered[],
  q: { download?: string | undefined; format?: 'csv' | 'xlsx' | undefined },
  name: string,
): Promise<boolean> {
  const table = tables.find((t) => t.id === q.download)
  if (!table || !q.format) return false
  await table.send(reply, q.format, `${name}-${table.id}`)
  return true
}

import { govukTable, type GovukTable } from './html.ts'
import { sendTables } from './download.ts'
import type { Table } from './model.ts'

/**
 * A table as a page shows it beside its download links: the GOV.UK table macro's parameters,
 * with the id the download asks for. `empty` lets a page say "no figures" instead of a bare head.
 */
export interface ShownTable {
  id: string
  caption: string
  /** The macro's parameters; the table element's id is `table-<id>`, for links and tests. */
  govuk: GovukTable & { attributes: { id: string } }
  notes: readonly string[]
  empty: boolean
}

export function shownTable<Row>(
  table: Table<Row>,
  options: { firstCellIsHeader?: boolean } = {},
): ShownTable {
  return {
    id: table.id,
    caption: table.caption,
    govuk: {
      ...govukTable(table, { firstCellIsHeader: options.firstCellIsHeader ?? true }),
      attributes: { id: `table-${table.id}` },
    },
    notes: table.notes ?? [],
    empty: table.rows.length === 0,
  }
}

interface Reply {
  header: (k: string, v: string) => unknown
  type: (t: string) => unknown
  send: (b: unknown) => unknown
}

/**
 * Sends the table a page's query asks for (`download=<id>&format=csv|xlsx`) and says so; false
 * when the query asks for none, so the handler renders the page.
 */
export async function sendAskedTable<Row>(
  reply: Reply,
  tables: readonly Table<Row>[],
  q: { download?: string | undefined; format?: 'csv' | 'xlsx' | undefined },
  name: string,
): Promise<boolean> {
  const table = tables.find((t) => t.id === q.download)
  if (!table || !q.format) return false
  await sendTables(reply, q.format, `${name}-${table.id}`, [table])
  return true
}

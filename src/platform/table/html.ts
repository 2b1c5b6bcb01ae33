import { displayText, numericFormat, type Table } from './model.ts'

/** The parameters of the GOV.UK table macro (govukTable) for a table. */
export interface GovukTable {
  caption: string
  captionClasses: string
  firstCellIsHeader: boolean
  head: { text: string; format?: 'numeric'; attributes?: Record<string, string>; html?: string }[]
  rows: ({ text: string; format?: 'numeric' } | { html: string; format?: 'numeric' })[][]
}

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

/**
 * `head` may be replaced by the list helper's sortable headers; cells with an `href` become links,
 * escaped here because the macro takes them as HTML.
 */
export function govukTable<Row>(
  table: Table<Row>,
  options: { firstCellIsHeader?: boolean } = {},
): GovukTable {
  return {
    caption: table.caption,
    captionClasses: 'govuk-table__caption--m',
    firstCellIsHeader: options.firstCellIsHeader ?? false,
    head: table.columns.map((c) => ({
      text: c.label,
      ...(numericFormat(c.format) ? { format: 'numeric' as const } : {}),
    })),
    rows: table.rows.map((row) =>
      table.columns.map((c) => {
        const text = displayText(c, row)
        const numeric = numericFormat(c.format) ? { format: 'numeric' as const } : {}
        const href = c.href?.(row)
        const tags = c.tags?.(row)
        if (tags?.length)
          return {
            html: tags
              .map((t) => `<strong class="govuk-tag govuk-tag--red app-flag">${escapeHtml(t)}</strong>`)
              .join(' '),
            ...numeric,
          }
        return href
          ? { html: `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`, ...numeric }
          : { text, ...numeric }
      }),
    ),
  }
}

import { parse } from 'csv-parse/sync'

/**
 * RFC 4180 CSV with a header row, as records keyed by the header (csv-parse, issue 11: a kept
 * library rather than a hand-written parser). Blank lines are skipped; short rows read as blank.
 */
export function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true })
}

/**
 * A signed figure such as -3, +9.7 pp or -12.5%: a leading sign followed only by a number and a
 * unit holds no cell reference, function or DDE call, so it cannot run anything (OWASP CSV
 * injection) and is written as it is, where a quote would show in every change column.
 */
const SIGNED_FIGURE = /^[+-]?\d+(\.\d+)?( ?(%|pp))?$/

/**
 * One CSV cell. A leading =, @, tab or carriage return, or a + or - that does not start a signed
 * figure, is prefixed with ' so a spreadsheet never runs the cell as a formula.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  let s =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
          ? value.toString()
          : JSON.stringify(value)
  if (/^[=+\-@\t\r]/.test(s) && !SIGNED_FIGURE.test(s)) s = `'${s}`
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '')
  if (!header) return []
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])))
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

import { parse } from 'csv-parse/sync'
import { CRN, PRISON_NUMBER } from './schemas.ts'

/**
 * An uploaded list of the people who received a service recorded elsewhere: CRNs or prison
 * numbers, one a row, reported by line number (a header row and extra columns are allowed: the first cell that looks like
 * an identifier is taken). Every row is accounted for: used, or reported with its row number and
 * the reason, so nothing is dropped without the analyst seeing it.
 */
export interface ListProblem {
  row: number
  value: string
  reason: 'not_an_identifier' | 'duplicate' | 'not_found' | 'unreadable'
}

export interface ParsedList {
  crns: string[]
  prisonNumbers: string[]
  rows: number
  problems: ListProblem[]
}

export function parseIdentifierList(text: string): ParsedList {
  let records: { record: string[]; info: { lines: number } }[]
  try {
    // csv-parse types `info: true` only together with `columns`; the shape is documented.
    const parsed: unknown = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
    })
    records = parsed as typeof records
  } catch (err) {
    return {
      crns: [],
      prisonNumbers: [],
      rows: 0,
      problems: [{ row: 0, value: '', reason: 'unreadable' as const }].map((p) => ({
        ...p,
        value: err instanceof Error ? err.message.slice(0, 200) : 'unreadable',
      })),
    }
  }
  const crns: string[] = []
  const prisonNumbers: string[] = []
  const seen = new Set<string>()
  const problems: ListProblem[] = []
  let rows = 0
  records.forEach(({ record, info }, i) => {
    const line = info.lines
    const cells = record.map((c) => c.toUpperCase())
    const isHeader = i === 0 && cells.some((c) => /^(CRN|PRISON[ _]?NUMBER|NOMS[ _]?(ID|NUMBER)?)$/.test(c))
    if (isHeader) return
    rows++
    const id = cells.find((c) => CRN.test(c) || PRISON_NUMBER.test(c))
    if (!id) {
      problems.push({ row: line, value: (record[0] ?? '').slice(0, 50), reason: 'not_an_identifier' })
      return
    }
    if (seen.has(id)) {
      problems.push({ row: line, value: id, reason: 'duplicate' })
      return
    }
    seen.add(id)
    ;(CRN.test(id) ? crns : prisonNumbers).push(id)
  })
  return { crns, prisonNumbers, rows, problems }
}

export const PROBLEM_TEXT: Record<ListProblem['reason'], string> = {
  not_an_identifier: 'not a CRN (like X123456) or a prison number (like A1234BC)',
  duplicate: 'listed more than once; counted once',
  not_found: 'no one with this identifier in your area',
  unreadable: 'the file could not be read as CSV',
}

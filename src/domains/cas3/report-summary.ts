import { disclosurePolicy, suppressTable, type DisclosurePolicy } from '../../platform/disclosure/index.ts'
import { wilson } from '../../platform/statistics/index.ts'
import type { CellValue, Table } from '../../platform/table/index.ts'
import { col, type ReportRow } from './report-columns.ts'

/**
 * A report's summary: a total and the counts that make it up, each with its share of the total,
 * the denominator and a 95% Wilson interval. The counts go through the one disclosure module
 * (issue 14): a count from 1 to 4 is withheld, and so is whatever else would let it be worked out
 * by subtracting from the total; a withheld count takes its rate and interval with it.
 */
export interface SummaryPart {
  label: string
  count: number
}
const COLUMNS = [
  col('label', 'Measure'),
  col('count', 'Number', 'count'),
  col('of', 'Out of', 'count'),
  col('rate', 'Rate', 'percent'),
  col('interval', '95% interval'),
]

const percent = (p: number) => `${(p * 100).toFixed(1)}%`

export function summaryTable(
  id: string,
  caption: string,
  total: SummaryPart,
  parts: readonly SummaryPart[],
  policy: DisclosurePolicy = disclosurePolicy(),
): Table<ReportRow> {
  const values = new Map<string, number>([
    ['total', total.count],
    ...parts.map((p, i): [string, number] => [`p${i}`, p.count]),
  ])
  // The parts partition the total only when they add up to it (statuses, move-on groups).
  const partition = parts.reduce((n, p) => n + p.count, 0) === total.count
  const { withheld } = suppressTable(
    values,
    partition ? [{ total: 'total', parts: parts.map((_, i) => `p${i}`) }] : [],
    policy,
  )
  const shown = (key: string, n: number): CellValue => (withheld.has(key) ? policy.symbol : n)
  const denominatorOk = !withheld.has('total') && total.count >= policy.threshold
  const rows: ReportRow[] = [
    { label: total.label, count: shown('total', total.count), of: null, rate: null, interval: null },
    ...parts.map((p, i) => {
      const key = `p${i}`
      const publish = denominatorOk && !withheld.has(key)
      const ci = publish ? wilson(p.count, total.count) : null
      return {
        label: p.label,
        count: shown(key, p.count),
        of: withheld.has('total') ? policy.symbol : total.count,
        rate: publish ? (total.count ? p.count / total.count : null) : policy.symbol,
        interval: ci ? `${percent(ci.low)} to ${percent(ci.high)}` : publish ? null : policy.symbol,
      }
    }),
  ]
  const anyWithheld = withheld.size > 0 || !denominatorOk
  return {
    id,
    caption,
    columns: COLUMNS,
    rows,
    notes: [
      'Rates are shares of the first row, with 95% Wilson score intervals.',
      ...(anyWithheld ? [policy.footnote] : []),
    ],
  }
}

/**
 * The outcome dashboards, downloads and API through the one disclosure module
 * (platform/disclosure): which counts of a cell are withheld, given what is published beside it.
 *
 * - Within a cell the API publishes cohort = denominator + unknown + excluded, so one withheld
 *   term with the other three published would give it back.
 * - Across cells a page publishes parts beside their total: a region's quarter beside its PDUs
 *   and its prisons, and a quarter beside its three months. protectCells withholds enough further
 *   counts that none can be recovered by subtraction (issue 12, defect 1; issue 14).
 */
import { disclosurePolicy, isSmall, suppressTable, type Sum } from '../../platform/disclosure/index.ts'
import type { Cell } from './query.ts'

export const COUNT_COLUMNS = ['numerator', 'denominator', 'unknown', 'excluded'] as const
export type CountColumn = (typeof COUNT_COLUMNS)[number]

export function cellHidden(c: Cell, column: CountColumn | 'cohort', threshold: number): boolean {
  return isSmall(c[column], disclosurePolicy({ threshold })) || (c.withheld?.has(column) ?? false)
}

/** A cell's counts as the API publishes them: null when withheld. */
export function publishedCounts(c: Cell, threshold: number) {
  const policy = disclosurePolicy({ threshold })
  const values = new Map<string, number>([
    ['cohort', c.cohort],
    ...COUNT_COLUMNS.map((k) => [k, c[k]] as [string, number]),
  ])
  const cohortSum: Sum = { total: 'cohort', parts: ['denominator', 'unknown', 'excluded'] }
  const extra = [...(c.withheld ?? [])]
  const { withheld } = suppressTable(values, [cohortSum], policy, extra)
  const out = (k: string) => (withheld.has(k) ? null : (values.get(k) ?? 0))
  return {
    cohort: out('cohort'),
    numerator: out('numerator'),
    denominator: out('denominator'),
    unknown: out('unknown'),
    excluded: out('excluded'),
  }
}

/**
 * Marks, on each cell, the counts withheld so that no withheld count of any part or total can be
 * worked out from the others: `relations` lists each total with the cells that partition it.
 * Cells are changed in place (Cell.withheld), so the tables, charts and downloads built from them
 * afterwards all show the same suppression.
 */
export function protectCells(relations: { total: Cell | undefined; parts: Cell[] }[], threshold: number) {
  const policy = disclosurePolicy({ threshold })
  const ids = new Map<Cell, number>()
  const id = (c: Cell) => {
    let i = ids.get(c)
    if (i === undefined) ids.set(c, (i = ids.size))
    return i
  }
  const live = relations.filter((r) => r.total && r.parts.length)
  for (const r of live) [r.total as Cell, ...r.parts].forEach(id)
  const cells = [...ids.keys()]
  for (const column of COUNT_COLUMNS) {
    const key = (c: Cell) => `${id(c)}`
    const values = new Map(cells.map((c) => [key(c), c[column]]))
    const sums = live.map((r) => ({ total: key(r.total as Cell), parts: r.parts.map(key) }))
    const { secondary } = suppressTable(values, sums, policy)
    for (const c of cells) if (secondary.has(key(c))) c.withheld = new Set([...(c.withheld ?? []), column])
  }
}

/** The regional page: the latest quarter's region figure beside its PDUs and its prisons, and
 * each quarter beside its months. */
export function protectRegional(
  data: {
    summary: Cell[]
    byQuarter: Cell[]
    byMonth: Cell[]
    byPdu: Cell[]
    byPrison: Cell[]
    latest: Record<string, string>
    /** The months on the page: the 24 up to this one. */
    latestMonth: string
  },
  measure: string,
  threshold: number,
) {
  const period = data.latest[measure]
  const total = data.summary.find((c) => c.measure === measure && c.period === period)
  const quarterOf = (p: string) =>
    `${p.slice(0, 5)}${String(Math.floor((Number(p.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`
  const monthIndex = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1
  const last = monthIndex(data.latestMonth)
  // A quarter is the sum of its months only when all three are on the page.
  const whole = (q: string) => monthIndex(q) >= last - 23 && monthIndex(q) + 2 <= last
  // The same quarter from the trend is the same figure as the summary's: one total for both.
  const quarters = data.byQuarter.map((q) => (q.period === period && total ? total : q))
  protectCells(
    [
      { total, parts: data.byPdu },
      { total, parts: data.byPrison },
      ...quarters
        .filter((q) => whole(q.period))
        .map((q) => ({ total: q, parts: data.byMonth.filter((m) => quarterOf(m.period) === q.period) })),
    ],
    threshold,
  )
  for (const q of data.byQuarter) if (q.period === period && total) q.withheld = total.withheld
}

/** The national page: each measure's regions beside England and Wales, in its latest quarter. */
export function protectNational(cells: Cell[], latest: Record<string, string>, threshold: number) {
  protectCells(
    Object.entries(latest).map(([measure, period]) => {
      const inPeriod = cells.filter((c) => c.measure === measure && c.period === period)
      return {
        total: inPeriod.find((c) => c.group === 'ENGLAND_AND_WALES'),
        parts: inPeriod.filter((c) => c.group !== 'ENGLAND_AND_WALES'),
      }
    }),
    threshold,
  )
}

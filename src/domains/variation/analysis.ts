/**
 * The variation table as pure rules: counts by group (and quarter) in, published figures out.
 * Disclosure control first (platform/disclosure, on the whole table with its margins, the quarters
 * and the overall figure, so every place that shows these numbers shows the same ones withheld),
 * then a Wilson interval and a test against the rest of the population for each published cell,
 * with Holm's correction across the cells of the table (docs/analytics.md).
 */
import { ALL, disclosurePolicy, protectGrouped, type ProtectedCell } from '../../platform/disclosure/index.ts'
import { holm, twoProportionTest, wilson } from '../../platform/statistics/index.ts'
import type { CountRow } from './repository.ts'

export const ALPHA = 0.05

export interface Figure {
  numerator: number | null
  denominator: number | null
  /** Per cent. */
  rate: number | null
  suppressed: boolean
}

export interface CellResult extends Figure {
  group: string[]
  ciLow: number | null
  ciHigh: number | null
  /** Two-sided, against the rest of the population, Holm-adjusted across the table's cells. */
  pValue: number | null
  significant: boolean
  /** The rest of the population, for the sentences. */
  rest: { rate: number; ciLow: number; ciHigh: number } | null
}

export interface TrendPoint extends Figure {
  group: string
  quarter: string
  ciLow: number | null
  ciHigh: number | null
}

export interface VariationTable {
  dims: number
  overall: Figure
  cells: CellResult[]
  /** One-way margins published with a crossed table. */
  totals: (Figure & { group: string[] })[]
  /** One-way tables: each group by quarter, and the overall by quarter (group '*'). */
  trend: TrendPoint[]
}

type Counts = { numerator: number; denominator: number }
const pct = (x: number) => Math.round(x * 1000) / 10

function add(map: Map<string, { key: string[]; counts: Counts }>, key: string[], r: Counts) {
  const k = key.join('\u0001')
  const cur = map.get(k) ?? { key, counts: { numerator: 0, denominator: 0 } }
  cur.counts.numerator += r.numerator
  cur.counts.denominator += r.denominator
  map.set(k, cur)
}

const figure = (c: ProtectedCell<'numerator' | 'denominator'>): Figure => ({
  numerator: c.counts.numerator,
  denominator: c.counts.denominator,
  rate: c.rate === null ? null : Math.round(c.rate * 10) / 10,
  suppressed: c.suppressed,
})

export function analyse(rows: readonly CountRow[], dims: 1 | 2, threshold: number): VariationTable {
  const policy = disclosurePolicy({ threshold })
  const cells = new Map<string, { key: string[]; counts: Counts }>()
  // One split: groups × quarters with both margins. Two: groups × groups over the whole period.
  for (const r of rows) {
    const inner = dims === 1 ? [r.a, r.quarter] : [r.a, r.b]
    add(cells, inner, r)
    add(cells, [inner[0]!, ALL], r)
    add(cells, [ALL, inner[1]!], r)
    add(cells, [ALL, ALL], r)
  }
  const input = [...cells.values()]
  const published = protectGrouped(
    input,
    ['numerator', 'denominator'],
    { numerator: 'numerator', denominator: 'denominator' },
    policy,
  )
  const raw = new Map(input.map((c) => [c.key.join('\u0001'), c.counts]))
  const at = (key: string[]) => published.find((p) => p.key.join('\u0001') === key.join('\u0001'))
  const overallCell = at([ALL, ALL])
  const overallRaw = raw.get([ALL, ALL].join('\u0001')) ?? { numerator: 0, denominator: 0 }
  const overall: Figure = overallCell
    ? figure(overallCell)
    : { numerator: 0, denominator: 0, rate: null, suppressed: false }

  const isCell = (k: readonly string[]) =>
    dims === 1 ? k[0] !== ALL && k[1] === ALL : k[0] !== ALL && k[1] !== ALL
  const main = published.filter((p) => isCell(p.key))
  const tests = main.map((p) => {
    const c = raw.get(p.key.join('\u0001'))!
    if (p.rate === null) return { ci: null, p: null, rest: null }
    const restN = overallRaw.numerator - c.numerator
    const restD = overallRaw.denominator - c.denominator
    const restCi = wilson(restN, restD)
    return {
      ci: wilson(c.numerator, c.denominator),
      p: twoProportionTest(c.numerator, c.denominator, restN, restD)?.p ?? null,
      rest:
        restCi && overall.rate !== null
          ? { rate: pct(restN / restD), ciLow: pct(restCi.low), ciHigh: pct(restCi.high) }
          : null,
    }
  })
  const adjusted = holm(tests.map((t) => t.p))
  const results: CellResult[] = main.map((p, i) => ({
    ...figure(p),
    group: dims === 1 ? [p.key[0]!] : [...p.key],
    ciLow: tests[i]!.ci ? pct(tests[i]!.ci.low) : null,
    ciHigh: tests[i]!.ci ? pct(tests[i]!.ci.high) : null,
    pValue: adjusted[i] ?? null,
    significant: (adjusted[i] ?? 1) < ALPHA,
    rest: tests[i]!.rest,
  }))
  const totals =
    dims === 2
      ? published
          .filter((p) => (p.key[0] === ALL) !== (p.key[1] === ALL))
          .map((p) => ({ ...figure(p), group: [...p.key] }))
      : []
  const trend: TrendPoint[] =
    dims === 1
      ? published
          .filter((p) => p.key[1] !== ALL)
          .map((p) => {
            const c = raw.get(p.key.join('\u0001'))!
            const ci = p.rate === null ? null : wilson(c.numerator, c.denominator)
            return {
              ...figure(p),
              group: p.key[0]!,
              quarter: p.key[1]!,
              ciLow: ci ? pct(ci.low) : null,
              ciHigh: ci ? pct(ci.high) : null,
            }
          })
      : []
  return { dims, overall, cells: results, totals, trend }
}

/** "Female: 9% (7% to 11%) against 19% (18% to 20%) for everyone else — a real difference." */
export function sentence(label: string, measure: string, c: CellResult): string | null {
  if (c.rate === null || c.ciLow === null || c.ciHigh === null || !c.rest) return null
  const f = (x: number) => `${Number.isInteger(x) ? x : x.toFixed(1)}%`
  const direction = c.rate < c.rest.rate ? 'less often' : 'more often'
  const head = c.significant
    ? `${label}: ${measure.toLowerCase()} ${direction} than everyone else`
    : `${label}: no clear difference from everyone else in ${measure.toLowerCase()}`
  const p =
    c.pValue === null
      ? ''
      : c.pValue < 0.001
        ? ' (p < 0.001 after Holm’s correction)'
        : ` (p = ${c.pValue.toFixed(3)} after Holm’s correction)`
  return `${head}: ${f(c.rate)} (${f(c.ciLow)} to ${f(c.ciHigh)}) against ${f(c.rest.rate)} (${f(c.rest.ciLow)} to ${f(c.rest.ciHigh)})${c.significant ? p : ', a gap chance alone could give'}.`
}

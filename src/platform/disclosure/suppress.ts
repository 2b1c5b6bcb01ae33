/**
 * Primary and secondary suppression of one table of counts with its published totals.
 *
 * Primary: every count from 1 to threshold − 1. Secondary: while any withheld cell could be worked
 * out from the published cells through the table's sums (linear.ts), withhold one more published
 * cell that shares a sum with it. Finding the fewest such cells is NP-hard in general (it is the
 * cell suppression problem of Fischetti and Salazar-González); this is the usual greedy answer:
 * at each step, among the smallest candidates in the exposed cell's sums, take the one that
 * leaves fewest cells exposed, preferring inner cells to totals and non-zero cells to zeros (a
 * withheld zero protects little: it is often guessed). Each step withholds one more cell, so it
 * ends, and it ends only when nothing withheld is recoverable.
 */
import { fixedUnknowns } from './linear.ts'
import { isSmall, type DisclosurePolicy } from './policy.ts'

export interface Sum {
  total: string
  parts: readonly string[]
}

export interface Suppression {
  withheld: Set<string>
  primary: Set<string>
  secondary: Set<string>
}

/** Cells that a reader of every published value and every sum could recompute exactly. */
export function recoverable(sums: readonly Sum[], withheld: ReadonlySet<string>): Set<string> {
  const index = new Map<string, number>()
  const id = (c: string) => {
    let i = index.get(c)
    if (i === undefined) index.set(c, (i = index.size))
    return i
  }
  const rows: Map<number, number>[] = []
  for (const s of sums) {
    const row = new Map<number, number>()
    const add = (c: string, v: number) => {
      if (!withheld.has(c)) return
      const i = id(c)
      row.set(i, (row.get(i) ?? 0) + v)
    }
    add(s.total, 1)
    for (const p of s.parts) add(p, -1)
    if ([...row.values()].some((v) => v !== 0)) rows.push(row)
  }
  const names = [...index.keys()]
  return new Set([...fixedUnknowns(rows, names.length)].map((i) => names[i]!))
}

const CANDIDATES = 6

export function suppressTable(
  values: ReadonlyMap<string, number>,
  sums: readonly Sum[],
  policy: DisclosurePolicy,
  /** Cells withheld for another reason (e.g. a rate's denominator), treated as primary. */
  alsoWithhold: Iterable<string> = [],
): Suppression {
  const primary = new Set<string>([...values].filter(([, v]) => isSmall(v, policy)).map(([k]) => k))
  for (const c of alsoWithhold) if (values.has(c)) primary.add(c)
  const withheld = new Set(primary)
  const secondary = new Set<string>()
  const totals = new Set(sums.map((s) => s.total))
  const cellsOf = (s: Sum) => [s.total, ...s.parts]
  const rank = (c: string) =>
    [values.get(c) === 0 ? 1 : 0, totals.has(c) ? 1 : 0, values.get(c) ?? 0] as const
  const byRank = (a: string, b: string) => {
    const ra = rank(a)
    const rb = rank(b)
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || a.localeCompare(b)
  }
  const hiddenIn = (s: Sum) => cellsOf(s).filter((c) => withheld.has(c)).length
  const sumsWith = new Map<string, Sum[]>()
  for (const s of sums) for (const c of cellsOf(s)) sumsWith.set(c, [...(sumsWith.get(c) ?? []), s])
  const withhold = (c: string) => (withheld.add(c), secondary.add(c))
  for (;;) {
    // First the line rule: a sum with exactly one withheld cell gives it away, so withhold a
    // second one there, preferring a cell whose other sums already hold a withheld cell (it then
    // closes a rectangle instead of opening a new line), then the smallest.
    const line = sums.find((s) => hiddenIn(s) === 1)
    if (line) {
      const opens = (c: string) =>
        (sumsWith.get(c) ?? []).filter((s) => s !== line && hiddenIn(s) === 0).length
      const pool = cellsOf(line).filter((c) => !withheld.has(c) && values.has(c))
      if (pool.length) {
        withhold(pool.sort((a, b) => opens(a) - opens(b) || byRank(a, b))[0]!)
        continue
      }
    }
    // Then the exact test: two or more withheld per line can still be recovered by combining
    // lines (a withheld cell that bridges two groups). Withhold the candidate that leaves fewest.
    const exposed = [...recoverable(sums, withheld)].sort()
    if (!exposed.length) break
    const target = exposed[0]!
    let pool = [...new Set((sumsWith.get(target) ?? []).flatMap(cellsOf))].filter(
      (c) => !withheld.has(c) && values.has(c),
    )
    if (!pool.length) pool = [...values.keys()].filter((c) => !withheld.has(c) && sumsWith.has(c))
    if (!pool.length) break
    let best = ''
    let bestLeft = Infinity
    for (const c of pool.sort(byRank).slice(0, CANDIDATES)) {
      withheld.add(c)
      const left = recoverable(sums, withheld).size
      withheld.delete(c)
      if (left < bestLeft) [best, bestLeft] = [c, left]
    }
    withhold(best)
  }
  return { withheld, primary, secondary }
}

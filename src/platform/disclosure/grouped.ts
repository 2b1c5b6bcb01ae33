/**
 * Disclosure control for the shape every aggregate here takes: cells keyed by one value per
 * dimension, '*' for "all" (a margin or the overall total), each holding several counts
 * (numerator, denominator, unknown...). The sums are read off the keys: a cell with '*' in a
 * dimension is the sum of the published cells that agree with it elsewhere and name a value
 * there. So a one-way split with its total is [g] and [*]; a crossed split with both margins and
 * the overall figure is [a,b], [a,*], [*,b], [*,*]; two splits of the same total on one page (PDUs
 * and prisons of a region) are [pdu,*], [*,prison] and [*,*]. Each count column is protected on
 * its own sums, and then a rate is published only when both its counts are.
 */
import { disclosurePolicy, roundCount, type DisclosurePolicy } from './policy.ts'
import { suppressTable, type Sum } from './suppress.ts'

export const ALL = '*'

export interface GroupedCell<C extends string> {
  key: readonly string[]
  counts: Record<C, number>
}

export interface ProtectedCell<C extends string> {
  key: readonly string[]
  /** Each count, or null when withheld (shown as the symbol, never 0). */
  counts: Record<C, number | null>
  /** The rate numerator / denominator × 100, or null when withheld or there is no denominator. */
  rate: number | null
  /** True when any count of the cell, or its rate, is withheld. */
  suppressed: boolean
  rateSuppressed: boolean
}

const idOf = (column: string, key: readonly string[]) => `${column}|${key.join('\u0001')}`

/** The sums a reader can form from the keys (see the module comment). */
export function sumsOf(keys: readonly (readonly string[])[], column: string): Sum[] {
  // Each cell is a part of the cell that has '*' in its place at each of its named positions;
  // indexing parts by that parent keeps this linear in the number of cells.
  const partsOf = new Map<string, (readonly string[])[]>()
  for (const o of keys)
    o.forEach((v, p) => {
      if (v === ALL) return
      const parent = `${p}#${o.map((x, q) => (q === p ? ALL : x)).join('\u0001')}`
      const list = partsOf.get(parent)
      if (list) list.push(o)
      else partsOf.set(parent, [o])
    })
  const sums: Sum[] = []
  for (const key of keys) {
    key.forEach((v, p) => {
      if (v !== ALL) return
      const parts = partsOf.get(`${p}#${key.join('\u0001')}`)
      if (parts?.length) sums.push({ total: idOf(column, key), parts: parts.map((o) => idOf(column, o)) })
    })
  }
  return sums
}

export function protectGrouped<C extends string>(
  cells: readonly GroupedCell<C>[],
  columns: readonly C[],
  rate: { numerator: C; denominator: C } | null,
  policy: DisclosurePolicy = disclosurePolicy(),
): ProtectedCell<C>[] {
  const keys = cells.map((c) => c.key)
  const withheld = new Set<string>()
  for (const column of columns) {
    const values = new Map(cells.map((c) => [idOf(column, c.key), c.counts[column]]))
    for (const id of suppressTable(values, sumsOf(keys, column), policy).withheld) withheld.add(id)
  }
  return cells.map((c) => {
    const counts = {} as Record<C, number | null>
    let any = false
    for (const column of columns) {
      const hidden = withheld.has(idOf(column, c.key))
      any ||= hidden
      counts[column] = hidden ? null : roundCount(c.counts[column], policy)
    }
    let value: number | null = null
    let rateSuppressed = false
    if (rate) {
      const d = c.counts[rate.denominator]
      const hidden = counts[rate.numerator] === null || counts[rate.denominator] === null
      // A rate beside its denominator gives the numerator back, and beside its numerator the
      // denominator: it is published only when both counts are (and the denominator reaches the
      // threshold, which primary suppression of the denominator already ensures for d > 0).
      rateSuppressed = d > 0 && (hidden || d < policy.threshold)
      if (d > 0 && !rateSuppressed) value = (100 * c.counts[rate.numerator]) / d
    }
    return { key: c.key, counts, rate: value, suppressed: any || rateSuppressed, rateSuppressed }
  })
}

/**
 * The pre-release measures as published (issue 14): every count through the one disclosure module
 * (platform/disclosure), every rate with its denominator and a 95% Wilson interval
 * (platform/statistics).
 *
 * A measure's cell is three counts tied together: releases = met + not met. The page links to the
 * people who met it and to those who did not, so both counts are in reach; a withheld "met" would
 * come back as releases − not met. So a cell's measure is published only when all three are, and
 * the secondary suppression of each column is re-run with every cell hidden for any of these
 * reasons until nothing changes (hiding only ever grows, so it ends). The groups sum to the total
 * row, which is what secondary suppression protects.
 */
import {
  ALL,
  disclosurePolicy,
  suppressTable,
  type DisclosurePolicy,
  type Sum,
} from '../../platform/disclosure/index.ts'
import { wilson } from '../../platform/statistics/index.ts'

export interface MeasureGroup<M extends string> {
  code: string
  name: string
  releases: number
  met: Record<M, number>
}

export interface PublishedFigure {
  /** Null when withheld. */
  met: number | null
  notMet: number | null
  /** Per cent, null when withheld or no releases. */
  rate: number | null
  ciLow: number | null
  ciHigh: number | null
  suppressed: boolean
}

export interface PublishedGroup<M extends string> {
  code: string
  name: string
  releases: number | null
  figures: Record<M, PublishedFigure>
}

export function publishMeasures<M extends string>(
  groups: readonly MeasureGroup<M>[],
  total: MeasureGroup<M>,
  measures: readonly M[],
  policy: DisclosurePolicy = disclosurePolicy(),
): { rows: PublishedGroup<M>[]; total: PublishedGroup<M> } {
  const all = [...groups, total]
  const id = (i: number) => (i === groups.length ? ALL : (groups[i]?.code ?? ALL))
  // The one sum a reader can form: the groups add up to the total row.
  const sums: Sum[] = [{ total: ALL, parts: groups.map((_, i) => id(i)) }]
  const columns: { name: string; value: (g: MeasureGroup<M>) => number; measure?: M }[] = [
    { name: 'releases', value: (g) => g.releases },
    ...measures.flatMap((m) => [
      { name: `${m}:met`, value: (g: MeasureGroup<M>) => g.met[m], measure: m },
      { name: `${m}:not`, value: (g: MeasureGroup<M>) => g.releases - g.met[m], measure: m },
    ]),
  ]
  // Hidden cells: the releases column, and per measure.
  const hiddenReleases = new Set<string>()
  const hidden = new Map<M, Set<string>>(measures.map((m) => [m, new Set<string>()]))
  for (let changed = true; changed;) {
    changed = false
    for (const column of columns) {
      const values = new Map(all.map((g, i) => [id(i), column.value(g)]))
      const forced = column.measure
        ? [...(hidden.get(column.measure) ?? []), ...hiddenReleases]
        : [...hiddenReleases]
      const { withheld } = suppressTable(values, sums, policy, forced)
      const into = column.measure ? hidden.get(column.measure) : hiddenReleases
      for (const cell of withheld)
        if (into && !into.has(cell)) {
          into.add(cell)
          changed = true
        }
    }
  }
  const publish = (g: MeasureGroup<M>, i: number): PublishedGroup<M> => {
    const cell = id(i)
    const figures = {} as Record<M, PublishedFigure>
    for (const m of measures) {
      const withheld = hiddenReleases.has(cell) || Boolean(hidden.get(m)?.has(cell))
      // A rate on fewer releases than the threshold says too much about too few people.
      const rated = !withheld && g.releases >= policy.threshold
      const ci = rated ? wilson(g.met[m], g.releases) : null
      figures[m] = {
        met: withheld ? null : g.met[m],
        notMet: withheld ? null : g.releases - g.met[m],
        rate: rated ? (100 * g.met[m]) / g.releases : null,
        ciLow: ci ? 100 * ci.low : null,
        ciHigh: ci ? 100 * ci.high : null,
        suppressed: withheld || (g.releases > 0 && !rated),
      }
    }
    return { code: g.code, name: g.name, releases: hiddenReleases.has(cell) ? null : g.releases, figures }
  }
  return { rows: groups.map(publish), total: publish(total, groups.length) }
}

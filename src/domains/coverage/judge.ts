/**
 * From the rows read to each release's needs, gaps and overlaps (rules.ts), and from those to
 * the report by area and pathway, through the one disclosure module: counts of 1 to 4 are
 * withheld, and so is any figure that would let a withheld one be worked out from the totals.
 */
import { disclosurePolicy, suppressTable, type Sum } from '../../platform/disclosure/index.ts'
import { wilson, type Interval } from '../../platform/statistics/index.ts'
import type { ArrangedRow, EpisodeRow } from './repository.ts'
import { gapsOf, overlapsOf, PATHWAYS, type Overlap, type Pathway } from './rules.ts'

export interface Judged {
  episode: EpisodeRow
  needs: Pathway[]
  gaps: Pathway[]
  overlaps: Overlap[]
}

export function judge(
  data: { episodes: EpisodeRow[]; needs: { episodeId: string; pathway: Pathway }[]; arranged: ArrangedRow[] },
  graceDays: number,
  today: number,
): Judged[] {
  const needs = new Map<string, Pathway[]>()
  for (const n of data.needs) needs.set(n.episodeId, [...(needs.get(n.episodeId) ?? []), n.pathway])
  const arranged = new Map<string, ArrangedRow[]>()
  for (const a of data.arranged) arranged.set(a.episodeId, [...(arranged.get(a.episodeId) ?? []), a])
  return data.episodes.map((episode) => {
    const mine = arranged.get(episode.id) ?? []
    const own = needs.get(episode.id) ?? []
    return {
      episode,
      needs: own,
      gaps: gapsOf(
        { release: episode.release, needs: own, arranged: mine.map((a) => ({ pathway: a.pathway, on: a.from })) },
        graceDays,
        today,
      ),
      overlaps: overlapsOf(mine.filter((a) => a.kind === 'service')),
    }
  })
}

export interface ReportCell {
  area: string
  pathway: Pathway
  needs: number | null
  gaps: number | null
  rate: { value: number; interval: Interval | null } | null
  overlaps: number | null
}

/** Needs, gaps and people with overlapping services by area and pathway, with an all-areas row. */
export function report(judged: readonly Judged[], areaOf: (e: EpisodeRow) => string, threshold: number): ReportCell[] {
  const policy = disclosurePolicy({ threshold })
  const count = { needs: new Map<string, number>(), gaps: new Map<string, number>(), overlaps: new Map<string, number>() }
  const areas = new Set<string>()
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1)
  for (const j of judged) {
    const a = areaOf(j.episode)
    areas.add(a)
    for (const p of new Set(j.needs)) for (const k of [`${a}|${p}`, `ALL|${p}`]) bump(count.needs, k)
    for (const p of j.gaps) for (const k of [`${a}|${p}`, `ALL|${p}`]) bump(count.gaps, k)
    for (const p of new Set(j.overlaps.map((o) => o.pathway))) for (const k of [`${a}|${p}`, `ALL|${p}`]) bump(count.overlaps, k)
  }
  const keys = [...areas, 'ALL'].flatMap((a) => PATHWAYS.map((p) => `${a}|${p}`))
  const sums: Sum[] = PATHWAYS.map((p) => ({ total: `ALL|${p}`, parts: [...areas].map((a) => `${a}|${p}`) }))
  const protect = (m: Map<string, number>) => {
    const values = new Map(keys.map((k) => [k, m.get(k) ?? 0]))
    const { withheld } = suppressTable(values, sums, policy)
    return (k: string) => (withheld.has(k) ? null : (values.get(k) ?? 0))
  }
  const needs = protect(count.needs)
  const gaps = protect(count.gaps)
  const overlaps = protect(count.overlaps)
  return [...areas, 'ALL'].flatMap((area) =>
    PATHWAYS.map((pathway) => {
    const k = `${area}|${pathway}`
    const n = needs(k)
    const g = gaps(k)
    // A rate only beside published counts, and on at least `threshold` needs.
    const rate = n !== null && g !== null && n >= threshold ? { value: g / n, interval: wilson(g, n) } : null
    return { area, pathway, needs: n, gaps: g, rate, overlaps: overlaps(k) }
  }),
  )
}

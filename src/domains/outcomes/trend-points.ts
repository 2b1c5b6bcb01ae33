import { applyOffset } from './checkpoints.ts'
import { figureOf } from './figures.ts'
import { periodLabel } from './measures.ts'
import type { StatusedCell } from './publication.ts'

const nextPeriod = (p: string, unit: 'quarter' | 'month') =>
  applyOffset(p, { months: unit === 'quarter' ? 3 : 1 })

/**
 * A trend chart's points: every period from the first to the last, so a period with no figure is
 * a gap in the line rather than two periods joined; a withheld rate is no point (figureOf applies
 * the disclosure rule), and a provisional period is drawn hollow.
 */
export function trendPoints(cells: readonly StatusedCell[], unit: 'quarter' | 'month', threshold: number) {
  const sorted = [...cells].sort((a, b) => a.period.localeCompare(b.period))
  const out = []
  for (let p = sorted[0]?.period; p && p <= (sorted.at(-1)?.period ?? ''); p = nextPeriod(p, unit)) {
    const c = sorted.find((x) => x.period === p)
    out.push({
      label: periodLabel(p, unit),
      rate: figureOf(c, threshold).rate,
      provisional: c?.status === 'provisional',
    })
  }
  return out
}

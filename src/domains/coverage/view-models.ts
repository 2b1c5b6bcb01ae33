/**
 * The overlaps-and-gaps page as tables: the report by area and pathway (counts through the
 * disclosure module, each gap rate with its denominator and 95% interval) and the worklist of
 * people with gaps due for release soon. Downloads write the same objects.
 */
import { disclosurePolicy } from '../../platform/disclosure/index.ts'
import type { Table } from '../../platform/table/index.ts'
import type { ReportCell } from './judge.ts'
import { PATHWAY_LABELS, type Pathway } from './rules.ts'

const WITHHELD = '[c]'
const pct = (x: number) => `${(100 * x).toFixed(1)}%`
const pathways = (ps: readonly Pathway[]) => ps.map((p) => PATHWAY_LABELS[p]).join('; ')

export function reportTable(
  cells: readonly ReportCell[],
  names: Map<string, string>,
  areaHead: string,
  threshold: number,
): Table<ReportCell> {
  return {
    id: 'report',
    caption: `Needs, gaps and overlapping services by ${areaHead.toLowerCase()} and pathway, releases in the last 12 months`,
    columns: [
      { key: 'area', label: areaHead, value: (c) => (c.area === 'ALL' ? 'All areas in view' : (names.get(c.area) ?? c.area)) },
      { key: 'pathway', label: 'Pathway', value: (c) => PATHWAY_LABELS[c.pathway] },
      { key: 'needs', label: 'Releases with the need', value: (c) => c.needs ?? WITHHELD, format: 'count' },
      { key: 'gaps', label: 'With a gap', value: (c) => c.gaps ?? WITHHELD, format: 'count' },
      {
        key: 'rate',
        label: 'Gap rate (95% confidence interval)',
        value: (c) =>
          c.rate
            ? `${pct(c.rate.value)}${c.rate.interval ? ` (${pct(c.rate.interval.low)} to ${pct(c.rate.interval.high)})` : ''}`
            : WITHHELD,
      },
      { key: 'overlaps', label: 'With services overlapping', value: (c) => c.overlaps ?? WITHHELD, format: 'count' },
    ],
    rows: cells.filter((c) => c.needs !== 0 || c.overlaps !== 0),
    notes: [disclosurePolicy({ threshold }).footnote],
  }
}

export interface WorklistRow {
  name: string
  release: string
  gaps: Pathway[]
  uncommissioned: Pathway[]
  episode: { personId: string }
}

export function worklistTable(rows: readonly WorklistRow[], weeks: number): Table<WorklistRow> {
  return {
    id: 'worklist',
    caption: `People due for release in the next ${weeks} weeks with a need and nothing arranged for it`,
    columns: [
      { key: 'name', label: 'Person', value: (r) => r.name, href: (r) => `/coverage/people/${r.episode.personId}` },
      { key: 'release', label: 'Release date', value: (r) => r.release, format: 'date' },
      { key: 'gaps', label: 'Needs with nothing arranged', value: (r) => pathways(r.gaps) },
      {
        key: 'uncommissioned',
        label: 'Of those, no CRS service commissioned in their region',
        value: (r) => pathways(r.uncommissioned) || 'None',
      },
    ],
    rows,
  }
}

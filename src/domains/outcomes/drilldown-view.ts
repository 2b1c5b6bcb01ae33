import { EMPLOYMENT_STATUSES, SOURCES, TREATMENT_STATUSES } from '../status/vocabulary.ts'
import type { DrillRow } from './repository.ts'
import { lineTable, type LineTable } from './lines.ts'
import { formatNumber, rateOf } from './targets.ts'
import { formatDayMonthYear } from '../../platform/calendar/index.ts'

const EXCLUSIONS: Record<string, string> = {
  rotl: 'Excluded: release on temporary licence',
  same_day_recall: 'Excluded: recalled on the day of release',
  out_of_scope: 'Excluded: out of scope',
  case_ended: 'Excluded: case ended before the checkpoint',
}

const COUNTED = {
  numerator: 'Counted in the numerator',
  denominator: 'Counted in the denominator only',
  unknown: 'Unknown status: reported separately',
}

export function statusLabel(
  r: Pick<DrillRow, 'value' | 'accommodation_name' | 'n'>,
  reoffending: boolean,
): string {
  if (reoffending)
    return r.n > 0
      ? `Reoffended (${r.n} proven ${r.n === 1 ? 'offence' : 'offences'})`
      : 'No proven reoffence'
  if (r.value === null) return 'No status recorded'
  if (r.accommodation_name) return `${r.accommodation_name} (${r.value.replace('_', ' ')})`
  const vocab = { ...EMPLOYMENT_STATUSES, ...TREATMENT_STATUSES } as Record<
    string,
    { label: string } | undefined
  >
  return vocab[r.value]?.label ?? DERIVED[r.value] ?? r.value
}

/** Values the facts derive rather than read from one event (migration 0013_1). */
const DERIVED: Record<string, string> = {
  custody: 'Back in custody (licence recalled)',
  engaged_before_release: 'Engagement dated before release only (not counted)',
}

const longDate = (iso: string) => formatDayMonthYear(iso)

export function releasesTable(rows: DrillRow[], reoffending: boolean): LineTable {
  return lineTable(
    'releases',
    'The releases behind this figure',
    [
      ['person', 'Person', 'text', true],
      ['released', 'Release date', 'text', true],
      ['status', 'Status at the checkpoint', 'text', true],
      ['counted', 'How it counts', 'text', true],
      ['source', 'Source event'],
    ],
    rows.map((r) => ({
      person: `${r.family_name}, ${r.given_name}`,
      'person:href': `/people/${r.person_id}`,
      released: longDate(r.release_date),
      'released:sort': r.release_date,
      // How the release counted, for the page's "counted" choice (not a column).
      countedAs: r.counted,
      status: statusLabel(r, reoffending),
      counted: r.excluded
        ? (EXCLUSIONS[r.excluded] ?? r.excluded)
        : r.counted === 'excluded'
          ? 'Excluded: out of this measure (for example not available for work or back in custody)'
          : COUNTED[r.counted],
      source:
        r.event_date && r.event_source
          ? `${SOURCES[r.event_source as keyof typeof SOURCES] ?? r.event_source}, ${longDate(r.event_date)}`
          : reoffending
            ? 'Offence records'
            : 'None',
    })),
  )
}

export function terminationsTable(
  rows: {
    person_id: string
    given_name: string
    family_name: string
    label: string
    terminated_on: string
    counted: boolean
  }[],
): LineTable {
  return lineTable(
    'terminations',
    'The terminations behind this figure',
    [
      ['person', 'Person'],
      ['label', 'Order, licence or programme'],
      ['ended', 'Ended'],
      ['counted', 'How it counts'],
    ],
    rows.map((r) => ({
      person: `${r.family_name}, ${r.given_name}`,
      'person:href': `/people/${r.person_id}`,
      label: r.label.replaceAll('_', ' '),
      ended: longDate(r.terminated_on),
      counted: r.counted ? 'Counted in the numerator' : 'Counted in the denominator only',
    })),
  )
}

export const DRILL_PAGE_SIZE = 100

export function drillSummary(counts: Record<DrillRow['counted'], number>) {
  return {
    releases: counts.numerator + counts.denominator + counts.unknown + counts.excluded,
    numerator: counts.numerator,
    denominator: counts.numerator + counts.denominator,
    unknown: counts.unknown,
    excluded: counts.excluded,
  }
}

/** Terminations count whole: every one is in the denominator, the completed ones in the numerator. */
export function terminationSummary(rows: { counted: boolean }[]): ReturnType<typeof drillSummary> {
  return {
    releases: rows.length,
    numerator: rows.filter((r) => r.counted).length,
    denominator: rows.length,
    unknown: 0,
    excluded: 0,
  }
}

/** The figure and its parts, above the list behind it. */
export function summaryRows(counts: ReturnType<typeof drillSummary>) {
  const rate = counts.denominator
    ? `${formatNumber(rateOf(counts.numerator, counts.denominator))}%`
    : 'No data'
  return [
    { key: { text: 'Rate' }, value: { text: rate } },
    { key: { text: 'Numerator' }, value: { text: String(counts.numerator) } },
    { key: { text: 'Denominator' }, value: { text: String(counts.denominator) } },
    { key: { text: 'Unknown status (reported separately)' }, value: { text: String(counts.unknown) } },
    { key: { text: 'Excluded' }, value: { text: String(counts.excluded) } },
  ]
}

const COUNTED_FILTERS: [DrillRow['counted'] | undefined, string][] = [
  [undefined, 'All releases'],
  ['numerator', 'In the numerator'],
  ['denominator', 'In the denominator only'],
  ['unknown', 'Unknown status'],
  ['excluded', 'Excluded'],
]

/** Links to the other pages, and to the releases counted each way, keeping the rest of the query. */
export function drillPages(
  url: string,
  page: number,
  pages: number,
  counted: DrillRow['counted'] | undefined,
  counts: Record<DrillRow['counted'], number>,
) {
  const link = (changes: Record<string, string | undefined>) => {
    const u = new URL(url, 'http://resettle.invalid')
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) u.searchParams.delete(k)
      else u.searchParams.set(k, v)
    }
    return `${u.pathname}${u.search}`
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  return {
    pagination: {
      previous: page > 1 ? { href: link({ page: String(page - 1) }) } : undefined,
      next: page < pages ? { href: link({ page: String(page + 1) }) } : undefined,
    },
    pageText: pages > 1 ? `Page ${page} of ${pages}` : '',
    countedLinks: COUNTED_FILTERS.map(([key, label]) => ({
      text: `${label} (${(key ? counts[key] : total).toLocaleString('en-GB')})`,
      href: link({ counted: key, page: undefined }),
      current: key === counted,
    })),
  }
}

import { EMPLOYMENT_STATUSES, SOURCES, TREATMENT_STATUSES } from '../status/vocabulary.ts'
import type { DrillRow } from './repository.ts'
import type { DataTable } from './tables-export.ts'

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
  return vocab[r.value]?.label ?? r.value
}

const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })

export function releasesTable(rows: DrillRow[], reoffending: boolean): DataTable {
  return {
    id: 'releases',
    caption: 'The releases behind this figure',
    head: ['Person', 'Release date', 'Status at the checkpoint', 'How it counts', 'Source event'],
    rows: rows.map((r) => [
      { text: `${r.family_name}, ${r.given_name}`, href: `/people/${r.person_id}` },
      { text: longDate(r.release_date) },
      { text: statusLabel(r, reoffending) },
      {
        text: r.excluded
          ? (EXCLUSIONS[r.excluded] ?? r.excluded)
          : r.counted === 'excluded'
            ? 'Excluded: out of this measure (for example not available for work or back in custody)'
            : COUNTED[r.counted],
      },
      {
        text:
          r.event_date && r.event_source
            ? `${SOURCES[r.event_source as keyof typeof SOURCES] ?? r.event_source}, ${longDate(r.event_date)}`
            : reoffending
              ? 'Offence records'
              : 'None',
      },
    ]),
  }
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
): DataTable {
  return {
    id: 'terminations',
    caption: 'The terminations behind this figure',
    head: ['Person', 'Order, licence or programme', 'Ended', 'How it counts'],
    rows: rows.map((r) => [
      { text: `${r.family_name}, ${r.given_name}`, href: `/people/${r.person_id}` },
      { text: r.label.replaceAll('_', ' ') },
      { text: longDate(r.terminated_on) },
      { text: r.counted ? 'Counted in the numerator' : 'Counted in the denominator only' },
    ]),
  }
}

export function drillSummary(rows: DrillRow[]) {
  const count = (k: DrillRow['counted']) => rows.filter((r) => r.counted === k).length
  const numerator = count('numerator')
  const denominator = numerator + count('denominator')
  return {
    releases: rows.length,
    numerator,
    denominator,
    unknown: count('unknown'),
    excluded: count('excluded'),
  }
}

import type { OrganisationKind } from '../../platform/db/schema.ts'
import { KIND_LABELS, KINDS } from './schemas.ts'

type ListRow = {
  id: string
  kind: OrganisationKind
  name: string
  prison_code: string | null
  pdu_code: string | null
  region_code: string | null
  local_authority_code: string | null
  user_count: number
}

/** The register code that defines each kind's scope; providers, health and national have none. */
function referenceCode(row: ListRow): string | null {
  switch (row.kind) {
    case 'prison':
      return row.prison_code
    case 'pdu':
      return row.pdu_code
    case 'probation_region':
      return row.region_code
    case 'council':
      return row.local_authority_code
    case 'provider':
    case 'health':
    case 'national':
      return null
  }
}

export function organisationRows(rows: ListRow[]) {
  return rows.map((r) => ({
    id: r.id,
    kind: KIND_LABELS[r.kind],
    name: r.name,
    code: referenceCode(r),
    users: r.user_count,
  }))
}

export const kindOptions = (selected: unknown) => [
  { value: '', text: 'All kinds' },
  ...KINDS.map((kind) => ({ value: kind, text: KIND_LABELS[kind], selected: kind === selected })),
]

/** Organisations grouped by kind, for the grouped select in the user and token forms. */
export function organisationGroups(
  choices: { id: string; kind: OrganisationKind; name: string }[],
  selected: unknown,
) {
  return KINDS.map((kind) => ({
    label: KIND_LABELS[kind],
    options: choices
      .filter((c) => c.kind === kind)
      .map((c) => ({ value: c.id, text: c.name, selected: c.id === selected })),
  })).filter((g) => g.options.length > 0)
}

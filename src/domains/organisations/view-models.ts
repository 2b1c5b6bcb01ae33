import type { OrganisationKind } from '../../platform/db/schema.ts'
import { KIND_LABELS, KINDS } from './schemas.ts'

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

import type { OrganisationKind, Role } from '../../platform/db/schema.ts'
import { ROLE_NAMES, ROLES } from '../../platform/auth/roles.ts'
import { KIND_LABELS } from '../organisations/schemas.ts'
import { organisationGroups } from '../organisations/view-models.ts'

type Choice = { id: string; kind: OrganisationKind; name: string }

export type AccountStatus = { text: string; tag: string; lockedUntil: Date | null }

/** Inactive outranks locked: an inactive account cannot sign in whatever its lock says. */
export function accountStatus(
  user: { active: boolean; locked_until: Date | null },
  now: Date,
): AccountStatus {
  if (!user.active) return { text: 'Inactive', tag: 'govuk-tag--grey', lockedUntil: null }
  if (user.locked_until && user.locked_until > now)
    return { text: 'Locked', tag: 'govuk-tag--red', lockedUntil: user.locked_until }
  return { text: 'Active', tag: 'govuk-tag--green', lockedUntil: null }
}

/** Each role says which kind of organisation it belongs to, so the pairing is chosen right first time. */
export function roleOptions(selected: unknown) {
  return [
    { value: '', text: 'Select a role' },
    ...ROLE_NAMES.map((role) => ({
      value: role,
      // "Community Offender Manager – Probation Delivery Unit (PDU)": the kind keeps its own
      // capitals and brackets, which lower-casing inside a second pair of brackets garbled.
      text: `${ROLES[role].label} – ${ROLES[role].organisationKinds.map((k) => KIND_LABELS[k]).join(' or ')}`,
      selected: role === selected,
    })),
  ]
}

/**
 * The choice lists of the user and token forms. Which option is selected is read from the form's
 * values in the template, so a re-rendered form (platform/http/form-page.ts) keeps the choice.
 */
export function accessFormContext(choices: Choice[]) {
  return { organisationGroups: organisationGroups(choices, undefined), roleOptions: roleOptions(undefined) }
}

export function editFormValues(user: {
  name: string
  organisation_id: string
  role: Role
  active: boolean
  version: number
}) {
  return {
    name: user.name,
    organisationId: user.organisation_id,
    role: user.role,
    active: String(user.active),
    version: user.version,
  }
}

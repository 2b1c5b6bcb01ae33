import type { OrganisationKind, Role } from '../db/schema.ts'

/** Whose records an actor may see, derived from their organisation. */
export type Scope =
  | { level: 'national' }
  | { level: 'prison'; prisonCode: string }
  | { level: 'pdu'; pduCode: string }
  | { level: 'region'; regionCode: string }
  | { level: 'council'; localAuthorityCode: string }
  | { level: 'provider'; organisationId: string }
  | { level: 'health'; organisationId: string }

/** A signed-in user or an API client, as every use case sees them. */
export interface Actor {
  via: 'session' | 'token'
  userId: string | null
  tokenId: string | null
  name: string
  email: string | null
  organisationId: string
  organisationName: string
  organisationKind: OrganisationKind
  role: Role
  scope: Scope
}

/** What a use case needs to know about the caller: who, and through which page or endpoint. */
export interface RequestContext {
  actor: Actor
  route: string
}

export interface OrganisationScopeFields {
  id: string
  kind: OrganisationKind
  prison_code: string | null
  pdu_code: string | null
  region_code: string | null
  local_authority_code: string | null
}

export function scopeOf(org: OrganisationScopeFields): Scope {
  switch (org.kind) {
    case 'national':
      return { level: 'national' }
    case 'prison':
      return { level: 'prison', prisonCode: org.prison_code ?? '' }
    case 'pdu':
      return { level: 'pdu', pduCode: org.pdu_code ?? '' }
    case 'probation_region':
      return { level: 'region', regionCode: org.region_code ?? '' }
    case 'council':
      return { level: 'council', localAuthorityCode: org.local_authority_code ?? '' }
    case 'provider':
      return { level: 'provider', organisationId: org.id }
    case 'health':
      return { level: 'health', organisationId: org.id }
  }
}

import { sql, type Expression, type RawBuilder } from 'kysely'
import type { Scope } from './actor.ts'

/**
 * The one scope predicate. Every read of people or custody episodes filters through these, so
 * a record outside the actor's scope is indistinguishable from a missing one.
 *
 * `episodeInScope` tests a custody_episode row under `alias`; the person forms ask whether any
 * of the person's episodes is in scope (a prison keeps seeing a person it released).
 */
export function episodeInScope(scope: Scope, alias: string): RawBuilder<boolean> {
  const col = (name: string) => sql.ref(`${alias}.${name}`)
  switch (scope.level) {
    case 'national':
      return sql<boolean>`true`
    case 'prison':
      return sql<boolean>`${col('prison_code')} = ${scope.prisonCode}`
    case 'pdu':
      return sql<boolean>`${col('pdu_code')} = ${scope.pduCode}`
    case 'region':
      return sql<boolean>`${col('region_code')} = ${scope.regionCode}`
    case 'council':
      return sql<boolean>`${col('local_authority_code')} = ${scope.localAuthorityCode}`
    // A provider's people come from referrals, not custody episodes: no episode is in a
    // provider's scope, and the person forms below find them by their 'provider:' key. Health
    // partners see people who consented to share with them (domain.md section 14); until consent
    // is recorded, that is nobody.
    case 'provider':
    case 'health':
      return sql<boolean>`false`
  }
}

/**
 * The key under which person.scope_keys lists an organisation's people. The format is the one
 * the person_scope_keys() SQL function writes (migration 0001, and 0004, which adds
 * 'provider:<organisation id>' for each referral sent to a provider: providers see exactly the
 * people referred to them); the access-matrix test holds the two together.
 */
export function scopeKey(scope: Scope): string | null {
  switch (scope.level) {
    case 'prison':
      return `prison:${scope.prisonCode}`
    case 'pdu':
      return `pdu:${scope.pduCode}`
    case 'region':
      return `region:${scope.regionCode}`
    case 'council':
      return `la:${scope.localAuthorityCode}`
    case 'provider':
      return `provider:${scope.organisationId}`
    case 'national':
    case 'health':
      return null
  }
}

/** Tests a person row under `alias`: any of their episodes in scope. */
export function personRowInScope(scope: Scope, alias: string): RawBuilder<boolean> {
  if (scope.level === 'national') return sql<boolean>`true`
  const key = scopeKey(scope)
  if (!key) return sql<boolean>`false`
  return sql<boolean>`${sql.ref(`${alias}.scope_keys`)} @> array[${key}]::text[]`
}

export function personInScope(scope: Scope, personId: Expression<string>): RawBuilder<boolean> {
  if (scope.level === 'national') return sql<boolean>`true`
  return sql<boolean>`exists (select 1 from person scope_p where scope_p.id = ${personId} and ${personRowInScope(scope, 'scope_p')})`
}

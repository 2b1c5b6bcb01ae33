import { sql, type Expression, type RawBuilder } from 'kysely'
import type { Scope } from './actor.ts'

/**
 * The one scope predicate. Every read of people or custody episodes filters through these, so
 * a record outside the actor's scope is indistinguishable from a missing one.
 *
 * `episodeInScope` tests a custody_episode row under `alias`; `personInScope` asks whether any
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
    // Providers see people referred to them, and health partners people who consented to share
    // with them (domain.md section 14). Until referrals and consent are recorded, that is nobody.
    case 'provider':
    case 'health':
      return sql<boolean>`false`
  }
}

export function personInScope(scope: Scope, personId: Expression<string>): RawBuilder<boolean> {
  if (scope.level === 'national') return sql<boolean>`true`
  return sql<boolean>`exists (select 1 from custody_episode scope_e where scope_e.person_id = ${personId} and ${episodeInScope(scope, 'scope_e')})`
}

import type { AuditLog } from '../../platform/audit/audit-log.ts'
import type { IdentityRepository } from './repository.ts'
import { identitySessions, type IdentitySettings } from './sessions.ts'
import { identityAdministration } from './administration.ts'

export type { IdentitySettings, SignInResult } from './sessions.ts'

/** Identity: who is signed in (sessions.ts) and the administration of users and tokens (administration.ts). */
export function identityService(repo: IdentityRepository, audit: AuditLog, settings: IdentitySettings) {
  return {
    ...identitySessions(repo, audit, settings),
    ...identityAdministration(repo, audit, settings),
  }
}

export type IdentityService = ReturnType<typeof identityService>

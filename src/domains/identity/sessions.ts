import { camelRow } from '../../platform/db/camel.ts'
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts'
import { scopeOf, type Actor, type RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import type { Role } from '../../platform/db/schema.ts'
import type { IdentityRepository } from './repository.ts'
import { hashSecret, newSecret } from './tokens.ts'

export interface IdentitySettings {
  sessionIdleMinutes: number
  sessionAbsoluteHours: number
  apiTokenDays: number
  lockout: { threshold: number; minutes: number }
}

type ActorRow = {
  id: string
  email: string
  name: string
  role: Role
  organisation_id: string
  organisation_name: string
  organisation_kind: Actor['organisationKind']
  prison_code: string | null
  pdu_code: string | null
  region_code: string | null
  local_authority_code: string | null
}

const ORGANISATION = ['organisation_id', 'organisation_name', 'organisation_kind'] as const

function userActor(row: ActorRow): Actor {
  return {
    via: 'session',
    userId: row.id,
    tokenId: null,
    name: row.name,
    email: row.email,
    ...camelRow(row, ORGANISATION),
    role: row.role,
    scope: scopeOf({ ...row, id: row.organisation_id, kind: row.organisation_kind }),
  }
}

// Verifying against a fixed hash when the email is unknown keeps response times alike, so timing
// does not reveal which addresses have accounts.
let dummyHash: Promise<string> | undefined

export type SignInResult =
  | { ok: true; sessionToken: string; actor: Actor }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; minutes: number }

/** Signing in (password or OpenID Connect), sessions with idle and absolute lifetimes, and API tokens. */
export function identitySessions(repo: IdentityRepository, audit: AuditLog, settings: IdentitySettings) {
  return {
    async signIn(email: string, password: string, route: string): Promise<SignInResult> {
      const user = await repo.findUserByEmail(email)
      if (!user || !user.active || !user.password_hash) {
        await verifyPassword(await (dummyHash ??= hashPassword('not-a-real-password')), password)
        await audit.recordAnonymous(route, {
          action: 'sign_in',
          recordType: 'user',
          outcome: 'denied',
          detail: 'unknown or inactive account',
        })
        return { ok: false, reason: 'invalid' }
      }
      const minutesLeft = (until: Date | null) =>
        until ? Math.ceil((until.getTime() - Date.now()) / 60_000) : 0
      if (user.locked_until && user.locked_until > new Date()) {
        await audit.recordAnonymous(route, {
          action: 'sign_in',
          recordType: 'user',
          recordId: user.id,
          userId: user.id,
          outcome: 'denied',
          detail: 'locked',
        })
        return { ok: false, reason: 'locked', minutes: minutesLeft(user.locked_until) }
      }
      if (!(await verifyPassword(user.password_hash, password))) {
        const after = await repo.recordFailedSignIn(
          user.id,
          settings.lockout.threshold,
          settings.lockout.minutes,
        )
        await audit.recordAnonymous(route, {
          action: 'sign_in',
          recordType: 'user',
          recordId: user.id,
          userId: user.id,
          outcome: 'denied',
          detail: `failed attempt ${after.failed_sign_ins}`,
        })
        if (after.locked_until && after.locked_until > new Date())
          return { ok: false, reason: 'locked', minutes: minutesLeft(after.locked_until) }
        return { ok: false, reason: 'invalid' }
      }
      await repo.recordSuccessfulSignIn(user.id)
      return this.startSession(userActor(user), route)
    },

    async startSession(
      actor: Actor,
      route: string,
    ): Promise<{ ok: true; sessionToken: string; actor: Actor }> {
      const sessionToken = newSecret('s_')
      await repo.createSession(hashSecret(sessionToken), actor.userId ?? '')
      await audit.record(
        { actor, route },
        { action: 'sign_in', recordType: 'user', recordId: actor.userId, outcome: 'allowed' },
      )
      return { ok: true, sessionToken, actor }
    },

    /** Signs in a user whom an OpenID Connect provider vouched for; the user must already exist here. */
    async signInWithOidc(claims: { sub: string; email?: string | undefined }, route: string) {
      let user = await repo.findUserByOidcSubject(claims.sub)
      if (!user && claims.email) {
        const byEmail = await repo.findUserByEmail(claims.email)
        if (byEmail?.active) {
          await repo.linkOidcSubject(byEmail.id, claims.sub)
          user = { id: byEmail.id, email: byEmail.email }
        }
      }
      const full = user ? await repo.findUserByEmail(user.email) : undefined
      if (!full || !full.active) {
        await audit.recordAnonymous(route, {
          action: 'sign_in',
          recordType: 'user',
          outcome: 'denied',
          detail: 'no account for identity provider subject',
        })
        return undefined
      }
      await repo.recordSuccessfulSignIn(full.id)
      return this.startSession(userActor(full), route)
    },

    /** The actor behind a session cookie, or null when it is unknown or idle too long. */
    async resumeSession(sessionToken: string): Promise<Actor | null> {
      const tokenHash = hashSecret(sessionToken)
      const row = await repo.findLiveSession(
        tokenHash,
        settings.sessionIdleMinutes,
        settings.sessionAbsoluteHours,
      )
      if (!row) {
        await repo.deleteSession(tokenHash)
        return null
      }
      // Writing on every request would double the work; a minute's precision is plenty for an idle timeout.
      if (Date.now() - row.last_seen_at.getTime() > 60_000) await repo.touchSession(tokenHash)
      return userActor(row)
    },

    async signOut(sessionToken: string, ctx: RequestContext | null) {
      await repo.deleteSession(hashSecret(sessionToken))
      if (ctx)
        await audit.record(ctx, {
          action: 'sign_out',
          recordType: 'user',
          recordId: ctx.actor.userId,
          outcome: 'allowed',
        })
    },

    async authenticateToken(bearer: string): Promise<Actor | null> {
      const row = await repo.findLiveToken(hashSecret(bearer))
      if (!row) return null
      await repo.touchToken(row.id)
      return {
        via: 'token',
        userId: null,
        tokenId: row.id,
        name: row.name,
        email: null,
        ...camelRow(row, ORGANISATION),
        role: row.role,
        scope: scopeOf({ ...row, id: row.organisation_id, kind: row.organisation_kind }),
      }
    },

    deleteIdleSessions: () => repo.deleteIdleSessions(settings.sessionIdleMinutes),
  }
}

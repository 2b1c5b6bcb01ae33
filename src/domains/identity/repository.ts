import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { Role } from '../../platform/db/schema.ts'
import { instantAfterDays } from '../../platform/calendar/index.ts'

const actorColumns = [
  'o.id as organisation_id',
  'o.name as organisation_name',
  'o.kind as organisation_kind',
  'o.prison_code',
  'o.pdu_code',
  'o.region_code',
  'o.local_authority_code',
] as const

export function identityRepository(db: Database) {
  return {
    findUserByEmail(email: string) {
      return db
        .selectFrom('app_user as u')
        .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
        .where(sql`lower(u.email)`, '=', email.trim().toLowerCase())
        .select([
          'u.id',
          'u.email',
          'u.name',
          'u.role',
          'u.password_hash',
          'u.active',
          'u.failed_sign_ins',
          'u.locked_until',
        ])
        .select(actorColumns)
        .executeTakeFirst()
    },

    findUserByOidcSubject(subject: string) {
      return db
        .selectFrom('app_user')
        .where('oidc_subject', '=', subject)
        .select(['id', 'email'])
        .executeTakeFirst()
    },

    linkOidcSubject(userId: string, subject: string) {
      return db.updateTable('app_user').set({ oidc_subject: subject }).where('id', '=', userId).execute()
    },

    /** Counts a failure and locks the account once the threshold is reached, in one statement. */
    async recordFailedSignIn(userId: string, threshold: number, lockMinutes: number) {
      return db
        .updateTable('app_user')
        .set((eb) => ({
          failed_sign_ins: eb('failed_sign_ins', '+', 1),
          locked_until: sql`case when failed_sign_ins + 1 >= ${threshold} then now() + make_interval(mins => ${lockMinutes}) else locked_until end`,
        }))
        .where('id', '=', userId)
        .returning(['failed_sign_ins', 'locked_until'])
        .executeTakeFirstOrThrow()
    },

    recordSuccessfulSignIn(userId: string) {
      return db
        .updateTable('app_user')
        .set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: new Date() })
        .where('id', '=', userId)
        .execute()
    },

    createSession(tokenHash: string, userId: string) {
      return db.insertInto('user_session').values({ token_hash: tokenHash, user_id: userId }).execute()
    },

    /** The session's user, if the session has been used within the idle window. */
    findLiveSession(tokenHash: string, idleMinutes: number, absoluteHours: number) {
      return (
        db
          .selectFrom('user_session as s')
          .innerJoin('app_user as u', 'u.id', 's.user_id')
          .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
          .where('s.token_hash', '=', tokenHash)
          .where('u.active', '=', true)
          .where(sql<boolean>`s.last_seen_at > now() - make_interval(mins => ${idleMinutes})`)
          // However busy, a session ends a fixed time after sign-in (issue 17 finding 9).
          .where(sql<boolean>`s.created_at > now() - ${absoluteHours} * interval '1 hour'`)
          .select(['u.id', 'u.email', 'u.name', 'u.role', 's.last_seen_at'])
          .select(actorColumns)
          .executeTakeFirst()
      )
    },

    touchSession(tokenHash: string) {
      return db
        .updateTable('user_session')
        .set({ last_seen_at: new Date() })
        .where('token_hash', '=', tokenHash)
        .execute()
    },

    deleteSession(tokenHash: string) {
      return db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute()
    },

    deleteIdleSessions(idleMinutes: number) {
      return db
        .deleteFrom('user_session')
        .where(sql<boolean>`last_seen_at <= now() - make_interval(mins => ${idleMinutes})`)
        .execute()
    },

    findLiveToken(tokenHash: string) {
      return db
        .selectFrom('api_token as t')
        .innerJoin('organisation as o', 'o.id', 't.organisation_id')
        .where('t.token_hash', '=', tokenHash)
        .where('t.revoked_at', 'is', null)
        .where(sql<boolean>`t.expires_at > now()`)
        .select(['t.id', 't.name', 't.role'])
        .select(actorColumns)
        .executeTakeFirst()
    },

    touchToken(id: string) {
      return db.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', id).execute()
    },

    insertToken(row: {
      name: string
      tokenHash: string
      organisationId: string
      role: Role
      createdBy: string | null
      validDays: number
    }) {
      return db
        .insertInto('api_token')
        .values({
          name: row.name,
          token_hash: row.tokenHash,
          organisation_id: row.organisationId,
          role: row.role,
          created_by: row.createdBy,
          expires_at: instantAfterDays(new Date(), row.validDays),
        })
        .returning(['id', 'name', 'role', 'created_at'])
        .executeTakeFirstOrThrow()
    },

    revokeToken(id: string) {
      return db
        .updateTable('api_token')
        .set({ revoked_at: new Date() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst()
    },

    listTokens() {
      return db
        .selectFrom('api_token as t')
        .innerJoin('organisation as o', 'o.id', 't.organisation_id')
        .select([
          't.id',
          't.name',
          't.role',
          't.created_at',
          't.last_used_at',
          't.revoked_at',
          'o.name as organisation_name',
        ])
        .orderBy('t.created_at', 'desc')
        .execute()
    },

    findOrganisation(id: string) {
      return db
        .selectFrom('organisation')
        .where('id', '=', id)
        .select(['id', 'kind', 'name'])
        .executeTakeFirst()
    },

    insertUser(row: {
      email: string
      name: string
      organisationId: string
      role: Role
      passwordHash: string | null
    }) {
      return db
        .insertInto('app_user')
        .values({
          email: row.email.trim(),
          name: row.name.trim(),
          organisation_id: row.organisationId,
          role: row.role,
          password_hash: row.passwordHash,
        })
        .returning(['id', 'email', 'name', 'role'])
        .executeTakeFirstOrThrow()
    },

    emailTaken(email: string, exceptUserId?: string) {
      return db
        .selectFrom('app_user')
        .where(sql`lower(email)`, '=', email.trim().toLowerCase())
        .$if(exceptUserId !== undefined, (q) => q.where('id', '!=', exceptUserId ?? ''))
        .select('id')
        .executeTakeFirst()
        .then(Boolean)
    },

    listUsers(filter: { q?: string | undefined; role?: Role | undefined; limit: number }) {
      const needle = (filter.q ?? '').toLowerCase()
      return (
        db
          .selectFrom('app_user as u')
          .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
          // strpos, not LIKE, so a % or _ typed in the search is a character, not a wildcard.
          .$if(needle !== '', (q) =>
            q.where((eb) =>
              eb.or([
                eb(sql`strpos(lower(u.email), ${needle})`, '>', 0),
                eb(sql`strpos(lower(u.name), ${needle})`, '>', 0),
              ]),
            ),
          )
          .$if(filter.role !== undefined, (q) => q.where('u.role', '=', filter.role ?? 'admin'))
          .select([
            'u.id',
            'u.email',
            'u.name',
            'u.role',
            'u.active',
            'u.locked_until',
            'u.failed_sign_ins',
            'u.last_sign_in_at',
            'u.version',
            'o.name as organisation_name',
            'o.id as organisation_id',
          ])
          .orderBy('u.email')
          .limit(filter.limit)
          .execute()
      )
    },

    findUser(id: string) {
      return db
        .selectFrom('app_user as u')
        .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
        .where('u.id', '=', id)
        .select([
          'u.id',
          'u.email',
          'u.name',
          'u.role',
          'u.active',
          'u.locked_until',
          'u.failed_sign_ins',
          'u.version',
          'o.name as organisation_name',
          'o.id as organisation_id',
          'o.kind as organisation_kind',
        ])
        .executeTakeFirst()
    },

    /** Optimistic update: changes nothing and returns undefined when the version has moved on. */
    updateUser(
      id: string,
      version: number,
      changes: { name?: string; role?: Role; organisation_id?: string; active?: boolean },
    ) {
      return db
        .updateTable('app_user')
        .set({ ...changes, version: sql`version + 1` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returning(['id', 'version'])
        .executeTakeFirst()
    },

    unlockUser(id: string) {
      return db
        .updateTable('app_user')
        .set({ failed_sign_ins: 0, locked_until: null, version: sql`version + 1` })
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst()
    },

    setPassword(id: string, passwordHash: string) {
      return db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', id).execute()
    },
  }
}

export type IdentityRepository = ReturnType<typeof identityRepository>

import type { Database } from '../db/index.ts'
import type { AuditAction, AuditOutcome } from '../db/schema.ts'
import type { Actor, RequestContext } from '../auth/actor.ts'
import { auditable } from '../validation/index.ts'

export interface AuditEntry {
  action: AuditAction
  recordType: string
  recordId?: string | null
  personId?: string | null
  /**
   * Most entries record something that was done, so 'allowed' is the default (issue 11: 53 of 61
   * calls spelled it out). A refusal or a record not found is always written explicitly.
   */
  outcome?: AuditOutcome
  detail?: string | null
}

/** Writes the append-only audit log (the table's trigger refuses updates and deletes). */
export function auditLog(db: Database) {
  async function write(actor: Actor | null, route: string, entry: AuditEntry) {
    await db
      .insertInto('audit_event')
      .values({
        user_id: actor?.userId ?? null,
        api_token_id: actor?.tokenId ?? null,
        organisation_id: actor?.organisationId ?? null,
        role: actor?.role ?? null,
        action: entry.action,
        person_id: entry.personId ?? null,
        record_type: entry.recordType,
        // What a caller sent is shown, never refused: a NUL byte in an id must not lose the
        // record of the attempt (issue 17 finding 3).
        record_id: auditable(entry.recordId),
        route: auditable(route, 500) ?? '',
        outcome: entry.outcome ?? 'allowed',
        detail: auditable(entry.detail, 2000),
      })
      .execute()
  }
  return {
    record: (ctx: RequestContext, entry: AuditEntry) => write(ctx.actor, ctx.route, entry),
    /** For events with no signed-in actor yet, such as a failed sign-in. */
    recordAnonymous: (route: string, entry: AuditEntry & { userId?: string | null }) =>
      db
        .insertInto('audit_event')
        .values({
          user_id: entry.userId ?? null,
          action: entry.action,
          record_type: entry.recordType,
          record_id: auditable(entry.recordId),
          route: auditable(route, 500) ?? '',
          outcome: entry.outcome ?? 'allowed',
          detail: auditable(entry.detail, 2000),
        })
        .execute()
        .then(() => undefined),
  }
}

export type AuditLog = ReturnType<typeof auditLog>

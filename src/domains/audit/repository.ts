import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { AuditAction, AuditOutcome } from '../../platform/db/schema.ts'

export interface AuditQuery {
  personId?: string | undefined
  email?: string | undefined
  action?: AuditAction | undefined
  outcome?: AuditOutcome | undefined
  atOrAfter?: Date | undefined
  before?: Date | undefined
}

export function auditEventRepository(db: Database) {
  return {
    /**
     * By time, newest first unless asked otherwise. Each filter leads with an indexed column: person → audit_event_person_idx,
     * user → audit_event_user_idx (the email becomes one id first, through app_user_email_uq),
     * otherwise the time range → audit_event_at_idx. Action and outcome only narrow what those
     * indexes return. The id breaks ties between events written in one transaction.
     */
    search(q: AuditQuery, page: { limit: number; offset: number; order: 'asc' | 'desc' }) {
      return db
        .selectFrom('audit_event as a')
        .leftJoin('app_user as u', 'u.id', 'a.user_id')
        .leftJoin('api_token as t', 't.id', 'a.api_token_id')
        .leftJoin('organisation as o', 'o.id', 'a.organisation_id')
        .$if(q.personId !== undefined, (w) => w.where('a.person_id', '=', q.personId ?? ''))
        .$if(q.email !== undefined, (w) =>
          w.where('a.user_id', '=', (eb) =>
            eb
              .selectFrom('app_user as by_email')
              .where(sql`lower(by_email.email)`, '=', (q.email ?? '').toLowerCase())
              .select('by_email.id'),
          ),
        )
        .$if(q.action !== undefined, (w) => w.where('a.action', '=', q.action ?? 'read'))
        .$if(q.outcome !== undefined, (w) => w.where('a.outcome', '=', q.outcome ?? 'allowed'))
        .$if(q.atOrAfter !== undefined, (w) => w.where('a.at', '>=', q.atOrAfter ?? new Date(0)))
        .$if(q.before !== undefined, (w) => w.where('a.at', '<', q.before ?? new Date(0)))
        .select([
          'a.id',
          'a.at',
          'a.role',
          'a.action',
          'a.person_id',
          'a.record_type',
          'a.record_id',
          'a.route',
          'a.outcome',
          'a.detail',
          'u.name as user_name',
          'u.email as user_email',
          't.name as token_name',
          'o.name as organisation_name',
        ])
        .orderBy('a.at', page.order)
        .orderBy('a.id', page.order)
        .limit(page.limit)
        .offset(page.offset)
        .execute()
    },
  }
}

export type AuditEventRepository = ReturnType<typeof auditEventRepository>
export type AuditRow = Awaited<ReturnType<AuditEventRepository['search']>>[number]

import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Forbidden } from '../../platform/errors.ts'
import { londonDayAfter, londonDayStart } from '../../platform/calendar/index.ts'
import type { AuditEventRepository, AuditQuery } from './repository.ts'
import { PAGE_SIZE, type AuditFilter } from './schemas.ts'

/** A spreadsheet holds this comfortably; wider investigations narrow the dates and download again. */
export const CSV_LIMIT = 50_000

function toQuery(f: AuditFilter): AuditQuery {
  return {
    personId: f.personId,
    email: f.email,
    action: f.action,
    outcome: f.outcome,
    atOrAfter: f.from ? londonDayStart(f.from) : undefined,
    before: f.to ? londonDayAfter(f.to) : undefined,
  }
}

/** The filter as the audit trail records it, so a search of the log is itself accountable. */
function describe(f: AuditFilter): string {
  const parts = Object.entries(f)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`)
  return parts.length ? parts.join(' ') : 'no filter'
}

export function auditSearchService(repo: AuditEventRepository, audit: AuditLog) {
  function requireAdmin(ctx: RequestContext) {
    if (!can(ctx.actor.role, 'admin')) throw new Forbidden()
  }

  return {
    /** For the filter form shown with errors, before any search runs. */
    authorise: requireAdmin,

    async search(ctx: RequestContext, filter: AuditFilter, page: number, order: 'asc' | 'desc' = 'desc') {
      requireAdmin(ctx)
      // Read, then record: run together, the search could find its own entry, or not, by chance.
      const rows = await repo.search(toQuery(filter), {
        limit: PAGE_SIZE + 1,
        offset: (page - 1) * PAGE_SIZE,
        order,
      })
      await audit.record(ctx, {
        action: 'search',
        recordType: 'audit_event',
        outcome: 'allowed',
        detail: `page ${page}: ${describe(filter)}`,
      })
      return { rows: rows.slice(0, PAGE_SIZE), page, hasNext: rows.length > PAGE_SIZE }
    },

    async export(ctx: RequestContext, filter: AuditFilter, order: 'asc' | 'desc' = 'desc') {
      requireAdmin(ctx)
      const rows = await repo.search(toQuery(filter), { limit: CSV_LIMIT, offset: 0, order })
      await audit.record(ctx, {
        action: 'export',
        recordType: 'audit_event',
        outcome: 'allowed',
        detail: `${rows.length} rows: ${describe(filter)}`,
      })
      return rows
    },
  }
}

export type AuditSearchService = ReturnType<typeof auditSearchService>

import type { FastifyRequest } from 'fastify'
import type { AuditLog } from '../audit/audit-log.ts'
import { UUID_PATTERN } from '../validation/index.ts'
import { actionOf } from './input-guard.ts'

const FOREIGN_KEY_VIOLATION = '23503'

/**
 * Records a refusal by role (403) in the audit log as denied, for every route at once (issue 17
 * finding 5): the README promises that every attempt on a record is audited, refusals included.
 * A refusal on a person's page is put on that person's own access log.
 */
export function refusalAudit(audit: AuditLog) {
  return async (request: FastifyRequest) => {
    if (!request.actor) return
    const params: Record<string, unknown> =
      request.params && typeof request.params === 'object' ? { ...request.params } : {}
    const id = typeof params.id === 'string' && UUID_PATTERN.test(params.id) ? params.id : null
    const url = request.routeOptions.url ?? ''
    const personId = id && /^(\/api\/v1)?\/people\/:id(\/|$)/.test(url) ? id : null
    const entry = {
      action: actionOf(request.method),
      recordType:
        url.split('/').filter((s) => s && !s.startsWith(':') && s !== 'api' && s !== 'v1')[0] ?? 'page',
      recordId: id,
      outcome: 'denied' as const,
      detail: 'role',
    }
    await audit.record(request.ctx, { ...entry, personId }).catch(async (err: unknown) => {
      // The id named no person: the refusal is still recorded, against no one.
      if ((err as { code?: string }).code === FOREIGN_KEY_VIOLATION) await audit.record(request.ctx, entry)
      else throw err
    })
  }
}

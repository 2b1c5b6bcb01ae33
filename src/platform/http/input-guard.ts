import type { FastifyRequest } from 'fastify'
import type { AuditLog } from '../audit/audit-log.ts'
import { NotFound, ValidationFailed } from '../errors.ts'
import { auditable, inputProblem } from '../validation/index.ts'

/** The audit action an HTTP method stands for. */
export const actionOf = (method: string): 'read' | 'update' =>
  method === 'GET' || method === 'HEAD' ? 'read' : 'update'

/**
 * Refuses malformed input on every route before any handler runs (issue 17 finding 3): a path id
 * that is not a UUID, or a path segment with control characters, is a record that does not exist
 * (404, audited like any other miss); a control character or an over-long value in the query or
 * body is the client's mistake (400 naming the field). Routes still validate their own fields
 * with zod; this is the floor no route can forget.
 */
export function inputGuard(audit: AuditLog) {
  return async (request: FastifyRequest) => {
    const problem = inputProblem({ params: request.params, query: request.query, body: request.body })
    if (!problem) return
    if (problem.where === 'params') {
      if (request.actor) {
        await audit.record(request.ctx, {
          action: actionOf(request.method),
          recordType: 'path',
          recordId: auditable(problem.value, 64),
          outcome: 'not_found',
          detail: `malformed ${problem.field}`,
        })
      }
      throw new NotFound()
    }
    throw new ValidationFailed({ [problem.field]: problem.message })
  }
}

import type { RequestContext } from '../../platform/auth/actor.ts'
import { can, type Capability } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Forbidden, NotFound } from '../../platform/errors.ts'
import { UUID_PATTERN } from '../../platform/validation/index.ts'

export function requireCapability(ctx: RequestContext, capability: Capability) {
  if (!can(ctx.actor.role, capability)) throw new Forbidden()
}

/** The region a CAS3 team works in; null for national users (administrators and analysts). */
export function regionOf(ctx: RequestContext): string | null {
  if (ctx.actor.scope.level === 'region') return ctx.actor.scope.regionCode
  if (ctx.actor.scope.level === 'national') return null
  throw new Forbidden()
}

/**
 * The gate for a region's CAS3 records: audited whatever the outcome, and a record in another
 * region answers as not found, like a missing one, so its existence is not revealed.
 */
export async function openInRegion<T extends { region_code: string }>(
  ctx: RequestContext,
  audit: AuditLog,
  what: { recordType: string; id: string; label: string; personId?: (row: T) => string | null },
  load: (id: string) => Promise<T | undefined>,
): Promise<T> {
  const row = UUID_PATTERN.test(what.id) ? await load(what.id) : undefined
  if (!row) {
    await audit.record(ctx, {
      action: 'read',
      recordType: what.recordType,
      recordId: what.id.slice(0, 64),
      outcome: 'not_found',
    })
    throw new NotFound(what.label)
  }
  const region =
    ctx.actor.scope.level === 'national'
      ? null
      : ctx.actor.scope.level === 'region'
        ? ctx.actor.scope.regionCode
        : undefined
  const personId = what.personId?.(row) ?? null
  if (region === undefined || (region !== null && row.region_code !== region)) {
    await audit.record(ctx, {
      action: 'read',
      recordType: what.recordType,
      recordId: what.id,
      personId,
      outcome: 'denied',
      detail: 'out of region',
    })
    throw new NotFound(what.label)
  }
  await audit.record(ctx, {
    action: 'read',
    recordType: what.recordType,
    recordId: what.id,
    personId,
  })
  return row
}

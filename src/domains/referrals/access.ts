import type { RequestContext } from '../../platform/auth/actor.ts'
import { UUID_PATTERN } from '../../platform/validation/index.ts'
import { can, type Capability } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Forbidden, NotFound } from '../../platform/errors.ts'
import type { PeopleService } from '../people/service.ts'
import type { ReferralRepository } from './repository.ts'
import type { Side } from './state-machine.ts'

export type Referral = NonNullable<Awaited<ReturnType<ReferralRepository['find']>>>

/**
 * The gate for one referral. Staff reach it through the person's record (the one scope
 * predicate, audited by people.openRecord). A provider additionally sees only referrals sent to
 * its own organisation: another provider's referral, a draft or a missing one are the same
 * 404, and the attempt is audited.
 */
export function referralAccess(repo: ReferralRepository, people: PeopleService, audit: AuditLog) {
  async function open(ctx: RequestContext, id: string, action: 'read' | 'update'): Promise<Referral> {
    const referral = UUID_PATTERN.test(id) ? await repo.find(id) : undefined
    if (!referral) {
      await audit.record(ctx, {
        action,
        recordType: 'referral',
        recordId: id.slice(0, 64),
        outcome: 'not_found',
      })
      throw new NotFound('Referral')
    }
    if (
      ctx.actor.scope.level === 'provider' &&
      (referral.provider_organisation_id !== ctx.actor.organisationId || referral.state === 'draft')
    ) {
      await audit.record(ctx, {
        action,
        recordType: 'referral',
        recordId: id,
        personId: referral.person_id,
        outcome: 'denied',
        detail: 'another provider’s referral',
      })
      throw new NotFound('Referral')
    }
    await people.openRecord(ctx, referral.person_id, action, 'referral')
    return referral
  }

  function side(ctx: RequestContext): Side | null {
    if (ctx.actor.scope.level === 'provider' && can(ctx.actor.role, 'referrals:deliver')) return 'provider'
    if (can(ctx.actor.role, 'referrals:make')) return 'referrer'
    return null
  }

  function require(ctx: RequestContext, capability: Capability) {
    if (!can(ctx.actor.role, capability)) throw new Forbidden()
  }

  function requireSide(ctx: RequestContext, wanted: Side) {
    if (side(ctx) !== wanted)
      throw new Forbidden(
        wanted === 'provider'
          ? 'Only the provider’s staff can do that'
          : 'Only the referring practitioner can do that',
      )
  }

  return { open, side, require, requireSide }
}

export type ReferralAccess = ReturnType<typeof referralAccess>

import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { isUniqueViolation } from '../../platform/db/index.ts'
import { Conflict } from '../../platform/errors.ts'
import type { ReferralAccess } from './access.ts'
import { QUALITY_CHECKLIST } from './rag.ts'
import type { ReferralRepository } from './repository.ts'
import type { QualityInput } from './schemas.ts'

/** The provider's rating of a referral's quality on receipt (the NAO's referral-quality measure). */
export function qualityRating(repo: ReferralRepository, access: ReferralAccess, audit: AuditLog) {
  return {
    /** The provider's quality checklist on receipt; the score is derived by the database. */
    async rateQuality(ctx: RequestContext, id: string, input: QualityInput) {
      access.requireSide(ctx, 'provider')
      const referral = await access.open(ctx, id, 'update')
      const ticked = new Set(input.checklist)
      const row = Object.fromEntries(
        QUALITY_CHECKLIST.map((item) => [item.column, ticked.has(item.key)]),
      ) as Record<(typeof QUALITY_CHECKLIST)[number]['column'], boolean>
      try {
        const saved = await repo.insertQuality({
          referral_id: id,
          ...row,
          comments: input.comments,
          rated_by: ctx.actor.userId,
        })
        await audit.record(ctx, {
          action: 'create',
          recordType: 'referral_quality',
          recordId: id,
          personId: referral.person_id,
          detail: `score ${saved.score}`,
        })
        return saved
      } catch (err) {
        if (isUniqueViolation(err, 'referral_quality_pkey'))
          throw new Conflict('This referral’s quality has already been rated.', { state: referral.state })
        throw err
      }
    },
  }
}

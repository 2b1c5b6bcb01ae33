import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { ValidationFailed } from '../../platform/errors.ts'
import { stayStatus } from './stay-rules.ts'
import { regionOf, requireCapability } from './access.ts'
import type { Cas3Repository } from './repository.ts'
import type { ReferralService } from './referral-service.ts'
import { addDays, bedspaceTimeline } from './rules.ts'
import type { SearchInput } from './schemas.ts'
import { stayConfig, type BookingDeps } from './stay-config.ts'
import { REQUIREMENTS, RISK_EXCLUSIONS } from './vocabulary.ts'

/** How far either side of the requested stay the gap timeline looks. */
const TIMELINE_BEFORE_DAYS = 28
const TIMELINE_AFTER_DAYS = 56

/** The availability search with each result's gap timeline. */
export function availabilityService(
  repo: Cas3Repository,
  referrals: ReferralService,
  audit: AuditLog,
  deps: BookingDeps,
) {
  const { stayRules, blockedUntil } = stayConfig(deps)
  return {
    async search(ctx: RequestContext, input: SearchInput) {
      requireCapability(ctx, 'cas3:manage')
      const region = regionOf(ctx)
      if (!region)
        throw new ValidationFailed({
          form: 'Availability is searched within a region: sign in as a region’s CAS3 officer',
        })
      const referral = input.referralId ? await referrals.openReferral(ctx, input.referralId) : undefined
      const requirements = referral
        ? [...new Set([...referral.requirements, ...input.requirements])]
        : input.requirements
      const risks = referral
        ? (Object.keys(RISK_EXCLUSIONS) as (keyof typeof RISK_EXCLUSIONS)[]).filter(
            (k) => referral[k] || input.risks.includes(k),
          )
        : input.risks
      const criteria = {
        regionCode: region,
        pduCode: input.pduCode,
        localAuthorityCode: input.localAuthorityCode,
        arrivalDate: input.arrivalDate,
        departureDate: input.departureDate,
        blockedUntil: blockedUntil(input.departureDate),
        premisesNeeds: requirements.flatMap((r) => REQUIREMENTS[r]?.premises ?? []),
        bedspaceNeeds: requirements.flatMap((r) => REQUIREMENTS[r]?.bedspace ?? []),
        premisesExcluded: risks
          .map((r) => RISK_EXCLUSIONS[r as keyof typeof RISK_EXCLUSIONS])
          .filter(Boolean),
        limit: 50,
      }
      const results = await repo.search(criteria)
      const from = addDays(input.arrivalDate, -TIMELINE_BEFORE_DAYS)
      const to = addDays(input.departureDate, TIMELINE_AFTER_DAYS)
      const ids = results.map((r) => r.id)
      const [bookings, voids] = await Promise.all([
        repo.bookingsForBedspaces(ids, from, to),
        repo.voidsForBedspaces(ids, from, to),
      ])
      const withTimeline = results.map((r) => ({
        ...r,
        timeline: bedspaceTimeline(from, to, [
          ...bookings
            .filter((b) => b.bedspace_id === r.id)
            .map((b) => ({
              kind: 'booking' as const,
              start: b.arrival_date,
              end: b.departure_date,
              blockedUntil: b.blocked_until,
              label: `Booking ${b.reference}`,
            })),
          ...voids
            .filter((v) => v.bedspace_id === r.id)
            .map((v) => ({
              kind: 'void' as const,
              start: v.start_date,
              end: addDays(v.end_date, 1),
              blockedUntil: addDays(v.end_date, 1),
              label: 'Void',
            })),
        ]),
      }))
      await audit.record(ctx, {
        action: 'search',
        recordType: 'cas3_availability',
        outcome: 'allowed',
        detail: `${input.arrivalDate} to ${input.departureDate}; ${results.length} bedspaces`,
      })
      return {
        criteria,
        referral,
        results: withTimeline,
        stay: stayStatus(input.arrivalDate, input.departureDate, deps.today(), stayRules),
        maxNights: stayRules.maxNights,
        // The booking refuses an arrival before release; the search says so up front.
        beforeRelease:
          referral && input.arrivalDate < (referral.released_on ?? referral.release_date)
            ? (referral.released_on ?? referral.release_date)
            : undefined,
      }
    },
  }
}

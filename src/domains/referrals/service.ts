import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import type { Database } from '../../platform/db/index.ts'
import type { PeopleService } from '../people/service.ts'
import type { TimelineItem } from '../people/timeline.ts'
import { referralAccess } from './access.ts'
import { historyDetail } from './history.ts'
import { loadCrsReference } from './crs-reference.ts'
import { draftUseCases, type ReferralDeps } from './drafts.ts'
import type { ProviderTab, ReferralRepository } from './repository.ts'
import { concludeProblems } from './rules.ts'
import { availableEvents, STATE_LABELS } from './state-machine.ts'

export { DRAFT_LIFETIME_DAYS, type ReferralDeps } from './drafts.ts'

export function referralService(
  database: Database,
  repo: ReferralRepository,
  people: PeopleService,
  audit: AuditLog,
  deps: ReferralDeps,
) {
  const access = referralAccess(repo, people, audit)
  // The CRS reference data is loaded once per process before the first use (idempotent).
  let loaded: Promise<unknown> | undefined
  const ready = () =>
    (loaded ??= loadCrsReference(database).catch((err: unknown) => {
      loaded = undefined
      throw err
    }))

  return {
    access,
    ready,
    ...draftUseCases(repo, people, audit, access, ready, deps),

    /** The referral's page: details, history, appointments, ratings and what this user may do next. */
    async view(ctx: RequestContext, id: string) {
      const referral = await access.open(ctx, id, 'read')
      const [outcomes, events, quality, appointments] = await Promise.all([
        repo.desiredOutcomes(id),
        repo.events(id),
        repo.quality(id),
        repo.appointments(id),
      ])
      const side = access.side(ctx)
      const isReferrerOrg = referral.referrer_organisation_id === ctx.actor.organisationId
      // Concluding waits for the person's release (rules.ts), so the button waits too.
      const notConcludable = concludeProblems({
        today: deps.today(),
        assessmentDate: referral.assessment_date,
        releasedOn: referral.actual_release_date,
      })
      const actions = (
        side === 'provider' || (side === 'referrer' && isReferrerOrg)
          ? availableEvents(referral.state, side)
          : []
      ).filter((e) => e !== 'conclude' || !notConcludable)
      return {
        referral,
        outcomes,
        events: events.map((e) => ({ ...e, detail: historyDetail(e.event, e.detail) })),
        quality,
        appointments,
        side,
        actions,
        canRateQuality: side === 'provider' && !quality && referral.state !== 'draft',
        concludeWaits: side === 'provider' && referral.state === 'report_submitted' ? notConcludable : null,
      }
    },

    async providerDashboard(ctx: RequestContext, tab: ProviderTab) {
      access.requireSide(ctx, 'provider')
      const rows = await repo.forProvider(ctx.actor.organisationId, tab, ctx.actor.userId)
      await audit.record(ctx, {
        action: 'search',
        recordType: 'referral',
        detail: `provider ${tab}; ${rows.length} rows`,
      })
      return rows
    },

    async referrerList(ctx: RequestContext) {
      access.require(ctx, 'referrals:make')
      const rows = await repo.forReferrer(ctx.actor.organisationId, deps.today())
      await audit.record(ctx, {
        action: 'search',
        recordType: 'referral',
        detail: `referrer list; ${rows.length} rows`,
      })
      return rows
    },

    reasons: () =>
      Promise.all([repo.withdrawalReasons(), repo.cancellationReasons()]).then(
        ([withdrawal, cancellation]) => ({ withdrawal, cancellation }),
      ),

    /**
     * For the person's timeline; the caller has already checked access to the person. A provider
     * sees only the referrals it could open, those sent to it, as referralAccess.open allows
     * (issue 17 finding 6).
     */
    async timeline(personId: string, ctx: RequestContext): Promise<TimelineItem[]> {
      const rows = await repo.forPerson(personId)
      const scope = ctx.actor.scope
      return rows
        .filter((r) => r.state !== 'draft')
        .filter((r) => scope.level !== 'provider' || r.provider_organisation_id === scope.organisationId)
        .map((r) => ({
          date: (r.sent_at instanceof Date ? r.sent_at.toISOString() : String(r.sent_at)).slice(0, 10),
          title: `Referral ${r.reference}: ${r.category_name ?? ''}`,
          detail: `${STATE_LABELS[r.state]}${r.provider_name ? `, ${r.provider_name}` : ''}`,
          source: 'Referrals',
        }))
    },
  }
}

export type ReferralService = ReturnType<typeof referralService>

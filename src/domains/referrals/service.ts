import { randomInt } from 'node:crypto'
import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import type { Database } from '../../platform/db/index.ts'
import { isUniqueViolation } from '../../platform/db/index.ts'
import { Conflict, ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { addDays } from '../../platform/calendar/index.ts'
import type { PeopleService } from '../people/service.ts'
import type { TimelineItem } from '../people/timeline.ts'
import { referralAccess, type Referral } from './access.ts'
import { loadCrsReference } from './crs-reference.ts'
import type { ProviderTab, ReferralRepository } from './repository.ts'
import type { ChooseCategory, DraftDetails } from './schemas.ts'
import { availableEvents, STATE_LABELS } from './state-machine.ts'

/** Drafts lapse 90 days after they are started (domain.md section 8). */
export const DRAFT_LIFETIME_DAYS = 90

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
/** A reference staff can read over the phone, in the CRS service's shape (two letters, four digits, two letters). */
function newReference(): string {
  const l = () => LETTERS[randomInt(LETTERS.length)]
  return `${l()}${l()}${String(randomInt(10_000)).padStart(4, '0')}${l()}${l()}`
}

export interface ReferralDeps {
  today: () => string
  /** The service clock: when a referral is sent, as the contract performance window sees it. */
  now: () => Date
}

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

  function assertLiveDraft(r: Referral) {
    if (r.state !== 'draft')
      throw new Conflict(`This referral has already been sent. It is now: ${STATE_LABELS[r.state]}.`, {
        state: r.state,
      })
    if (r.draft_expires_on < deps.today())
      throw new Conflict(
        `This draft expired on ${r.draft_expires_on}: drafts are kept for ${DRAFT_LIFETIME_DAYS} days. Start a new referral.`,
        { state: r.state },
      )
  }

  /** Everything needed to send: the provider gets a complete referral or none. */
  async function completeness(r: Referral, outcomes: number): Promise<FieldErrors> {
    const errors: FieldErrors = {}
    if (!r.service_category_id) errors.serviceCategoryId = 'Select a service category'
    if (!r.contract_id) errors.contractId = 'Select a contract'
    if (!r.complexity_level_id) errors.complexityLevelId = 'Select a complexity level'
    if (outcomes === 0) errors.desiredOutcomeIds = 'Select at least one desired outcome'
    if (!r.reason) errors.reason = 'Enter the reason for referral'
    if (!r.completion_deadline) errors.completionDeadline = 'Enter the completion deadline'
    else if (r.completion_deadline <= deps.today())
      errors.completionDeadline = 'The completion deadline must be in the future'
    return errors
  }

  return {
    access,
    ready,

    /** The page that starts a referral: only for referrers, and only for a person in scope. */
    async startPage(ctx: RequestContext, personId: string) {
      access.require(ctx, 'referrals:make')
      await people.openRecord(ctx, personId, 'read', 'referral')
    },

    /** Starts a draft for a person, from their page or a plan action. */
    async startDraft(ctx: RequestContext, personId: string, planActionId: string | null = null) {
      access.require(ctx, 'referrals:make')
      await ready()
      await people.openRecord(ctx, personId, 'update', 'referral')
      const episode = await repo.latestEpisode(personId)
      if (!episode) throw new ValidationFailed({ form: 'This person has no custody episode to refer from' })
      if (planActionId && !(await repo.planActionOf(personId, planActionId)))
        throw new ValidationFailed({ planAction: 'That plan action is not one of this person’s' })
      // Relevant needs start from the release's resettlement assessment; the referrer edits them.
      const needs = (await repo.assessedNeeds(episode.id)).map((n) => n.title)
      const inCustody = episode.actual_release_date === null
      for (let attempt = 0; ; attempt++) {
        try {
          const created = await repo.insert({
            reference: newReference(),
            person_id: personId,
            custody_episode_id: episode.id,
            state: 'draft',
            referrer_user_id: ctx.actor.userId,
            referrer_organisation_id: ctx.actor.organisationId,
            created_by: ctx.actor.userId,
            draft_expires_on: addDays(deps.today(), DRAFT_LIFETIME_DAYS),
            // The release date and prison travel with the referral while the person is still inside.
            release_date: inCustody ? episode.expected_release_date : null,
            prison_code: inCustody ? episode.prison_code : null,
            plan_action_id: planActionId,
            needs: needs.length ? `From the resettlement assessment: ${needs.join('; ')}.` : null,
          })
          await audit.record(ctx, {
            action: 'create',
            recordType: 'referral',
            recordId: created.id,
            personId,
            outcome: 'allowed',
            detail: 'draft',
          })
          return created
        } catch (err) {
          if (attempt < 3 && isUniqueViolation(err, 'referral_reference_key')) continue
          throw err
        }
      }
    },

    /** A draft and what its form may offer: only categories and contracts covering the person's region. */
    async draftForm(ctx: RequestContext, id: string) {
      access.require(ctx, 'referrals:make')
      await ready()
      const referral = await access.open(ctx, id, 'read')
      assertLiveDraft(referral)
      const today = deps.today()
      const [categories, contracts, complexity, outcomes, chosen] = await Promise.all([
        repo.categoriesOffered(referral.region_code, today),
        referral.service_category_id
          ? repo.contractsOffered(referral.region_code, referral.service_category_id, today)
          : [],
        referral.service_category_id ? repo.complexityLevels(referral.service_category_id) : [],
        referral.service_category_id ? repo.choosableOutcomes(referral.service_category_id) : [],
        repo.desiredOutcomes(id),
      ])
      return { referral, categories, contracts, complexity, outcomes, chosen: chosen.map((o) => o.id) }
    },

    async chooseCategory(ctx: RequestContext, id: string, input: ChooseCategory) {
      access.require(ctx, 'referrals:make')
      const referral = await access.open(ctx, id, 'update')
      assertLiveDraft(referral)
      const offered = await repo.categoriesOffered(referral.region_code, deps.today())
      if (!offered.some((c) => c.id === input.serviceCategoryId))
        throw new ValidationFailed({
          serviceCategoryId: 'Select a service category that is offered in the person’s region',
        })
      const changed = referral.service_category_id !== input.serviceCategoryId
      const row = changed
        ? { service_category_id: input.serviceCategoryId, contract_id: null, complexity_level_id: null }
        : {}
      const saved = await repo.updateDraft(
        id,
        input.version,
        row,
        changed ? [] : (await repo.desiredOutcomes(id)).map((o) => o.id),
      )
      if (!saved)
        throw new Conflict('Someone else changed this draft. Check it and try again.', {
          state: referral.state,
        })
      return saved
    },

    /** Saves as you go; with intent 'send' the saved draft must then be complete, and is sent. */
    async saveDraft(ctx: RequestContext, id: string, input: DraftDetails) {
      access.require(ctx, 'referrals:make')
      const referral = await access.open(ctx, id, 'update')
      assertLiveDraft(referral)
      const category = referral.service_category_id
      if (!category) throw new ValidationFailed({ serviceCategoryId: 'Select a service category first' })
      const today = deps.today()
      const errors: FieldErrors = {}
      const [contracts, levels, outcomesOk] = await Promise.all([
        repo.contractsOffered(referral.region_code, category, today),
        repo.complexityLevels(category),
        repo.outcomeIdsValid(category, input.desiredOutcomeIds),
      ])
      const contract = input.contractId ? contracts.find((c) => c.id === input.contractId) : undefined
      if (input.contractId && !contract)
        errors.contractId = 'Select a contract that covers the person’s region and this service'
      if (input.complexityLevelId && !levels.some((l) => l.id === input.complexityLevelId))
        errors.complexityLevelId = 'Select a complexity level from the list'
      if (!outcomesOk) errors.desiredOutcomeIds = 'Select desired outcomes from the list'
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      const saved = await repo.updateDraft(
        id,
        input.version,
        {
          contract_id: contract?.id ?? null,
          provider_organisation_id: null,
          complexity_level_id: input.complexityLevelId ?? null,
          reason: input.reason,
          needs: input.needs,
          risk_information: input.riskInformation,
          contact_details: input.contactDetails,
          completion_deadline: input.completionDeadline ?? null,
        },
        input.desiredOutcomeIds,
      )
      if (!saved)
        throw new Conflict(
          'Someone else changed this draft while you were editing it. Check it and save again.',
          { state: referral.state },
        )
      await audit.record(ctx, {
        action: 'update',
        recordType: 'referral',
        recordId: id,
        personId: referral.person_id,
        outcome: 'allowed',
        detail: 'draft saved',
      })
      if (input.intent !== 'send') return { sent: false }
      return this.send(ctx, id)
    },

    async send(ctx: RequestContext, id: string) {
      access.requireSide(ctx, 'referrer')
      const referral = await access.open(ctx, id, 'update')
      assertLiveDraft(referral)
      const outcomes = await repo.desiredOutcomes(id)
      const errors = await completeness(referral, outcomes.length)
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      const contract = (
        await repo.contractsOffered(referral.region_code, referral.service_category_id ?? '', deps.today())
      ).find((c) => c.id === referral.contract_id)
      if (!contract)
        throw new ValidationFailed({
          contractId: 'That contract no longer covers this person’s region and service. Select another.',
        })
      const moved = await repo.db.transaction().execute((trx) =>
        repo.transition(
          trx,
          id,
          'draft',
          'sent',
          {
            sent_at: deps.now(),
            provider_organisation_id: contract.provider_organisation_id,
            referrer_user_id: ctx.actor.userId,
          },
          {
            event: 'send',
            userId: ctx.actor.userId,
            organisationId: ctx.actor.organisationId,
            detail: `to ${contract.provider_name}`,
          },
        ),
      )
      if (!moved) {
        const current = await repo.currentState(id)
        throw new Conflict(
          `This referral has already been sent. It is now: ${STATE_LABELS[current?.state ?? 'draft']}.`,
          { state: current?.state },
        )
      }
      await audit.record(ctx, {
        action: 'update',
        recordType: 'referral',
        recordId: id,
        personId: referral.person_id,
        outcome: 'allowed',
        detail: 'sent',
      })
      return { sent: true }
    },

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
      const actions =
        side === 'provider' || (side === 'referrer' && isReferrerOrg)
          ? availableEvents(referral.state, side)
          : []
      return {
        referral,
        outcomes,
        events,
        quality,
        appointments,
        side,
        actions,
        canRateQuality: side === 'provider' && !quality && referral.state !== 'draft',
      }
    },

    async providerDashboard(ctx: RequestContext, tab: ProviderTab) {
      access.requireSide(ctx, 'provider')
      const rows = await repo.forProvider(ctx.actor.organisationId, tab, ctx.actor.userId)
      await audit.record(ctx, {
        action: 'search',
        recordType: 'referral',
        outcome: 'allowed',
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
        outcome: 'allowed',
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

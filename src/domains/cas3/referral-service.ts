import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Conflict, ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import type { PeopleService } from '../people/service.ts'
import { openInRegion, regionOf, requireCapability } from './access.ts'
import type { Cas3Repository } from './repository.ts'
import type { ReferralRepository } from './referral-repository.ts'
import type { AssessInput, ReferralInput } from './schemas.ts'
import type { ReferralStatus } from './tables.ts'

/** Assessment moves (domain.md section 9); a closed or rejected referral stays as it is. */
const ASSESSMENT_MOVES: Record<ReferralStatus, ReferralStatus[]> = {
  unallocated: ['in_review', 'ready_to_place', 'rejected', 'closed'],
  in_review: ['ready_to_place', 'rejected', 'closed'],
  ready_to_place: ['in_review', 'rejected', 'closed'],
  rejected: [],
  closed: [],
}

export function referralService(
  repo: ReferralRepository,
  estate: Cas3Repository,
  people: PeopleService,
  audit: AuditLog,
  deps: { today: () => string },
) {
  const openReferral = (ctx: RequestContext, id: string) =>
    openInRegion(
      ctx,
      audit,
      { recordType: 'cas3_referral', id, label: 'Referral', personId: (r) => r.person_id },
      repo.find,
    )

  return {
    openReferral,

    async formLists() {
      const [regions, localAuthorities] = await Promise.all([estate.regions(), estate.localAuthorities()])
      const pdus = await Promise.all(
        regions.map(async (r) => ({ region: r.name, pdus: await estate.pdusIn(r.code) })),
      )
      return { pdus, localAuthorities }
    },

    /**
     * What the referral form can fill in when it is opened from a person's page: the identifier
     * the form asks for (CRN, else prison number, never the internal id), the release date still
     * to come and where the person is supervised. Someone out of scope prefills nothing, exactly as
     * someone missing (the attempt is audited by openRecord). A role that cannot refer is refused
     * the form itself (issue 17: no form is shown to a role that cannot send it).
     */
    async prefill(ctx: RequestContext, personId?: string): Promise<Record<string, unknown>> {
      requireCapability(ctx, 'cas3:refer')
      if (!personId) return {}
      const person = await people.openRecord(ctx, personId, 'read', 'cas3_referral').catch(() => undefined)
      if (!person) return {}
      const episode = await repo.latestEpisode(personId)
      return {
        personIdentifier: person.crn ?? person.prison_number ?? '',
        releaseDate: episode && !episode.actual_release_date ? episode.expected_release_date : undefined,
        placementPduCode: episode?.pdu_code ?? undefined,
        placementLocalAuthorityCode: episode?.local_authority_code ?? undefined,
      }
    },

    /** A COM or prison worker refers someone in their own scope, found by CRN or prison number. */
    async refer(ctx: RequestContext, input: ReferralInput) {
      requireCapability(ctx, 'cas3:refer')
      const { results } = await people.search(ctx, input.personIdentifier)
      const match = results.length === 1 ? results[0] : undefined
      if (!match)
        throw new ValidationFailed({
          personIdentifier: 'No one in your caseload has this CRN or prison number',
        })
      await people.openRecord(ctx, match.id, 'update', 'cas3_referral')
      const errors: FieldErrors = {}
      const [episode, pdu, laOk, dtrLaOk] = await Promise.all([
        repo.latestEpisode(match.id),
        estate.pdu(input.placementPduCode),
        input.placementLocalAuthorityCode
          ? estate.localAuthorityExists(input.placementLocalAuthorityCode)
          : true,
        input.dutyToReferLocalAuthorityCode
          ? estate.localAuthorityExists(input.dutyToReferLocalAuthorityCode)
          : true,
      ])
      if (!pdu) errors.placementPduCode = 'Select the PDU from the list'
      if (!laOk) errors.placementLocalAuthorityCode = 'Select the local authority from the list'
      if (!dtrLaOk) errors.dutyToReferLocalAuthorityCode = 'Select the local authority from the list'
      if (input.consentDate > deps.today()) errors.consentDate = 'The consent date cannot be in the future'
      if (input.dutyToReferDate && input.dutyToReferDate > deps.today())
        errors.dutyToReferDate = 'The Duty to Refer date cannot be in the future'
      if (!episode) errors.personIdentifier = 'This person has no custody episode to refer from'
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      const created = await repo.insert({
        person_id: match.id,
        custody_episode_id: episode!.id,
        region_code: pdu!.region_code,
        placement_pdu_code: pdu!.code,
        placement_local_authority_code: input.placementLocalAuthorityCode,
        referred_by: ctx.actor.userId,
        referrer_organisation_id: ctx.actor.organisationId,
        consent_given: true,
        consent_date: input.consentDate,
        eligibility: input.eligibility,
        release_date: input.releaseDate,
        risks_and_needs: input.risksAndNeeds,
        risk_to_children: input.risks.includes('risk_to_children'),
        risk_to_adults: input.risks.includes('risk_to_adults'),
        arson_history: input.risks.includes('arson_history'),
        duty_to_refer_submitted: input.dutyToReferSubmitted,
        duty_to_refer_date: input.dutyToReferSubmitted ? (input.dutyToReferDate ?? null) : null,
        duty_to_refer_local_authority_code: input.dutyToReferSubmitted
          ? input.dutyToReferLocalAuthorityCode
          : null,
        duty_to_refer_outcome: input.dutyToReferSubmitted ? (input.dutyToReferOutcome ?? null) : null,
        crs_referral_made: input.crsReferralMade,
        requirements: input.requirements,
        cultural_needs: input.culturalNeeds,
        move_on_plan: input.moveOnPlan,
      })
      await audit.record(ctx, {
        action: 'create',
        recordType: 'cas3_referral',
        recordId: created.id,
        personId: match.id,
      })
      return created
    },

    /** The referrer's own list, or a CAS3 team's queue for its region. */
    async list(ctx: RequestContext, status?: ReferralStatus) {
      if (ctx.actor.role === 'cas3_officer' || ctx.actor.role === 'admin') {
        requireCapability(ctx, 'cas3:manage')
        return repo.list({ regionCode: regionOf(ctx), status })
      }
      requireCapability(ctx, 'cas3:refer')
      return repo.list({ organisationId: ctx.actor.organisationId, status })
    },

    /** The referrer's organisation may read what it sent; the region's CAS3 team reads its queue. */
    async view(ctx: RequestContext, id: string) {
      const row = await repo.find(id)
      if (row && ctx.actor.organisationId === row.referrer_organisation_id) {
        await audit.record(ctx, {
          action: 'read',
          recordType: 'cas3_referral',
          recordId: id,
          personId: row.person_id,
        })
        return row
      }
      return openReferral(ctx, id)
    },

    async assess(ctx: RequestContext, id: string, input: AssessInput) {
      requireCapability(ctx, 'cas3:manage')
      const referral = await openReferral(ctx, id)
      if (!ASSESSMENT_MOVES[referral.status].includes(input.status)) {
        throw new ValidationFailed({
          status: `A referral that is ${referral.status.replaceAll('_', ' ')} cannot be moved to ${input.status.replaceAll('_', ' ')}`,
        })
      }
      if (input.status === 'rejected' && !(await estate.reason('rejection', input.rejectionReasonId ?? ''))) {
        throw new ValidationFailed({ rejectionReasonId: 'Select a reason from the list' })
      }
      const updated = await repo.setStatus(id, input.version, {
        status: input.status,
        assessor_id: ctx.actor.userId,
        rejection_reason_id: input.status === 'rejected' ? input.rejectionReasonId : null,
        rejection_notes: input.status === 'rejected' ? input.rejectionNotes : null,
      })
      if (!updated)
        throw new Conflict(
          'Someone else changed this referral while you were assessing it. Check its current state and try again.',
        )
      await audit.record(ctx, {
        action: 'update',
        recordType: 'cas3_referral',
        recordId: id,
        personId: referral.person_id,
        detail: input.status,
      })
      return updated
    },
  }
}
export type ReferralService = ReturnType<typeof referralService>

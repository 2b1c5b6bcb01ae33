import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import { Conflict, Forbidden, ValidationFailed } from '../../platform/errors.ts'
import type { z } from 'zod'
import type {
  ChecklistForm,
  DutyToReferForm,
  FirstNightForm,
  FurtherDayDecision,
  HandoverForm,
  ReleaseDayForm,
} from './schemas.ts'
import type { SharedDeps } from './service.ts'
import { handoverPack } from './rules/handover-pack.ts'
import { planQuality } from './rules/plan-quality.ts'
import { formatLongDate } from '../../platform/calendar/index.ts'

const stale = (what: string) =>
  new Conflict(
    `Someone else saved the ${what} while you were editing. Check what they saved below and save again.`,
  )

/** Handover, the day of release and the council's Duty to Refer. */
export function handoverUseCases({
  repo,
  status,
  audit,
  deps,
  open,
  releaseDayFor,
  handoverFor,
}: SharedDeps) {
  const today = deps.today

  async function packFor(
    episodeId: string,
    expectedRelease: string,
    h: { pack_risks: unknown; release_address: unknown } | undefined,
  ) {
    const [assessments, needs, actions] = await Promise.all([
      repo.assessments(episodeId),
      repo.needs(episodeId),
      repo.actions(episodeId),
    ])
    const assessedPathways = assessments.filter((a) => a.status !== 'not_started').length
    const quality = planQuality({
      assessedPathways,
      needs: needs.map((n) => ({ id: n.id, title: n.title, status: n.status })),
      actions: actions.map((a) => ({
        personNeedId: a.person_need_id,
        ownerParty: a.owner_party,
        dueDate: a.due_date,
        status: a.status,
      })),
      releaseDate: expectedRelease,
    })
    return handoverPack({
      planPasses: quality.passes,
      risksShared: h?.pack_risks === true,
      assessedPathways,
      releaseAddress: (h?.release_address as string | null) ?? null,
    })
  }

  return {
    async handover(ctx: RequestContext, personId: string) {
      const { person, episode } = await open(ctx, personId, 'read', 'handover')
      const saved = await repo.findOne('handover', episode.id)
      return {
        person,
        episode,
        saved,
        dates: handoverFor(episode),
        pack: await packFor(episode.id, episode.expected_release_date, saved),
      }
    },

    async saveHandover(ctx: RequestContext, personId: string, input: HandoverForm) {
      const { episode } = await open(ctx, personId, 'update', 'handover', 'people:write')
      const errors: Record<string, string> = {}
      if (Boolean(input.comName) !== Boolean(input.comAllocatedOn))
        errors[input.comName ? 'comAllocatedOn' : 'comName'] = input.comName
          ? 'Enter the date the COM was allocated'
          : 'Enter the name of the allocated COM'
      if (input.comAllocatedOn && input.comAllocatedOn > today())
        errors.comAllocatedOn = 'The allocation date cannot be in the future'
      if (input.meetingStatus !== 'not_scheduled' && !input.meetingDate)
        errors.meetingDate = 'Enter the meeting date'
      if (
        ['held', 'not_held'].includes(input.meetingStatus) &&
        input.meetingDate &&
        input.meetingDate > today()
      )
        errors.meetingDate = 'A meeting that was held or missed cannot be in the future'
      if (input.meetingStatus === 'not_held' && !input.notHeldReason)
        errors.notHeldReason = 'Enter why the meeting was not held'
      if (input.meetingStatus === 'held' && !input.attendees)
        errors.attendees = 'Enter who attended the meeting'
      if (Boolean(input.comContactOn) !== Boolean(input.comContactMethod))
        errors[input.comContactOn ? 'comContactMethod' : 'comContactOn'] = input.comContactOn
          ? 'Select how the COM made contact'
          : 'Enter the date of the COM’s contact'
      if (input.comContactOn && input.comContactOn > today())
        errors.comContactOn = 'The contact date cannot be in the future'
      if (input.comContactOn && input.comContactOn > episode.expected_release_date)
        errors.comContactOn = `Contact before release must be on or before the release date, ${formatLongDate(episode.expected_release_date)}`
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      const saved = await repo.saveOne('handover', episode.id, input.version, {
        custody_episode_id: episode.id,
        person_id: personId,
        com_name: input.comName,
        com_allocated_on: input.comAllocatedOn,
        meeting_status: input.meetingStatus,
        meeting_date: input.meetingStatus === 'not_scheduled' ? null : input.meetingDate,
        not_held_reason: input.meetingStatus === 'not_held' ? input.notHeldReason : null,
        attendees: input.attendees,
        com_contact_on: input.comContactOn,
        com_contact_method: input.comContactMethod,
        pack_risks: input.packRisks,
        release_address: input.releaseAddress,
      })
      if (!saved) throw stale('handover')
      return saved
    },

    async releaseDay(ctx: RequestContext, personId: string) {
      const { person, episode } = await open(ctx, personId, 'read', 'release_day')
      const [decision, checklist, accommodationTypes] = await Promise.all([
        repo.findOne('release_day_decision', episode.id),
        repo.findOne('departure_checklist', episode.id),
        status.accommodationTypes(),
      ])
      const route = (decision?.release_route as 'standard' | 'hdc' | 'parole' | undefined) ?? 'standard'
      const computed = releaseDayFor(episode, route, decision?.further_day_decision === 'approved')
      return { person, episode, decision, checklist, computed, accommodationTypes }
    },

    /** Records how the release-day rule applies: the presumption of one day earlier, or which exclusion held. */
    async saveReleaseDay(ctx: RequestContext, personId: string, input: z.infer<typeof ReleaseDayForm>) {
      if (!can(ctx.actor.role, 'release-day:record')) throw new Forbidden()
      const { episode } = await open(ctx, personId, 'update', 'release_day')
      const existing = await repo.findOne('release_day_decision', episode.id)
      const approved = existing?.further_day_decision === 'approved'
      const r = releaseDayFor(episode, input.releaseRoute, approved)
      const saved = await repo.saveOne('release_day_decision', episode.id, input.version, {
        custody_episode_id: episode.id,
        person_id: personId,
        due_date: episode.expected_release_date,
        release_route: input.releaseRoute,
        applied: r.applied,
        exclusion: r.exclusion,
        release_date: r.releaseDate,
        further_day_date: r.furtherDayDate,
      })
      if (!saved) throw stale('release day')
      await audit.record(ctx, {
        action: 'update',
        recordType: 'release_day_decision',
        recordId: episode.id,
        personId,
        outcome: 'allowed',
        detail: r.applied,
      })
      return r
    },

    /** HMPPS policy: the COM may ask for a further day; the governor decides. */
    async requestFurtherDay(ctx: RequestContext, personId: string, version: number) {
      if (!can(ctx.actor.role, 'release-day:request-further-day'))
        throw new Forbidden('Only the community offender manager can ask for a further day')
      const { episode } = await open(ctx, personId, 'update', 'release_day')
      const decision = await repo.findOne('release_day_decision', episode.id)
      if (!decision)
        throw new ValidationFailed({
          form: 'Record how the release-day rule applies before asking for a further day',
        })
      if (!decision.further_day_date)
        throw new ValidationFailed({ form: 'There is no further eligible day to ask for' })
      const saved = await repo.saveOne('release_day_decision', episode.id, version, {
        ...decision,
        further_day_requested_on: today(),
        further_day_requested_by: ctx.actor.userId,
        further_day_decision: null,
        further_day_decided_by: null,
        further_day_decided_on: null,
      })
      if (!saved) throw stale('release day')
      return saved
    },

    async decideFurtherDay(ctx: RequestContext, personId: string, input: z.infer<typeof FurtherDayDecision>) {
      if (!can(ctx.actor.role, 'release-day:governor-decision'))
        throw new Forbidden('The prison records the governor’s decision')
      const { episode } = await open(ctx, personId, 'update', 'release_day')
      const decision = await repo.findOne('release_day_decision', episode.id)
      if (!decision?.further_day_requested_on)
        throw new ValidationFailed({ decision: 'No further day has been requested' })
      const route = decision.release_route as 'standard' | 'hdc' | 'parole'
      const r = releaseDayFor(episode, route, input.decision === 'approved')
      const saved = await repo.saveOne('release_day_decision', episode.id, input.version, {
        ...decision,
        release_date: r.releaseDate,
        applied: r.applied,
        further_day_decision: input.decision,
        further_day_decided_by: input.decidedBy,
        further_day_decided_on: today(),
      })
      if (!saved) throw stale('release day')
      return r
    },

    async saveChecklist(ctx: RequestContext, personId: string, input: ChecklistForm) {
      const { episode } = await open(ctx, personId, 'update', 'departure_checklist', 'people:write')
      const saved = await repo.saveOne('departure_checklist', episode.id, input.version, {
        custody_episode_id: episode.id,
        person_id: personId,
        id_document: input.idDocument,
        bank_card: input.bankCard,
        discharge_grant: input.dischargeGrant,
        medication: input.medication,
        travel: input.travel,
        first_appointment: input.firstAppointment,
        sleeping_tonight: input.sleepingTonight,
      })
      if (!saved) throw stale('departure checklist')
      return saved
    },

    /**
     * Records the release and where the person sleeps the first night, as the first accommodation
     * status event (through the status service, so the outcome measures read it like any other).
     */
    async recordFirstNight(ctx: RequestContext, personId: string, input: z.infer<typeof FirstNightForm>) {
      if (!can(ctx.actor.role, 'status:write') || !can(ctx.actor.role, 'people:write')) throw new Forbidden()
      const { episode } = await open(ctx, personId, 'update', 'custody_episode')
      const errors: Record<string, string> = {}
      if (episode.actual_release_date)
        errors.releasedOn = `Release was already recorded on ${formatLongDate(episode.actual_release_date)}`
      if (input.releasedOn > today()) errors.releasedOn = 'The release date cannot be in the future'
      if (input.releasedOn < episode.sentence_date)
        errors.releasedOn = 'The release date cannot be before the sentence date'
      const types = await status.accommodationTypes()
      if (!types.some((t) => t.code === input.accommodationTypeCode))
        errors.accommodationTypeCode = 'Select where the person will sleep tonight from the list'
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      const decision = await repo.findOne('release_day_decision', episode.id)
      const releaseType =
        decision?.release_route === 'hdc'
          ? 'hdc'
          : decision?.release_route === 'parole'
            ? 'parole'
            : 'conditional_release'
      const released = await repo.recordRelease(episode.id, input.releasedOn, releaseType)
      if (!released) throw new Conflict('Someone else has just recorded this release.')
      return status.record(ctx, personId, {
        kind: 'accommodation',
        custodyEpisodeId: episode.id,
        accommodationTypeCode: input.accommodationTypeCode,
        effectiveDate: input.releasedOn,
        source: 'prison',
        note: 'First night after release',
      })
    },

    async dutyToRefer(ctx: RequestContext, personId: string) {
      const { person, episode } = await open(ctx, personId, 'read', 'duty_to_refer')
      return { person, episode, saved: await repo.findOne('duty_to_refer', episode.id) }
    },

    /** The council records receiving a Duty to Refer (Housing Act 1996, s.213B) and its outcome. */
    async saveDutyToRefer(ctx: RequestContext, personId: string, input: DutyToReferForm) {
      if (!can(ctx.actor.role, 'duty-to-refer:record'))
        throw new Forbidden('Only the council records a Duty to Refer')
      const { episode } = await open(ctx, personId, 'update', 'duty_to_refer')
      const errors: Record<string, string> = {}
      if (!episode.local_authority_code)
        errors.receivedOn =
          'No release area is recorded for this person, so no council can receive the referral'
      if (input.receivedOn > today()) errors.receivedOn = 'The date received cannot be in the future'
      if (Boolean(input.outcome) !== Boolean(input.outcomeOn))
        errors[input.outcome ? 'outcomeOn' : 'outcome'] = input.outcome
          ? 'Enter the date of the outcome'
          : 'Select the outcome'
      if (input.outcomeOn && input.outcomeOn < input.receivedOn)
        errors.outcomeOn = 'The outcome date cannot be before the date the referral was received'
      if (input.outcomeOn && input.outcomeOn > today())
        errors.outcomeOn = 'The outcome date cannot be in the future'
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      const saved = await repo.saveOne('duty_to_refer', episode.id, input.version, {
        custody_episode_id: episode.id,
        person_id: personId,
        local_authority_code: episode.local_authority_code ?? '',
        received_on: input.receivedOn,
        outcome: input.outcome,
        outcome_on: input.outcomeOn,
        recorded_by: ctx.actor.userId,
      })
      if (!saved) throw stale('Duty to Refer')
      return saved
    },
  }
}

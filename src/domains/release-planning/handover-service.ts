import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import { Conflict, Forbidden, ValidationFailed } from '../../platform/errors.ts'
import type { DutyToReferForm, HandoverForm } from './schemas.ts'
import type { PlanningContext } from './context.ts'
import { handoverPack } from './rules/handover-pack.ts'
import { formatLongDate } from '../../platform/calendar/index.ts'

const stale = (what: string) =>
  new Conflict(
    `Someone else saved the ${what} while you were editing. Check what they saved below and save again.`,
  )

/** Handover from prison to probation, and the council's Duty to Refer. */
export function handoverUseCases({ repo, deps, open, handoverFor, planState }: PlanningContext) {
  const today = deps.today

  async function packFor(
    episodeId: string,
    expectedRelease: string,
    h: { pack_risks: unknown; release_address: unknown } | undefined,
  ) {
    const { assessments, quality } = await planState(episodeId, expectedRelease)
    return handoverPack({
      planPasses: quality.passes,
      risksShared: h?.pack_risks === true,
      assessedPathways: assessments.filter((a) => a.status !== 'not_started').length,
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

import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import { Conflict, Forbidden, ValidationFailed } from '../../platform/errors.ts'
import type { z } from 'zod'
import type { ChecklistForm, FirstNightForm, FurtherDayDecision, ReleaseDayForm } from './schemas.ts'
import { routeOf, type PlanningContext } from './context.ts'
import { formatLongDate } from '../../platform/calendar/index.ts'

const stale = (what: string) =>
  new Conflict(
    `Someone else saved the ${what} while you were editing. Check what they saved below and save again.`,
  )

/**
 * The day of release: how the Offenders (Day of Release from Detention) Act 2023 applies, a
 * further day asked for and decided, the departure checklist, and the release itself with where
 * the person sleeps the first night.
 */
export function releaseDayUseCases({ repo, status, audit, deps, open, releaseDayFor }: PlanningContext) {
  const today = deps.today
  return {
    async releaseDay(ctx: RequestContext, personId: string) {
      const { person, episode } = await open(ctx, personId, 'read', 'release_day')
      const [decision, checklist, accommodationTypes] = await Promise.all([
        repo.findOne('release_day_decision', episode.id),
        repo.findOne('departure_checklist', episode.id),
        status.accommodationTypes(),
      ])
      const route = routeOf(decision)
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
      const route = routeOf(decision)
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
  }
}

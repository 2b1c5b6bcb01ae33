import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../../platform/errors.ts'
import type { PeopleService } from '../people/service.ts'
import type { StatusService } from '../status/service.ts'
import type { TimelineItem } from '../people/timeline.ts'
import type { ReleasePlanningRepository } from './repository.ts'
import type { ReadinessRepository } from './readiness-repository.ts'
import type { ActionForm, ReleaseDateChange } from './schemas.ts'
import { addDays, dateOf, englandAndWalesCalendar, formatLongDate } from '../../platform/calendar/index.ts'
import {
  computeHandover,
  DEFAULT_HANDOVER_RULES,
  type HandoverRules,
  type MappaLevel,
} from './rules/handover.ts'
import { computeReleaseDay, DEFAULT_RELEASE_DAY_RULE, type ReleaseDayRule } from './rules/release-day.ts'
import { planQuality } from './rules/plan-quality.ts'
import { movedActions, movedDate } from './rules/release-date-change.ts'
import { PATHWAY_KEYS, SCREENINGS, STANDARD_ACTIONS } from './vocabulary.ts'
import { standardActionDue } from './rules/action-due.ts'
import { assessmentUseCases } from './assessment-service.ts'
import { handoverUseCases } from './handover-service.ts'
import { readinessUseCases } from './readiness-service.ts'

export interface ReleasePlanningDeps {
  today: () => string
  handoverRules?: HandoverRules
  releaseDayRule?: ReleaseDayRule
}

export type Episode = NonNullable<Awaited<ReturnType<ReleasePlanningRepository['currentEpisode']>>>

export function releasePlanningService(
  repo: ReleasePlanningRepository,
  readiness: ReadinessRepository,
  people: PeopleService,
  status: StatusService,
  audit: AuditLog,
  deps: ReleasePlanningDeps,
) {
  const calendar = englandAndWalesCalendar()
  const handoverRules = deps.handoverRules ?? DEFAULT_HANDOVER_RULES
  const releaseDayRule = deps.releaseDayRule ?? DEFAULT_RELEASE_DAY_RULE

  /** Opens the person's record (audited, out of scope is NotFound) and finds the release being planned. */
  async function open(
    ctx: RequestContext,
    personId: string,
    action: 'read' | 'update',
    recordType: string,
    capability?: 'people:write',
  ) {
    if (capability && !can(ctx.actor.role, capability)) throw new Forbidden()
    const person = await people.openRecord(ctx, personId, action, recordType)
    const episode = await repo.currentEpisode(personId)
    if (!episode) throw new NotFound('Release')
    return { person, episode }
  }

  function releaseDayFor(
    episode: Episode,
    route: 'standard' | 'hdc' | 'parole' = 'standard',
    furtherDayApproved = false,
  ) {
    return computeReleaseDay(
      {
        dueDate: episode.expected_release_date,
        sentenceDate: episode.sentence_date,
        sentenceType: episode.sentence_type,
        releaseType: route === 'hdc' ? 'hdc' : route === 'parole' ? 'parole' : 'conditional_release',
        dateOfBirth: episode.date_of_birth,
        furtherDayApproved,
      },
      calendar,
      releaseDayRule,
    )
  }

  function handoverFor(
    episode: Pick<Episode, 'sentence_date' | 'expected_release_date' | 'sentence_type' | 'mappa_level'>,
  ) {
    return computeHandover(
      {
        sentenceDate: episode.sentence_date,
        releaseDate: episode.expected_release_date,
        sentenceType: episode.sentence_type,
        mappaLevel: (episode.mappa_level ?? null) as MappaLevel | null,
      },
      handoverRules,
    )
  }

  async function planState(episode: Episode) {
    const [assessments, needs, actions] = await Promise.all([
      repo.assessments(episode.id),
      repo.needs(episode.id),
      repo.actions(episode.id),
    ])
    const quality = planQuality({
      assessedPathways: assessments.filter((a) => a.status !== 'not_started').length,
      needs: needs.map((n) => ({ id: n.id, title: n.title, status: n.status })),
      actions: actions.map((a) => ({
        personNeedId: a.person_need_id,
        ownerParty: a.owner_party,
        dueDate: a.due_date,
        status: a.status,
      })),
      releaseDate: episode.expected_release_date,
    })
    return { assessments, needs, actions, quality }
  }

  const shared = { repo, readiness, people, status, audit, deps, open, releaseDayFor, handoverFor, calendar }

  return {
    async overview(ctx: RequestContext, personId: string) {
      const { person, episode } = await open(ctx, personId, 'read', 'release_plan')
      const [state, changes, decision] = await Promise.all([
        planState(episode),
        repo.releaseDateChanges(episode.id),
        repo.findOne('release_day_decision', episode.id),
      ])
      const route = (decision?.release_route as 'standard' | 'hdc' | 'parole' | undefined) ?? 'standard'
      return {
        person,
        episode,
        ...state,
        changes,
        releaseDay: releaseDayFor(episode, route),
        handover: handoverFor(episode),
      }
    },

    ...assessmentUseCases(shared),

    async plan(ctx: RequestContext, personId: string) {
      const { person, episode } = await open(ctx, personId, 'read', 'release_plan')
      const [state, organisations] = await Promise.all([planState(episode), repo.organisations()])
      return { person, episode, ...state, organisations, today: deps.today() }
    },

    /** Adds the standard actions (vocabulary.ts) not already on the plan, each due its set weeks before release. */
    async proposeStandardActions(ctx: RequestContext, personId: string) {
      const { episode } = await open(ctx, personId, 'update', 'plan_action', 'people:write')
      const [needs, actions] = await Promise.all([repo.needs(episode.id), repo.actions(episode.id)])
      const present = new Set(actions.filter((a) => a.status !== 'cancelled').map((a) => a.standard_action))
      const rows = STANDARD_ACTIONS.filter((s) => !present.has(s.key))
        .map((s) => ({
          s,
          need: s.needIds
            .map((id) => needs.find((n) => n.support_need_id === id && n.status !== 'declined'))
            .find(Boolean),
        }))
        .filter(({ s, need }) => !s.onlyWithNeed || need)
        .map(({ s, need }) => {
          // Never created already overdue (rules/action-due.ts); a date moved off its set point
          // no longer follows the release date when that changes.
          const due = standardActionDue({
            release: episode.expected_release_date,
            weeksBefore: s.weeksBeforeRelease,
            today: deps.today(),
          })
          const onSetPoint = due === addDays(episode.expected_release_date, -7 * s.weeksBeforeRelease)
          return {
            custody_episode_id: episode.id,
            person_id: personId,
            person_need_id: need?.id ?? null,
            standard_action: s.key,
            description: s.description,
            owner_party: s.owner,
            due_date: due,
            weeks_before_release: onSetPoint ? s.weeksBeforeRelease : null,
            updated_by: ctx.actor.userId,
          }
        })
      const added = await repo.insertActions(rows)
      await audit.record(ctx, {
        action: 'create',
        recordType: 'plan_action',
        personId,
        outcome: 'allowed',
        detail: `${added.length} standard actions`,
      })
      return added.length
    },

    async action(ctx: RequestContext, personId: string, actionId: string) {
      const { person, episode } = await open(ctx, personId, 'read', 'plan_action')
      const [action, needs, organisations] = await Promise.all([
        repo.findAction(actionId),
        repo.needs(episode.id),
        repo.organisations(),
      ])
      if (!action || action.custody_episode_id !== episode.id) throw new NotFound('Action')
      return { person, episode, action, needs, organisations }
    },

    /** Adds (no actionId) or edits an action. Its due date must fall between today's plan and the release. */
    async saveAction(ctx: RequestContext, personId: string, input: ActionForm, actionId?: string) {
      const { episode } = await open(ctx, personId, 'update', 'plan_action', 'people:write')
      const [needs, orgOk, existing] = await Promise.all([
        repo.needs(episode.id),
        input.ownerOrganisationId
          ? repo.organisationExists(input.ownerOrganisationId)
          : Promise.resolve(true),
        actionId ? repo.findAction(actionId) : Promise.resolve(undefined),
      ])
      if (actionId && (!existing || existing.custody_episode_id !== episode.id)) throw new NotFound('Action')
      const errors: Record<string, string> = {}
      if (input.personNeedId && !needs.some((n) => n.id === input.personNeedId))
        errors.personNeedId = 'Select one of this person’s needs'
      if (!orgOk) errors.ownerOrganisationId = 'Select an organisation from the list'
      // Pre-release actions must be done by the release: one due later cannot help on the day.
      if (input.dueDate > episode.expected_release_date)
        errors.dueDate = `The due date must be on or before the release date, ${formatLongDate(episode.expected_release_date)}`
      if (input.dueDate < episode.sentence_date)
        errors.dueDate = 'The due date cannot be before the sentence date'
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      const values = {
        description: input.description,
        person_need_id: input.personNeedId,
        owner_party: input.ownerParty,
        owner_organisation_id: input.ownerOrganisationId,
        owner_name: input.ownerName,
        due_date: input.dueDate,
        status: input.status,
        updated_by: ctx.actor.userId,
      }
      if (!existing) {
        const [created] = await repo.insertActions([
          { ...values, custody_episode_id: episode.id, person_id: personId, weeks_before_release: null },
        ])
        return created
      }
      // A due date set by hand no longer follows the release date.
      const weeks = input.dueDate === existing.due_date ? existing.weeks_before_release : null
      const updated = await repo.updateAction(existing.id, input.version, {
        ...values,
        weeks_before_release: weeks,
      })
      if (!updated)
        throw new Conflict(
          'Someone else changed this action while you were editing. Your changes are still in the form: check theirs below and save again.',
          await repo.findAction(existing.id),
        )
      return updated
    },

    /** Moves the release date, and with it every date planned from it; keeps the history and says what moved. */
    async changeReleaseDate(ctx: RequestContext, personId: string, input: ReleaseDateChange) {
      const { episode } = await open(ctx, personId, 'update', 'custody_episode', 'people:write')
      if (input.newReleaseDate < episode.sentence_date)
        throw new ValidationFailed({
          newReleaseDate: `The release date cannot be before the sentence date, ${formatLongDate(episode.sentence_date)}`,
        })
      if (episode.licence_end_date && input.newReleaseDate > episode.licence_end_date)
        throw new ValidationFailed({
          newReleaseDate: 'The release date cannot be after the licence end date',
        })
      if (input.newReleaseDate === episode.expected_release_date)
        throw new ValidationFailed({ newReleaseDate: 'This is already the release date' })
      if (episode.actual_release_date)
        throw new ValidationFailed({ newReleaseDate: 'This person has already been released' })
      const [actions, decision] = await Promise.all([
        repo.actions(episode.id),
        repo.findOne('release_day_decision', episode.id),
      ])
      const after = { ...episode, expected_release_date: input.newReleaseDate }
      const [hBefore, hAfter] = [handoverFor(episode), handoverFor(after)]
      // A recorded release-day decision is redone for the new date under the same route; a further
      // day the governor approved was for the old date, so it must be asked for again.
      const route = (decision?.release_route as 'standard' | 'hdc' | 'parole' | undefined) ?? 'standard'
      const dBefore = decision ? { releaseDate: decision.release_date } : releaseDayFor(episode, route)
      const dAfter = releaseDayFor(after, route)
      const movedItems = movedActions(
        actions
          .filter((a) => a.status !== 'done' && a.status !== 'cancelled')
          .map((a) => ({
            id: a.id,
            label: a.description,
            date: a.due_date,
            weeksBeforeRelease: a.weeks_before_release,
          })),
        input.newReleaseDate,
      )
      const moved = [
        ...movedDate('Release day', dBefore.releaseDate, dAfter.releaseDate),
        ...movedDate('Handover to probation', hBefore.handoverDate, hAfter.handoverDate),
        ...movedDate('COM allocation due', hBefore.comAllocationDueDate, hAfter.comAllocationDueDate),
        ...movedItems,
      ]
      const changed = await repo.changeReleaseDate({
        episodeId: episode.id,
        personId,
        version: input.version,
        oldDate: episode.expected_release_date,
        newDate: input.newReleaseDate,
        reason: input.reason,
        actionDates: movedItems.map((m) => ({ id: m.id ?? '', to: m.to })),
        releaseDay: decision
          ? {
              due_date: input.newReleaseDate,
              applied: dAfter.applied,
              exclusion: dAfter.exclusion,
              release_date: dAfter.releaseDate,
              further_day_date: dAfter.furtherDayDate,
            }
          : undefined,
        moved,
        by: ctx.actor.userId,
      })
      if (!changed)
        throw new Conflict(
          'Someone else changed this release while you were editing. Check the current release date and try again.',
        )
      return moved
    },

    ...handoverUseCases(shared),
    ...readinessUseCases(shared),

    /** For the person's timeline; the caller has already checked access. */
    async timeline(personId: string): Promise<TimelineItem[]> {
      const all = await repo.everything(personId)
      return [
        ...all.screenings.map((s) => ({
          date: s.screened_on,
          title: `Screening: ${SCREENINGS[s.kind as keyof typeof SCREENINGS] ?? s.kind}`,
          detail: `Result: ${s.result}${s.score !== null ? ` (score ${s.score})` : ''}`,
          source: 'Release planning',
        })),
        ...all.dateChanges.map((c) => ({
          date: dateOf(c.changed_at),
          title: `Release date changed to ${formatLongDate(c.new_date)}`,
          detail: c.reason,
          source: 'Release planning',
        })),
      ]
    },
    gather: (personId: string) => repo.everything(personId),
    pathwayKeys: PATHWAY_KEYS,
  }
}

export type SharedDeps = {
  repo: ReleasePlanningRepository
  readiness: ReadinessRepository
  people: PeopleService
  status: StatusService
  audit: AuditLog
  deps: ReleasePlanningDeps
  open: (
    ctx: RequestContext,
    personId: string,
    action: 'read' | 'update',
    recordType: string,
    capability?: 'people:write',
  ) => Promise<{ person: { id: string; given_name: string; family_name: string }; episode: Episode }>
  releaseDayFor: (
    episode: Episode,
    route?: 'standard' | 'hdc' | 'parole',
    furtherDayApproved?: boolean,
  ) => ReturnType<typeof computeReleaseDay>
  handoverFor: (episode: Episode) => ReturnType<typeof computeHandover>
  calendar: ReturnType<typeof englandAndWalesCalendar>
}

export type ReleasePlanningService = ReturnType<typeof releasePlanningService>

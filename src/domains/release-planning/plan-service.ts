import type { RequestContext } from '../../platform/auth/actor.ts'
import { Conflict, NotFound, ValidationFailed } from '../../platform/errors.ts'
import type { ActionForm } from './schemas.ts'
import type { PlanningContext } from './context.ts'
import { addDays, formatLongDate } from '../../platform/calendar/index.ts'
import { STANDARD_ACTIONS } from './vocabulary.ts'
import { standardActionDue } from './rules/action-due.ts'

/** The resettlement plan: its actions, the standard ones proposed from the needs, and edits to them. */
export function planUseCases({ repo, audit, deps, open, planState, calendar }: PlanningContext) {
  return {
    async plan(ctx: RequestContext, personId: string) {
      const { person, episode } = await open(ctx, personId, 'read', 'release_plan')
      const [state, organisations] = await Promise.all([
        planState(episode.id, episode.expected_release_date),
        repo.organisations(),
      ])
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
            releaseDay: calendar.covers(episode.expected_release_date)
              ? calendar.workingDayOnOrBefore(episode.expected_release_date)
              : undefined,
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
  }
}

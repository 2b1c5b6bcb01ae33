import type { RequestContext } from '../../platform/auth/actor.ts'
import { Conflict, ValidationFailed } from '../../platform/errors.ts'
import type { TimelineItem } from '../people/timeline.ts'
import type { ReleaseDateChange } from './schemas.ts'
import { routeOf, type PlanningContext } from './context.ts'
import { movedActions, movedDate } from './rules/release-date-change.ts'
import { dateOf, formatLongDate } from '../../platform/calendar/index.ts'
import { SCREENINGS } from './vocabulary.ts'

/** The release-planning overview, moving the release date with everything planned from it, and the timeline. */
export function overviewUseCases({ repo, open, planState, releaseDayFor, handoverFor }: PlanningContext) {
  return {
    async overview(ctx: RequestContext, personId: string) {
      const { person, episode } = await open(ctx, personId, 'read', 'release_plan')
      const [state, changes, decision] = await Promise.all([
        planState(episode.id, episode.expected_release_date),
        repo.releaseDateChanges(episode.id),
        repo.findOne('release_day_decision', episode.id),
      ])
      const route = routeOf(decision)
      return {
        person,
        episode,
        ...state,
        changes,
        releaseDay: releaseDayFor(episode, route),
        handover: handoverFor(episode),
      }
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
      const route = routeOf(decision)
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
  }
}

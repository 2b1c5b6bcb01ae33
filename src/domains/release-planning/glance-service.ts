import type { GlanceEvent, GlancePart, GlanceRow } from '../people/glance.ts'
import { routeOf, type PlanningContext } from './context.ts'
import { checkpointsFor } from '../outcomes/checkpoints.ts'
import { daysBetween, formatLongDate } from '../../platform/calendar/index.ts'
import { HANDOVER_MEETING_STATUSES } from './vocabulary.ts'

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * Release planning's part of the person at a glance (people/glance.ts): the release and days to
 * go, the COM and the handover, the plan's quality check and needs without an action, and the
 * dates coming up (release day, handover, actions due, the outcome checkpoints after release).
 * The caller has already opened the record, so this reads without a second audit entry.
 */
export function glanceUseCases({ repo, deps, releaseDayFor, handoverFor, planState }: PlanningContext) {
  return {
    async glance(personId: string): Promise<GlancePart> {
      const episode = await repo.currentEpisode(personId)
      if (!episode) return { order: 10, rows: [] }
      const today = deps.today()
      const base = `/people/${personId}/release-planning`
      const [handover, decision, state] = await Promise.all([
        repo.findOne('handover', episode.id),
        repo.findOne('release_day_decision', episode.id),
        planState(episode.id, episode.expected_release_date),
      ])
      const released = episode.actual_release_date
      const releaseDay = decision?.release_date ?? releaseDayFor(episode, routeOf(decision)).releaseDate
      const dates = handoverFor(episode)
      const rows: GlanceRow[] = []
      const upcoming: GlanceEvent[] = []

      if (released) {
        rows.push({ label: 'Release', value: `Released on ${formatLongDate(released)}`, href: base })
        const next = checkpointsFor(released).find((c) => c.date >= today)
        rows.push({
          label: 'Next checkpoint',
          value: next ? `${next.label}, ${formatLongDate(next.date)}` : 'All checkpoints have passed',
        })
        for (const c of checkpointsFor(released))
          upcoming.push({ date: c.date, label: `Checkpoint: ${c.label}` })
      } else {
        const toGo = daysBetween(today, releaseDay)
        rows.push({
          label: 'Release',
          value:
            toGo >= 0
              ? `${formatLongDate(releaseDay)}, ${toGo === 0 ? 'today' : `${plural(toGo, 'day')} to go`}`
              : `${formatLongDate(releaseDay)}, ${plural(-toGo, 'day')} ago and not yet recorded`,
          href: `${base}/release-day`,
          attention: toGo < 0 ? 'Release not recorded' : undefined,
        })
        upcoming.push({ date: releaseDay, label: 'Release day' })
      }

      const comOverdue = !handover?.com_name && dates.comAllocationDueDate < today
      rows.push({
        label: 'Community offender manager',
        value: handover?.com_name
          ? `${String(handover.com_name)}${handover.com_allocated_on ? `, allocated ${formatLongDate(String(handover.com_allocated_on))}` : ''}`
          : `Not allocated; due by ${formatLongDate(dates.comAllocationDueDate)}`,
        href: `${base}/handover`,
        attention: comOverdue ? 'Allocation overdue' : undefined,
      })
      if (!released) {
        const meeting = handover?.meeting_status as keyof typeof HANDOVER_MEETING_STATUSES | undefined
        rows.push({
          label: 'Handover',
          value: `${formatLongDate(dates.handoverDate)}; meeting ${(HANDOVER_MEETING_STATUSES[meeting ?? 'not_scheduled'] ?? 'not scheduled').toLowerCase()}${handover?.meeting_date ? ` (${formatLongDate(String(handover.meeting_date))})` : ''}`,
          href: `${base}/handover`,
          attention:
            dates.handoverDate < today && meeting !== 'held' ? 'Handover meeting overdue' : undefined,
        })
        upcoming.push({ date: dates.handoverDate, label: 'Handover to probation' })
        if (!handover?.com_name)
          upcoming.push({ date: dates.comAllocationDueDate, label: 'COM allocation due' })
      }

      const open = state.needs.filter((n) => n.status !== 'declined')
      const covered = new Set(
        state.actions.filter((a) => a.status !== 'cancelled').map((a) => a.person_need_id),
      )
      const uncovered = open.filter((n) => !covered.has(n.id)).length
      rows.push({
        label: 'Needs',
        value: open.length
          ? `${plural(open.length, 'need')} identified; ${uncovered ? `${uncovered} without an action` : 'each has an action'}`
          : state.assessments.some((a) => a.status !== 'not_started')
            ? 'No needs identified'
            : 'Not assessed yet',
        href: `${base}/plan`,
        attention: uncovered ? 'Needs without an action' : undefined,
      })
      rows.push({
        label: 'Resettlement plan',
        value: state.quality.passes
          ? 'Passes the quality check'
          : `Does not pass the quality check: ${plural(state.quality.problems.length, 'problem')}`,
        href: `${base}/plan`,
      })
      const overdue = state.actions.filter(
        (a) => a.status !== 'done' && a.status !== 'cancelled' && a.due_date && a.due_date < today,
      ).length
      if (overdue)
        rows.push({
          label: 'Actions overdue',
          value: plural(overdue, 'action'),
          href: `${base}/plan`,
          attention: 'Overdue',
        })
      for (const a of state.actions)
        if (a.status !== 'done' && a.status !== 'cancelled' && a.due_date)
          upcoming.push({ date: a.due_date, label: `Action due: ${a.description}` })
      return { order: 10, rows, upcoming }
    },
  }
}

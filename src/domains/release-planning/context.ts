/**
 * What every release-planning use case shares: the repositories, the services of other domains it
 * reads through, and the steps each use case starts with (open the record, work out the release day
 * and the handover dates). The use-case files take this and nothing else, so none of them imports
 * another and the service is only their composition (issue 11: no import cycles).
 */
import { camelRow, camelRows } from '../../platform/db/camel.ts'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Forbidden, NotFound } from '../../platform/errors.ts'
import type { PeopleService } from '../people/service.ts'
import type { StatusService } from '../status/service.ts'
import type { ReleasePlanningRepository } from './repository.ts'
import type { ReadinessRepository } from './readiness-repository.ts'
import { englandAndWalesCalendar } from '../../platform/calendar/index.ts'
import {
  computeHandover,
  DEFAULT_HANDOVER_RULES,
  type HandoverRules,
  type MappaLevel,
} from './rules/handover.ts'
import { computeReleaseDay, DEFAULT_RELEASE_DAY_RULE, type ReleaseDayRule } from './rules/release-day.ts'
import { planQuality } from './rules/plan-quality.ts'

export interface ReleasePlanningDeps {
  today: () => string
  /** The disclosure threshold for published figures (config SMALL_CELL_THRESHOLD). */
  disclosureThreshold?: number
  handoverRules?: HandoverRules
  releaseDayRule?: ReleaseDayRule
}

export type Episode = NonNullable<Awaited<ReturnType<ReleasePlanningRepository['currentEpisode']>>>
export type ReleaseRoute = 'standard' | 'hdc' | 'parole'

export function planningContext(
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

  function releaseDayFor(episode: Episode, route: ReleaseRoute = 'standard', furtherDayApproved = false) {
    return computeReleaseDay(
      {
        ...camelRow(episode, ['sentence_date', 'sentence_type', 'date_of_birth']),
        dueDate: episode.expected_release_date,
        releaseType: route === 'hdc' ? 'hdc' : route === 'parole' ? 'parole' : 'conditional_release',
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
        ...camelRow(episode, ['sentence_date', 'sentence_type']),
        releaseDate: episode.expected_release_date,
        mappaLevel: (episode.mappa_level ?? null) as MappaLevel | null,
      },
      handoverRules,
    )
  }

  /** The plan as it stands and its quality check (rules/plan-quality.ts), read in one go. */
  async function planState(episodeId: string, releaseDate: string) {
    const [assessments, needs, actions] = await Promise.all([
      repo.assessments(episodeId),
      repo.needs(episodeId),
      repo.actions(episodeId),
    ])
    const quality = planQuality({
      assessedPathways: assessments.filter((a) => a.status !== 'not_started').length,
      needs: needs.map((n) => ({ id: n.id, title: n.title, status: n.status })),
      actions: camelRows(actions, ['person_need_id', 'owner_party', 'due_date', 'status']),
      releaseDate,
    })
    return { assessments, needs, actions, quality }
  }

  return {
    repo,
    readiness,
    people,
    status,
    audit,
    deps,
    calendar,
    open,
    releaseDayFor,
    handoverFor,
    planState,
  }
}

export type PlanningContext = ReturnType<typeof planningContext>
/** A recorded release-day decision's route, or the standard route when none is recorded. */
export const routeOf = (decision: { release_route?: unknown } | undefined): ReleaseRoute =>
  decision?.release_route === 'hdc' || decision?.release_route === 'parole'
    ? decision.release_route
    : 'standard'

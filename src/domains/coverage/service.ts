/**
 * Overlaps and gaps use cases. Access first: the report by area and pathway is for readers of
 * reports (national, or their region); the worklist of people with gaps due for release soon
 * is for anyone who reads people, within their own scope (a council sees releases into its
 * area, a provider the people referred to it), and is audited as a read of those people's records; recording another party's service
 * opens the person's record through the people service (scoped and audited there).
 */
import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { can } from '../../platform/auth/roles.ts'
import { Forbidden, NotFound, ValidationFailed } from '../../platform/errors.ts'
import { dayNumber, isoOfDay } from '../forecasting/flow.ts'
import type { PeopleService } from '../people/service.ts'
import { judge, report } from './judge.ts'
import type { CoverageRepository } from './repository.ts'
import type { ServiceEpisodeInput } from './schemas.ts'

export function coverageService(
  repo: CoverageRepository,
  people: PeopleService,
  audit: AuditLog,
  deps: { today: () => string; threshold: number },
) {
  function mayList(ctx: RequestContext) {
    return can(ctx.actor.role, 'people:read')
  }
  function mayReport(ctx: RequestContext) {
    const level = ctx.actor.scope.level
    return can(ctx.actor.role, 'reports:read') && (level === 'national' || level === 'region')
  }

  return {
    mayRecord: (ctx: RequestContext) => can(ctx.actor.role, 'status:write'),

    /** The report (releases in the 12 months whose grace period is over) and the worklist. */
    async overview(ctx: RequestContext) {
      if (!mayList(ctx)) throw new Forbidden()
      const today = dayNumber(deps.today())
      const settings = await repo.settings()
      const grace = settings.graceWeeks * 7
      const soon = settings.dueSoonWeeks * 7
      const [past, upcoming, commissioned] = await Promise.all([
        mayReport(ctx) ? repo.read(ctx.actor.scope, { from: isoOfDay(today - 365 - grace), to: isoOfDay(today - grace - 1) }) : null,
        repo.read(ctx.actor.scope, { from: isoOfDay(today), to: isoOfDay(today + soon) }),
        repo.commissioned(deps.today()),
      ])
      const byRegion = ctx.actor.scope.level === 'national'
      const cells = past
        ? report(judge(past, grace, today), (e) => (byRegion ? e.region : e.pdu), deps.threshold)
        : null
      const due = judge(upcoming, grace, today)
        .filter((j) => j.gaps.length > 0)
        .sort((a, b) => a.episode.release - b.episode.release)
      const names = await repo.names([...new Set(due.map((d) => d.episode.personId))])
      await audit.record(ctx, {
        action: 'read',
        recordType: 'coverage_worklist',
        outcome: 'allowed',
        detail: `${due.length} releases with gaps due within ${settings.dueSoonWeeks} weeks`,
      })
      return {
        settings,
        level: byRegion ? ('region' as const) : ('pdu' as const),
        cells,
        worklist: due.map((d) => ({
          ...d,
          name: names.get(d.episode.personId) ?? '',
          release: isoOfDay(d.episode.release),
          // No CRS contract for the pathway where the person is supervised: nothing to refer to.
          uncommissioned: d.gaps.filter((p) => !commissioned.has(`${d.episode.region}|${p}`)),
        })),
      }
    },

    /** One person's services, overlaps and gaps on their latest release. */
    async person(ctx: RequestContext, personId: string) {
      const person = await people.openRecord(ctx, personId, 'read', 'service_episode')
      const episode = await repo.latestEpisode(ctx.actor.scope, personId)
      if (!episode) throw new NotFound('custody episode')
      const settings = await repo.settings()
      const today = dayNumber(deps.today())
      const data = await repo.read(ctx.actor.scope, { from: '1900-01-01', to: '9999-12-31' }, episode.id)
      const [judged] = judge(data, settings.graceWeeks * 7, today)
      return {
        person,
        episode,
        settings,
        judged: judged ?? null,
        arranged: data.arranged,
        services: await repo.services(episode.id),
      }
    },

    async recordService(ctx: RequestContext, personId: string, input: ServiceEpisodeInput) {
      if (!can(ctx.actor.role, 'status:write')) throw new Forbidden()
      await people.openRecord(ctx, personId, 'update', 'service_episode')
      const episode = await repo.latestEpisode(ctx.actor.scope, personId)
      if (!episode) throw new NotFound('custody episode')
      if (input.startedOn > deps.today())
        throw new ValidationFailed({ startedOn: 'The start date must be today or in the past' })
      const id = await repo.addService({ ...input, personId, episodeId: episode.id, recordedBy: ctx.actor.userId })
      await audit.record(ctx, { action: 'create', recordType: 'service_episode', recordId: id, personId, outcome: 'allowed' })
      return id
    },
  }
}

export type CoverageService = ReturnType<typeof coverageService>

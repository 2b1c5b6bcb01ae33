import type { AuditLog } from '../../platform/audit/audit-log.ts'
import type { PeopleService } from '../people/service.ts'
import type { StatusService } from '../status/service.ts'
import type { ReleasePlanningRepository } from './repository.ts'
import type { ReadinessRepository } from './readiness-repository.ts'
import { planningContext, type ReleasePlanningDeps } from './context.ts'
import { PATHWAY_KEYS } from './vocabulary.ts'
import { overviewUseCases } from './overview-service.ts'
import { assessmentUseCases } from './assessment-service.ts'
import { planUseCases } from './plan-service.ts'
import { handoverUseCases } from './handover-service.ts'
import { releaseDayUseCases } from './release-day-service.ts'
import { readinessUseCases } from './readiness-service.ts'
import { glanceUseCases } from './glance-service.ts'

export type { Episode, ReleasePlanningDeps } from './context.ts'

/**
 * Release planning is the composition of its use cases, each in its own file over one shared
 * context (context.ts): overview and release date, needs and screenings, the plan, handover and
 * Duty to Refer, the day of release, and the readiness worklist with its measures.
 */
export function releasePlanningService(
  repo: ReleasePlanningRepository,
  readiness: ReadinessRepository,
  people: PeopleService,
  status: StatusService,
  audit: AuditLog,
  deps: ReleasePlanningDeps,
) {
  const context = planningContext(repo, readiness, people, status, audit, deps)
  return {
    ...overviewUseCases(context),
    ...assessmentUseCases(context),
    ...planUseCases(context),
    ...handoverUseCases(context),
    ...releaseDayUseCases(context),
    ...readinessUseCases(context),
    ...glanceUseCases(context),
    gather: (personId: string) => repo.everything(personId),
    pathwayKeys: PATHWAY_KEYS,
  }
}

export type ReleasePlanningService = ReturnType<typeof releasePlanningService>

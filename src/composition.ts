import { londonToday } from './platform/calendar/london-date.ts'
import type { FastifyInstance } from 'fastify'
import type { Config } from './platform/config.ts'
import type { Database } from './platform/db/index.ts'
import { pingDatabase } from './platform/db/index.ts'
import { auditLog } from './platform/audit/audit-log.ts'
import { createHttpApp } from './platform/http/app.ts'
import { operationsRoutes } from './platform/http/operations.ts'
import { inputGuard } from './platform/http/input-guard.ts'
import { refusalAudit } from './platform/http/refusal-audit.ts'
import { apiRateLimit, databaseRateLimitStore, registerRateLimits } from './platform/http/rate-limit.ts'
import { referenceLists, referenceRepository } from './domains/reference/repository.ts'
import { referenceService } from './domains/reference/service.ts'
import { identityRepository } from './domains/identity/repository.ts'
import { identityService } from './domains/identity/service.ts'
import { identityRoutes } from './domains/identity/routes.ts'
import { oidcClient } from './domains/identity/oidc.ts'
import { peopleRepository } from './domains/people/repository.ts'
import { peopleService, type SubjectAccessSource, type TimelineSource } from './domains/people/service.ts'
import { peopleRoutes } from './domains/people/routes.ts'
import { homeRoutes } from './domains/home/routes.ts'
import { workQueues } from './domains/home/queues.ts'
import { organisationRepository } from './domains/organisations/repository.ts'
import { organisationService } from './domains/organisations/service.ts'
import { organisationRoutes } from './domains/organisations/routes.ts'
import { adminRoutes } from './domains/admin/routes.ts'
import { auditEventRepository } from './domains/audit/repository.ts'
import { auditSearchService } from './domains/audit/service.ts'
import { auditRoutes } from './domains/audit/routes.ts'
import { statusRepository } from './domains/status/repository.ts'
import { statusService } from './domains/status/service.ts'
import { referralRepository } from './domains/referrals/repository.ts'
import { referralService } from './domains/referrals/service.ts'
import { referralLifecycle } from './domains/referrals/lifecycle.ts'
import { performanceRepository } from './domains/referrals/performance-repository.ts'
import { performanceService } from './domains/referrals/performance.ts'
import { contractRepository, contractService } from './domains/referrals/contracts.ts'
import { referralRoutes } from './domains/referrals/routes.ts'
import { performanceRoutes } from './domains/referrals/performance-routes.ts'
import { referralApiRoutes } from './domains/referrals/api-routes.ts'
import { outcomesRepository } from './domains/outcomes/repository.ts'
import { outcomesService } from './domains/outcomes/service.ts'
import { outcomesRoutes } from './domains/outcomes/routes.ts'
import { worklistRoutes } from './domains/outcomes/worklist-routes.ts'
import { outcomeRecords } from './domains/outcomes/records.ts'
import { outcomeRecordRoutes } from './domains/outcomes/record-routes.ts'
import { outcomeApiRoutes } from './domains/outcomes/api-routes.ts'
import { variationRepository } from './domains/variation/repository.ts'
import { variationService } from './domains/variation/service.ts'
import { variationRoutes } from './domains/variation/routes.ts'
import { variationApiRoutes } from './domains/variation/api-routes.ts'
import { cas3Repositories, cas3Services } from './domains/cas3/index.ts'
import { cas3Routes } from './domains/cas3/routes.ts'
import { releasePlanningRepository } from './domains/release-planning/repository.ts'
import { readinessRepository } from './domains/release-planning/readiness-repository.ts'
import { releasePlanningService } from './domains/release-planning/service.ts'
import { releasePlanningRoutes } from './domains/release-planning/routes.ts'
import { evaluationRepository } from './domains/evaluation/repository.ts'
import { evaluationService } from './domains/evaluation/service.ts'
import { evaluationRoutes } from './domains/evaluation/routes.ts'
import { forecastingRepository } from './domains/forecasting/repository.ts'
import { forecastingService } from './domains/forecasting/service.ts'
import { forecastingRoutes } from './domains/forecasting/routes.ts'
import { capacityRepository } from './domains/capacity/repository.ts'
import { capacityService } from './domains/capacity/service.ts'
import { capacityRoutes } from './domains/capacity/routes.ts'
import { caseloadRepository } from './domains/capacity/caseload-repository.ts'
import { caseloadService } from './domains/capacity/caseload-service.ts'
import { caseloadRoutes } from './domains/capacity/caseload-routes.ts'
import { coverageRepository } from './domains/coverage/repository.ts'
import { coverageService } from './domains/coverage/service.ts'
import { coverageRoutes } from './domains/coverage/routes.ts'

/** The one composition root: repositories from the database, services from repositories, then HTTP. */
export function repositories(db: Database) {
  return {
    reference: referenceRepository(db),
    referenceLists: referenceLists(db),
    identity: identityRepository(db),
    people: peopleRepository(db),
    organisations: organisationRepository(db),
    auditEvents: auditEventRepository(db),
    status: statusRepository(db),
    referrals: referralRepository(db),
    referralPerformance: performanceRepository(db),
    contracts: contractRepository(db),
    outcomes: outcomesRepository(db),
    variation: variationRepository(db),
    cas3: cas3Repositories(db),
    releasePlanning: releasePlanningRepository(db),
    readiness: readinessRepository(db),
    evaluations: evaluationRepository(db),
    forecasting: forecastingRepository(db),
    capacity: capacityRepository(db),
  }
}

export type Clock = { today: () => string; now: () => Date }

export const systemClock: Clock = {
  today: londonToday,
  now: () => new Date(),
}

/**
 * `reads`, when given, is a handle on a streaming replica (platform/db/replica.ts) for the heavy
 * reads that need not see the reader's own last write: the outcome dashboards, drill-downs and
 * exports, and referral performance. Everything else, and every write, uses `db`.
 */
export function services(
  db: Database,
  repos: Repositories,
  config: Config,
  clock: Clock = systemClock,
  reads: Database = db,
) {
  const audit = auditLog(db)
  // Each domain that records something about a person adds it to the person's timeline and to
  // the subject access export here, so neither needs to know the domains that exist.
  const timelineSources: TimelineSource[] = []
  const subjectAccessSources: SubjectAccessSource[] = []
  const people = peopleService(repos.people, audit, {
    today: clock.today,
    timelineSources,
    subjectAccessSources,
  })
  const status = statusService(repos.status, people, audit, { today: clock.today })
  timelineSources.push((id) => status.timeline(id))
  subjectAccessSources.push({ name: 'statusEvents', gather: (id) => repos.status.history(id) })
  const referrals = referralService(db, repos.referrals, people, audit, {
    today: clock.today,
    now: clock.now,
  })
  timelineSources.push((id, ctx) => referrals.timeline(id, ctx))
  subjectAccessSources.push({ name: 'referrals', gather: (id) => repos.referrals.forPerson(id) })
  const cas3 = cas3Services(repos.cas3, { people, status, audit, today: clock.today })
  timelineSources.push((id) => cas3.bookings.timeline(id))
  subjectAccessSources.push({ name: 'cas3Bookings', gather: repos.cas3.estate.personBookings })
  const releasePlanning = releasePlanningService(
    repos.releasePlanning,
    repos.readiness,
    people,
    status,
    audit,
    { today: clock.today },
  )
  timelineSources.push((id) => releasePlanning.timeline(id))
  subjectAccessSources.push({ name: 'releasePlanning', gather: releasePlanning.gather })
  const records = outcomeRecords(db, people, audit, { today: clock.today })
  const forecasting = forecastingService(repos.forecasting, { today: clock.today })
  timelineSources.push((id, ctx) => records.timeline(ctx, id))
  subjectAccessSources.push({ name: 'offencesOrdersProgrammes', gather: records.gather })
  return {
    audit,
    reference: referenceService(repos.reference),
    identity: identityService(repos.identity, audit, {
      sessionIdleMinutes: config.sessionIdleMinutes,
      sessionAbsoluteHours: config.sessionAbsoluteHours,
      apiTokenDays: config.apiTokenDays,
      lockout: config.lockout,
    }),
    people,
    status,
    referrals,
    referralLifecycle: referralLifecycle(repos.referrals, referrals.access, audit, {
      today: clock.today,
      now: clock.now,
    }),
    referralPerformance: performanceService(
      reads === db ? repos.referralPerformance : performanceRepository(reads),
      referrals.access,
      status,
      audit,
      {
        today: clock.today,
      },
    ),
    contracts: contractService(repos.contracts, audit),
    outcomes: outcomesService(reads, repos.outcomes, audit, {
      today: clock.today,
      smallCellThreshold: config.smallCellThreshold,
    }),
    outcomeRecords: records,
    variation: variationService(repos.variation, audit, {
      today: clock.today,
      smallCellThreshold: config.smallCellThreshold,
    }),
    cas3,
    releasePlanning,
    organisations: organisationService(repos.organisations, audit),
    forecasting,
    capacity: capacityService(repos.capacity, forecasting),
    coverage: coverageService(coverageRepository(db), people, audit, {
      today: clock.today,
      threshold: config.smallCellThreshold,
    }),
    caseloads: caseloadService(caseloadRepository(db), repos.capacity, forecasting, { today: clock.today }),
    auditSearch: auditSearchService(repos.auditEvents, audit),
    evaluations: evaluationService(repos.evaluations, audit, {
      today: clock.today,
      disclosure: { threshold: config.smallCellThreshold },
    }),
    checkDatabase: () => pingDatabase(db),
    rateLimitStore: databaseRateLimitStore(db),
    workQueues: workQueues(db, clock.today),
  }
}

export type Repositories = ReturnType<typeof repositories>
export type Services = ReturnType<typeof services>

export async function buildApp(svc: Services, repos: Repositories, config: Config): Promise<FastifyInstance> {
  const app = await createHttpApp({
    sessionSecret: config.sessionSecret,
    secureCookies: config.production,
    logLevel: config.logLevel,
    trustedProxies: config.trustedProxies,
    requestLogs: config.requestLogs,
    resolveSession: (token) => svc.identity.resumeSession(token),
    resolveToken: (token) => svc.identity.authenticateToken(token),
    onForbidden: refusalAudit(svc.audit),
  })
  app.addHook('preValidation', inputGuard(svc.audit))
  const limits = await registerRateLimits(app, {
    store: svc.rateLimitStore,
    signInPerMinute: config.signInRatePerMinute,
    apiPerMinute: config.apiRatePerMinute,
  })
  app.addHook('onRequest', apiRateLimit(limits.api))
  operationsRoutes(app, {
    checkDatabase: svc.checkDatabase,
    info: { name: 'resettle', version: '0.1.0', database: config.database.kind },
  })
  identityRoutes(app, {
    identity: svc.identity,
    oidc: config.oidc ? oidcClient(config.oidc) : undefined,
    secureCookies: config.production,
    signInLimit: limits.signIn,
  })
  homeRoutes(app, svc.workQueues)
  peopleRoutes(app, svc.people, repos.referenceLists)
  organisationRoutes(app, svc.organisations)
  adminRoutes(app, { identity: svc.identity, organisations: svc.organisations })
  auditRoutes(app, svc.auditSearch)
  referralRoutes(app, svc.referrals, svc.referralLifecycle, svc.referralPerformance)
  performanceRoutes(app, svc.referralPerformance, svc.contracts)
  referralApiRoutes(app, svc.referrals, svc.referralLifecycle)
  outcomesRoutes(app, svc.outcomes)
  worklistRoutes(app, { status: svc.status, outcomes: svc.outcomes })
  outcomeRecordRoutes(app, svc.outcomeRecords, repos.referenceLists)
  outcomeApiRoutes(app, { records: svc.outcomeRecords, outcomes: svc.outcomes })
  variationRoutes(app, svc.variation)
  variationApiRoutes(app, svc.variation)
  cas3Routes(app, svc.cas3)
  releasePlanningRoutes(app, svc.releasePlanning)
  evaluationRoutes(app, svc.evaluations)
  forecastingRoutes(app, svc.forecasting, () => repos.forecasting.names())
  capacityRoutes(app, svc.capacity, svc.forecasting)
  caseloadRoutes(app, svc.caseloads)
  coverageRoutes(app, svc.coverage, () => repos.forecasting.names())
  return app
}

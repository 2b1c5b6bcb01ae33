import type { FastifyInstance } from 'fastify'
import { londonToday } from './platform/calendar/london-date.ts'
import type { Config } from './platform/config.ts'
import type { Database } from './platform/db/index.ts'
import { pingDatabase } from './platform/db/index.ts'
import { auditLog } from './platform/audit/audit-log.ts'
import { createHttpApp } from './platform/http/app.ts'
import { operationsRoutes } from './platform/http/operations.ts'
import { inputGuard } from './platform/http/input-guard.ts'
import { refusalAudit } from './platform/http/refusal-audit.ts'
import { apiRateLimit, databaseRateLimitStore, registerRateLimits } from './platform/http/rate-limit.ts'
import type { Clock, DomainModule, ModuleContext, PersonRecordSources } from './platform/module.ts'
import { referenceModule } from './domains/reference/index.ts'
import { identityModule } from './domains/identity/index.ts'
import { peopleModule } from './domains/people/index.ts'
import { statusModule } from './domains/status/index.ts'
import { organisationsModule } from './domains/organisations/index.ts'
import { auditModule } from './domains/audit/index.ts'
import { adminModule } from './domains/admin/index.ts'
import { homeModule } from './domains/home/index.ts'
import { referralsModule } from './domains/referrals/index.ts'
import { cas3Module } from './domains/cas3/index.ts'
import { releasePlanningModule } from './domains/release-planning/index.ts'
import { outcomesModule } from './domains/outcomes/index.ts'
import { variationModule } from './domains/variation/index.ts'
import { evaluationModule } from './domains/evaluation/index.ts'
import { forecastingModule } from './domains/forecasting/index.ts'
import { capacityModule } from './domains/capacity/index.ts'
import { coverageModule } from './domains/coverage/index.ts'

/**
 * The one composition root (issue 11). Every domain is a module (platform/module.ts); this list
 * is the only place that names them, in dependency order: a module may use the services of those
 * above it. Adding a domain is one folder, one line here and, if it keeps data, one migration.
 */
export const MODULES = [
  referenceModule,
  identityModule,
  organisationsModule,
  peopleModule,
  statusModule,
  auditModule,
  adminModule,
  referralsModule,
  cas3Module,
  releasePlanningModule,
  outcomesModule,
  homeModule,
  variationModule,
  evaluationModule,
  forecastingModule,
  capacityModule,
  coverageModule,
] as const

type Module = (typeof MODULES)[number]
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never
type RepositoriesOf<M> = M extends { repositories?: (db: Database) => infer R } ? R : never
type ServicesOf<M> = M extends { services?: (...args: never[]) => infer S } ? S : never

export type Repositories = UnionToIntersection<RepositoriesOf<Module>>
export type Services = UnionToIntersection<ServicesOf<Module>> & {
  audit: ReturnType<typeof auditLog>
  checkDatabase: () => ReturnType<typeof pingDatabase>
  rateLimitStore: ReturnType<typeof databaseRateLimitStore>
}

// The loops below treat every module alike; the types above say what the result holds.
const modules: readonly DomainModule<Record<string, unknown>, object, object>[] = MODULES as never

export function repositories(db: Database): Repositories {
  return Object.assign({}, ...modules.map((m) => m.repositories?.(db) ?? {})) as Repositories
}

export type { Clock }

export const systemClock: Clock = {
  today: londonToday,
  now: () => new Date(),
}

/**
 * `reads`, when given, is a handle on a streaming replica (platform/db/replica.ts) for the heavy
 * reads that need not see the reader's own last write. Everything else, and every write, uses `db`.
 */
export function services(
  db: Database,
  repos: Repositories,
  config: Config,
  clock: Clock = systemClock,
  reads: Database = db,
): Services {
  const audit = auditLog(db)
  // Each domain that records something about a person adds it to the person's timeline and to
  // the subject access export, so the people domain needs to know no other domain.
  const person: PersonRecordSources = { timeline: [], subjectAccess: [], glance: [] }
  const ctx: ModuleContext = { db, reads, repos, config, clock, audit, person }
  const built: Record<string, unknown> = {
    audit,
    checkDatabase: () => pingDatabase(db),
    rateLimitStore: databaseRateLimitStore(db),
  }
  for (const module of modules) {
    for (const need of module.needs ?? [])
      if (!(need in built))
        throw new Error(`The ${module.name} module needs "${need}", which no module above it builds`)
    Object.assign(built, module.services?.(ctx, built))
  }
  for (const module of modules) {
    const contribution = module.personRecord?.(built, repos)
    if (contribution?.timeline) person.timeline.push(contribution.timeline)
    if (contribution?.subjectAccess) person.subjectAccess.push(contribution.subjectAccess)
    if (contribution?.glance) person.glance.push(contribution.glance)
  }
  return built as Services
}

/** Every module's menu entries, in menu order. */
export const navigation = MODULES.flatMap((m) => ('navigation' in m ? (m.navigation ?? []) : [])).sort(
  (a, b) => a.order - b.order,
)

export async function buildApp(svc: Services, repos: Repositories, config: Config): Promise<FastifyInstance> {
  const app = await createHttpApp({
    sessionSecret: config.sessionSecret,
    secureCookies: config.production,
    logLevel: config.logLevel,
    trustedProxies: config.trustedProxies,
    requestLogs: config.requestLogs,
    navigation,
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
  const web = { config, repos, limits }
  for (const module of modules) module.routes?.(app, svc, web)
  return app
}

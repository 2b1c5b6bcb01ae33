import type { FastifyInstance } from 'fastify'
import type { Actor, RequestContext } from './auth/actor.ts'
import type { AuditLog } from './audit/audit-log.ts'
import type { Config } from './config.ts'
import type { Database } from './db/index.ts'
import type { Limiter } from './http/rate-limit.ts'

/**
 * The one interface every domain implements (issue 11, "a domain is a module"). Each domain folder
 * exports one of these from its index.ts, and src/composition.ts lists them in dependency order
 * and runs one loop per concern: repositories, services, person-record contributions, routes and
 * navigation. Adding a domain is one folder, one line in that list and, if it keeps data, one
 * migration. docs/architecture.md walks through it.
 */
export interface DomainModule<
  Needs = object,
  Provides extends object = object,
  Repos extends object = object,
> {
  /** The folder name, for messages and the architecture document. */
  readonly name: string
  /**
   * Services of modules listed earlier that this one uses. The composition root checks at start-up
   * that each is built before this module, so a wrong order fails loudly rather than as undefined.
   */
  readonly needs?: readonly (keyof Needs & string)[]
  /** Query objects over the database. Tests and the demo generator reach them by the same keys. */
  readonly repositories?: (db: Database) => Repos
  readonly services?: (ctx: ModuleContext<Repos>, deps: Needs) => Provides
  /** HTTP: pages and API. Handlers stay thin over the services they are given. */
  readonly routes?: (app: FastifyInstance, svc: Needs & Provides, web: WebContext<Repos>) => void
  /** Main-menu entries; each says which actors see it, so a role sees no link it cannot use. */
  readonly navigation?: readonly NavEntry[]
  /** What this domain adds to a person's timeline and subject access export (people reads them). */
  readonly personRecord?: (svc: Needs & Provides, repos: Repos) => PersonRecordContribution
}

/** What every module's services are built from. */
export interface ModuleContext<Repos extends object = object> {
  db: Database
  /**
   * A streaming replica for heavy reads that need not see the reader's own last write, or the
   * primary when there is none (platform/db/replica.ts).
   */
  reads: Database
  repos: Repos
  config: Config
  clock: Clock
  audit: AuditLog
  /** Filled after every module is built; the people domain reads them at request time. */
  person: PersonRecordSources
}

/** "Today" is always the London calendar date from one clock (platform/calendar). */
export interface Clock {
  today: () => string
  now: () => Date
}

/** What routes get beyond their services: configuration and the HTTP shell's shared limits. */
export interface WebContext<Repos extends object = object> {
  config: Config
  repos: Repos
  limits: { signIn: Limiter; api: Limiter }
}

export interface NavEntry {
  href: string
  text: string
  /** Position in the menu: lower first. Home is 0; domains use 10, 20, ... */
  order: number
  visible: (actor: Actor) => boolean
}

/** One line on a person's timeline, from whichever domain recorded it. */
export interface TimelineEntry {
  date: string
  title: string
  detail?: string
  source: string
  /** Planned, not yet happened (an expected release, a due action). */
  future?: boolean
}

export type TimelineSource = (personId: string, ctx: RequestContext) => Promise<TimelineEntry[]>
export interface SubjectAccessSource {
  name: string
  gather: (personId: string) => Promise<unknown>
}

export interface PersonRecordContribution {
  timeline?: TimelineSource
  subjectAccess?: SubjectAccessSource
}

export interface PersonRecordSources {
  timeline: TimelineSource[]
  subjectAccess: SubjectAccessSource[]
}

/**
 * Declares a module with its types checked: `needs` must name keys of the services it takes, and
 * routes get exactly the services it declared plus its own.
 */
export function defineModule<Needs = object, Provides extends object = object, Repos extends object = object>(
  module: DomainModule<Needs, Provides, Repos>,
): DomainModule<Needs, Provides, Repos> {
  return module
}

import { hashPassword } from '../platform/auth/passwords.ts'
import type { Database } from '../platform/db/index.ts'
import type { OrganisationKind, Role } from '../platform/db/schema.ts'
import { DEMO_FOCUS } from './geography.ts'
import { createRng, uuidFrom } from './prng.ts'

/** Fictional commissioned-service providers and health bodies. Any likeness to a real one is unintended. */
export const DEMO_PROVIDERS = [
  'Northway Resettlement Partnership',
  'Harbourside Pathways CIC',
  'Meridian Futures Trust',
  'Brightlane Housing and Support',
] as const
export const DEMO_HEALTH_ORGANISATIONS = [
  'Riverside Recovery Service',
  'Thameside Health and Justice Partnership',
  'Northfield Community Treatment Service',
] as const

export const DEMO_EMAIL_DOMAIN = 'demo.resettle.test'

type Scope =
  | { kind: 'prison'; code: string }
  | { kind: 'pdu'; code: string }
  | { kind: 'probation_region'; code: string }
  | { kind: 'council'; code: string }
  | { kind: 'provider' | 'health' | 'national'; name: string }

/** One demo user per role, all sharing the Pentonville / Camden and Islington scenario. */
export const DEMO_USERS: readonly { local: string; name: string; role: Role; scope: Scope }[] = [
  {
    local: 'resettlement',
    name: 'Rosa Adeyemi',
    role: 'prison_resettlement_worker',
    scope: { kind: 'prison', code: DEMO_FOCUS.prisonCode },
  },
  {
    local: 'pom',
    name: 'Tom Gallagher',
    role: 'pom',
    scope: { kind: 'prison', code: DEMO_FOCUS.prisonCode },
  },
  { local: 'com', name: 'Aisha Rahman', role: 'com', scope: { kind: 'pdu', code: DEMO_FOCUS.pduCode } },
  {
    local: 'provider',
    name: 'Dan Whitfield',
    role: 'provider_caseworker',
    scope: { kind: 'provider', name: DEMO_PROVIDERS[0] },
  },
  {
    local: 'cas3',
    name: 'Grace Mensah',
    role: 'cas3_officer',
    scope: { kind: 'probation_region', code: DEMO_FOCUS.regionCode },
  },
  {
    local: 'council',
    name: 'Imran Chowdhury',
    role: 'council_officer',
    scope: { kind: 'council', code: DEMO_FOCUS.councilCode },
  },
  {
    local: 'health',
    name: 'Helen Price',
    role: 'health_coordinator',
    scope: { kind: 'health', name: DEMO_HEALTH_ORGANISATIONS[1] },
  },
  {
    local: 'regional-lead',
    name: 'Marcus Campbell',
    role: 'regional_lead',
    scope: { kind: 'probation_region', code: DEMO_FOCUS.regionCode },
  },
  {
    local: 'analyst',
    name: 'Priya Sharma',
    role: 'national_analyst',
    scope: { kind: 'national', name: 'HMPPS National' },
  },
  { local: 'admin', name: 'Sam Okafor', role: 'admin', scope: { kind: 'national', name: 'HMPPS National' } },
]

export interface DemoUser {
  email: string
  role: Role
  organisationName: string
}

// Ids come from their own stream (not the people's), so adding a user changes no person.
const ORG_STREAM = 0x6f7267

/** Creates the demo providers and health bodies that are missing. Returns how many it created. */
export async function ensureDemoOrganisations(db: Database, seed: number): Promise<number> {
  const wanted: { kind: OrganisationKind; name: string }[] = [
    ...DEMO_PROVIDERS.map((name) => ({ kind: 'provider' as const, name })),
    ...DEMO_HEALTH_ORGANISATIONS.map((name) => ({ kind: 'health' as const, name })),
  ]
  const existing = await db
    .selectFrom('organisation')
    .where('kind', 'in', ['provider', 'health'])
    .select(['kind', 'name'])
    .execute()
  const have = new Set(existing.map((o) => `${o.kind}:${o.name.toLowerCase()}`))
  const rng = createRng(seed, ORG_STREAM)
  const rows = wanted
    .map((o) => ({ ...o, id: uuidFrom(rng) }))
    .filter((o) => !have.has(`${o.kind}:${o.name.toLowerCase()}`))
  if (rows.length > 0) await db.insertInto('organisation').values(rows).execute()
  return rows.length
}

async function organisationFor(db: Database, scope: Scope): Promise<{ id: string; name: string }> {
  let q = db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', scope.kind)
  if (scope.kind === 'prison') q = q.where('prison_code', '=', scope.code)
  else if (scope.kind === 'pdu') q = q.where('pdu_code', '=', scope.code)
  else if (scope.kind === 'probation_region') q = q.where('region_code', '=', scope.code)
  else if (scope.kind === 'council') q = q.where('local_authority_code', '=', scope.code)
  else q = q.where('name', '=', scope.name)
  const org = await q.executeTakeFirst()
  if (!org)
    throw new Error(`demo organisation missing (${JSON.stringify(scope)}): load the reference data first`)
  return org
}

/**
 * Creates the demo users that do not exist yet, all sharing one password hash: argon2id is
 * deliberately slow, so it is hashed once. Returns every demo user and how many were new.
 */
export async function ensureDemoUsers(
  db: Database,
  seed: number,
  password: string,
): Promise<{ created: number; users: DemoUser[] }> {
  const emails = DEMO_USERS.map((u) => `${u.local}@${DEMO_EMAIL_DOMAIN}`)
  const [existing, orgs] = await Promise.all([
    db
      .selectFrom('app_user')
      .select('email')
      .where((eb) => eb(eb.fn('lower', ['email']), 'in', emails))
      .execute(),
    Promise.all(DEMO_USERS.map((u) => organisationFor(db, u.scope))),
  ])
  const have = new Set(existing.map((u) => u.email.toLowerCase()))
  const passwordHash = have.size < emails.length ? await hashPassword(password) : ''
  const rng = createRng(seed, ORG_STREAM + 1)
  const rows = DEMO_USERS.map((u, i) => ({
    id: uuidFrom(rng),
    email: emails[i] ?? '',
    name: u.name,
    role: u.role,
    organisation_id: orgs[i]?.id ?? '',
    password_hash: passwordHash,
    oidc_subject: null,
    locked_until: null,
    last_sign_in_at: null,
  })).filter((u) => !have.has(u.email))
  if (rows.length > 0) await db.insertInto('app_user').values(rows).execute()
  return {
    created: rows.length,
    users: DEMO_USERS.map((u, i) => ({
      email: emails[i] ?? '',
      role: u.role,
      organisationName: orgs[i]?.name ?? '',
    })),
  }
}

import { randomUUID } from 'node:crypto'
import type { Database } from '../../../src/platform/db/index.ts'
import type { Role, SentenceType } from '../../../src/platform/db/schema.ts'
import { hashPassword } from '../../../src/platform/auth/passwords.ts'
import { scopeOf, type RequestContext } from '../../../src/platform/auth/actor.ts'
import { PASSWORD } from '../app.ts'

// Real reference rows: HMP Pentonville, London's Camden and Islington PDU, Islington council;
// HMP Manchester, a Greater Manchester PDU and Manchester council, for out-of-scope records.
export const LONDON = { prison: 'PVI', pdu: 'LDNNCAI', region: 'N07', la: 'E09000019' }
export const MANCHESTER = { prison: 'MRI', pdu: 'N50MANC', region: 'N50', la: 'E08000003' }

let counter = 0
const next = () => ++counter
let passwordHash: Promise<string> | undefined

export async function organisationFor(
  db: Database,
  kind: 'prison' | 'pdu' | 'probation_region' | 'council' | 'national' | 'provider' | 'health',
  code?: string,
) {
  const q = db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', kind)
  const column = {
    prison: 'prison_code',
    pdu: 'pdu_code',
    probation_region: 'region_code',
    council: 'local_authority_code',
  } as const
  if (kind === 'national') return q.executeTakeFirstOrThrow()
  if (kind === 'provider' || kind === 'health') {
    return db
      .insertInto('organisation')
      .values({ kind, name: `${kind} ${next()} ${randomUUID().slice(0, 6)}` })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow()
  }
  return q.where(column[kind], '=', code ?? '').executeTakeFirstOrThrow()
}

const ORG_FOR_ROLE: Record<
  Role,
  { kind: Parameters<typeof organisationFor>[1]; code?: (place: typeof LONDON) => string }
> = {
  prison_resettlement_worker: { kind: 'prison', code: (p) => p.prison },
  pom: { kind: 'prison', code: (p) => p.prison },
  com: { kind: 'pdu', code: (p) => p.pdu },
  provider_caseworker: { kind: 'provider' },
  cas3_officer: { kind: 'probation_region', code: (p) => p.region },
  council_officer: { kind: 'council', code: (p) => p.la },
  health_coordinator: { kind: 'health' },
  regional_lead: { kind: 'probation_region', code: (p) => p.region },
  national_analyst: { kind: 'national' },
  admin: { kind: 'national' },
}

/** A user of the given role in an organisation of the right kind (London unless told). */
export async function buildUser(db: Database, role: Role, place = LONDON) {
  const spec = ORG_FOR_ROLE[role]
  const org = await organisationFor(db, spec.kind, spec.code?.(place))
  const n = next()
  const user = await db
    .insertInto('app_user')
    .values({
      email: `${role}.${n}.${randomUUID().slice(0, 8)}@test.resettle`,
      name: `Test ${role.replaceAll('_', ' ')} ${n}`,
      organisation_id: org.id,
      role,
      password_hash: await (passwordHash ??= hashPassword(PASSWORD)),
    })
    .returning(['id', 'email', 'name', 'role'])
    .executeTakeFirstOrThrow()
  return { ...user, organisationId: org.id, organisationName: org.name }
}

/** A person with one custody episode, due for release `releaseInDays` after 2026-11-22 unless released. */
export async function buildPerson(
  db: Database,
  options: {
    place?: typeof LONDON
    familyName?: string
    givenName?: string
    releaseInDays?: number
    released?: boolean
    sentenceType?: SentenceType
  } = {},
) {
  const place = options.place ?? LONDON
  const n = next()
  const given = options.givenName ?? `Given${n}`
  const family = options.familyName ?? `Family${n}`
  const person = await db
    .insertInto('person')
    .values({
      given_name: given,
      family_name: family,
      search_name: `${family} ${given}`.toLowerCase(),
      date_of_birth: '1990-03-21',
      sex: 'male',
      ethnic_group_code: 'W1',
      prison_number: `A${String(1000 + (n % 9000)).padStart(4, '0')}${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + ((n * 7) % 26))}`,
      crn: `X${String(100000 + n).slice(-6)}`,
    })
    .returning(['id', 'given_name', 'family_name', 'prison_number', 'crn', 'version'])
    .executeTakeFirstOrThrow()
  const release = new Date(Date.UTC(2026, 10, 22 + (options.releaseInDays ?? 30))).toISOString().slice(0, 10)
  const episode = await db
    .insertInto('custody_episode')
    .values({
      person_id: person.id,
      prison_code: place.prison,
      sentence_type: options.sentenceType ?? 'determinate',
      sentence_length_band: '12_months_to_under_4_years',
      sentence_date: '2025-01-10',
      expected_release_date: release,
      actual_release_date: options.released ? release : null,
      release_type: options.released ? 'conditional_release' : null,
      pdu_code: place.pdu,
      region_code: place.region,
      local_authority_code: place.la,
    })
    .returning(['id', 'expected_release_date'])
    .executeTakeFirstOrThrow()
  return { ...person, episode }
}

/** A use case's context for a new user of the role, for service tests that skip HTTP. */
export async function buildContext(db: Database, role: Role, place = LONDON): Promise<RequestContext> {
  const user = await buildUser(db, role, place)
  const org = await db
    .selectFrom('organisation')
    .selectAll()
    .where('id', '=', user.organisationId)
    .executeTakeFirstOrThrow()
  return {
    route: 'test',
    actor: {
      via: 'session',
      userId: user.id,
      tokenId: null,
      name: user.name,
      email: user.email,
      organisationId: org.id,
      organisationName: org.name,
      organisationKind: org.kind,
      role: user.role,
      scope: scopeOf(org),
    },
  }
}

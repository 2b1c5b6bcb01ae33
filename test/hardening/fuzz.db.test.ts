import fc from 'fast-check'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Role } from '../../src/platform/db/schema.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser, LONDON, MANCHESTER } from '../support/builders/common.ts'
import { testDbKind } from '../support/db-target.ts'
import { issueTokenFor } from './support.ts'

// Issue 17: property-based fuzzing of every route's path, query and body. Seeded and
// reproducible: FUZZ_SEED=<seed> repeats a run, FUZZ_RUNS=<n> sets the number of requests.
// Asserts no 5xx, and that a refused request (4xx) writes nothing. It runs on PostgreSQL only:
// on PGlite the same requests take several times as long, and the input floor under test is the
// same code on both.
const SEED = Number(process.env.FUZZ_SEED ?? 20261128)
const RUNS = Number(process.env.FUZZ_RUNS ?? 1400)

const t = await testApp({ SIGN_IN_RATE_PER_MINUTE: '100000', API_RATE_PER_MINUTE: '1000000' })
const inScope = await buildPerson(t.db, { place: LONDON })
const outOfScope = await buildPerson(t.db, { place: MANCHESTER })
const ROLES: Role[] = ['national_analyst', 'regional_lead', 'council_officer', 'provider_caseworker', 'com']
const clients = new Map<Role, { agent: Agent; token: string }>()
for (const role of ROLES) {
  const agent = new Agent(t.app)
  await agent.signIn((await buildUser(t.db, role, LONDON)).email)
  await agent.get('/')
  clients.set(role, { agent, token: await issueTokenFor(t, role, LONDON) })
}

const SKIP = [/^\/assets\//, /^\/api\/docs/, /\*$/, /^\/sign-(in|out)/]
const routes = t.app.routeTable.filter((r) => !SKIP.some((re) => re.test(r.url)))

// Tables whose rows change on any signed-in request (sessions, token use, the audit log, the
// rate limit counters) are not part of the "nothing written" fingerprint.
const NOT_FINGERPRINTED = new Set([
  'audit_event',
  'user_session',
  'api_token',
  'app_user',
  'rate_limit_window',
  'kysely_migration',
  'kysely_migration_lock',
])
const tables = (
  await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(t.db)
).rows
  .map((r) => r.table_name)
  .filter((n) => !NOT_FINGERPRINTED.has(n))
// Row count and newest row version (xmin) per table: any insert, update or delete changes it.
const fingerprintSql = `select ${tables
  .map((n) => `(select count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text from "${n}")`)
  .join(" || '|' || ")} as f`
const fingerprint = async () =>
  (await sql<{ f: string }>`${sql.raw(fingerprintSql)}`.execute(t.db)).rows[0]?.f

const nasty = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\u001b[31m',
  'x'.repeat(10_000),
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '-1',
  '1e309',
  'NaN',
  '../../etc/passwd',
  '%00',
  "'; drop table person; --",
  '<script>alert(1)</script>',
  '',
  ' ',
  inScope.id,
  outOfScope.id,
  '00000000-0000-0000-0000-000000000000',
)
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer().map(String),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.uuid(),
  nasty,
)
const FIELDS = [
  'q',
  'from',
  'to',
  'period',
  'page',
  'measure',
  'format',
  'unit',
  'tab',
  'weeks',
  'status',
  'version',
  'givenName',
  'familyName',
  'dateOfBirth',
  'sex',
  'prisonNumber',
  'crn',
  'address',
  'note',
  'reason',
  'arrivalDate',
  'departureDate',
  'bedspaceId',
  'referralId',
  'premisesId',
  'name',
  'email',
  'role',
  'organisationId',
  'event',
  'outcome',
  'dateOfBirth-day',
  'dateOfBirth-month',
  'dateOfBirth-year',
  'confirmed',
  'prisonCode',
  'pduCode',
  'region',
  'planAction',
  'categoryId',
  'kind',
]
const field = fc.oneof(fc.constantFrom(...FIELDS), fc.string({ unit: 'binary-ascii', maxLength: 12 }))
const formValue = fc.oneof(text, fc.array(text, { maxLength: 3 }))
const jsonValue = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
)

const request = fc.record({
  route: fc.constantFrom(...routes),
  role: fc.constantFrom(...ROLES),
  params: fc.array(fc.oneof(text, fc.constantFrom(inScope.id, outOfScope.id)), {
    minLength: 4,
    maxLength: 4,
  }),
  query: fc.dictionary(field, text, { minKeys: 2, maxKeys: 8 }),
  form: fc.dictionary(field, formValue, { minKeys: 3, maxKeys: 10 }),
  json: fc.dictionary(field, jsonValue, { minKeys: 3, maxKeys: 10 }),
})

const encode = (s: string) => {
  try {
    return encodeURIComponent(s)
  } catch {
    return 'malformed'
  }
}

describe.skipIf(testDbKind() !== 'postgres')('fuzzing every route', () => {
  it(`answers no 5xx and writes nothing when it refuses (seed ${SEED}, ${RUNS} requests)`, async () => {
    let inputs = 0
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(request, async (c) => {
        let i = 0
        const path = c.route.url.replace(/:[A-Za-z]+/g, () => encode(c.params[i++] ?? ''))
        const qs = new URLSearchParams(Object.entries(c.query).map(([k, v]) => [k, v])).toString()
        const url = qs ? `${path}?${qs}` : path
        const { agent, token } = clients.get(c.role)!
        inputs += i + Object.keys(c.query).length
        const before = c.route.method === 'GET' ? undefined : await fingerprint()
        let res
        if (url.startsWith('/api/')) {
          if (c.route.method !== 'GET') inputs += Object.keys(c.json).length
          res = await t.app.inject({
            method: c.route.method as 'GET',
            url,
            headers: { authorization: `Bearer ${token}` },
            ...(c.route.method === 'GET' ? {} : { payload: c.json }),
          })
        } else if (c.route.method === 'GET') {
          res = await agent.get(url)
        } else {
          inputs += Object.keys(c.form).length
          res = await agent.post(url, c.form)
        }
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1)
        expect(res.statusCode, `${c.route.method} ${url}`).toBeLessThan(500)
        if (before !== undefined && res.statusCode >= 400)
          expect(await fingerprint(), `${c.route.method} ${url} wrote though refused`).toBe(before)
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    )
    console.log(
      `fuzz: seed ${SEED}, ${RUNS} requests, ${inputs} generated inputs; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    )
    expect(inputs).toBeGreaterThanOrEqual(10_000)
  }, 600_000)
})

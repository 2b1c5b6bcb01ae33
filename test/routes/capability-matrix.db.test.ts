import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ROLE_NAMES } from '../../src/platform/auth/roles.ts'
import type { Role } from '../../src/platform/db/schema.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser, LONDON, MANCHESTER } from '../support/builders/common.ts'
import { issueTokenFor } from '../hardening/support.ts'
import { EXPECTED, expectedStatuses, type Entry } from './capability-matrix.expected.ts'

// Issue 17: every route × every role × a record in scope and one out of scope, from Fastify's
// own route table and the roles as data. A route with no entry in EXPECTED fails the run, so a
// new route cannot ship without saying who may use it.
const t = await testApp({ SIGN_IN_RATE_PER_MINUTE: '1000', API_RATE_PER_MINUTE: '100000' })
const inScope = await buildPerson(t.db, { place: LONDON })
const outOfScope = await buildPerson(t.db, { place: MANCHESTER })

const SKIP = [/^\/assets\//, /^\/api\/docs/, /\*$/]
const routes = t.app.routeTable.filter((r) => !SKIP.some((re) => re.test(r.url)))
const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`

/** The route's path with its parameters filled for a record in or out of the reader's scope. */
function fill(url: string, where: 'in' | 'out'): string {
  const person = where === 'in' ? inScope.id : outOfScope.id
  const path = url.replace(/:([A-Za-z]+)/g, (_m, name: string, offset: number) => {
    const before = url.slice(0, offset)
    if (name === 'personId' || (name === 'id' && /^(\/api\/v1)?\/people\/$/.test(before))) return person
    if (name === 'region') return where === 'in' ? LONDON.region : MANCHESTER.region
    if (name === 'measure') return 'housed_first_night'
    if (name === 'pathway') return 'accommodation'
    if (name === 'format') return 'csv'
    // Records of other kinds: one that does not exist, which every reader must see as missing.
    return randomUUID()
  })
  return path.includes('/measures/housed_first_night/releases') ? `${path}?period=2026-07-01` : path
}

const clients = new Map<Role, { agent: Agent; token: string }>()
for (const role of ROLE_NAMES) {
  const agent = new Agent(t.app)
  await agent.signIn((await buildUser(t.db, role, LONDON)).email)
  await agent.get('/')
  clients.set(role, { agent, token: await issueTokenFor(t, role, LONDON) })
}

async function call(role: Role, method: string, path: string) {
  const { agent, token } = clients.get(role)!
  if (path.startsWith('/api/')) {
    return t.app.inject({
      method: method as 'GET',
      url: path,
      headers: { authorization: `Bearer ${token}` },
      ...(method === 'GET' ? {} : { payload: {} }),
    })
  }
  return method === 'GET' ? agent.get(path) : agent.post(path, {})
}

describe('capability matrix', () => {
  it('has an expectation for every route, and none for routes that are gone', () => {
    const missing = routes.map(key).filter((k) => !(k in EXPECTED))
    expect(missing, 'routes with no entry in capability-matrix.expected.ts').toEqual([])
    const stale = Object.keys(EXPECTED).filter((k) => !routes.some((r) => key(r) === k))
    expect(stale).toEqual([])
  })

  for (const role of ROLE_NAMES) {
    it(`${role}: every route answers as its capability and the record's scope say`, async () => {
      const wrong: string[] = []
      for (const route of routes) {
        const entry: Entry | undefined = EXPECTED[key(route)]
        if (!entry || entry.skip) continue
        for (const where of ['in', 'out'] as const) {
          // Out of scope is a person or a region; other records are already missing in scope.
          if (where === 'out' && !/\/people\/:id|:personId|:region/.test(route.url)) continue
          if (where === 'out' && /:(recordId|needId|actionId)/.test(route.url)) continue
          const path = fill(route.url, where)
          const res = await call(role, route.method, path)
          const allowed = expectedStatuses(entry, role, route, where)
          if (!allowed.includes(res.statusCode))
            wrong.push(
              `${route.method} ${route.url} (${where} of scope): ${res.statusCode}, expected ${allowed.join('/')}`,
            )
        }
      }
      expect(wrong).toEqual([])
    })
  }
})

import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import { issueTokenFor } from './support.ts'

// Issue 17 finding 3: malformed input answered 500. A malformed id is a missing record (404); a
// malformed field is the client's mistake (400 with a GOV.UK error summary, or problem+json).
const t = await testApp()
const admin = new Agent(t.app)
await admin.signIn((await buildUser(t.db, 'admin')).email)
const token = await issueTokenFor(t, 'admin')
const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  })

const count = async (table: 'person' | 'audit_event') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('malformed ids are not found, and the attempt is audited', () => {
  it('answers 404 for a NUL byte in a page path id and records the attempt', async () => {
    const before = await count('audit_event')
    const res = await admin.get('/people/abc%00def')
    expect(res.statusCode).toBe(404)
    expect(await count('audit_event')).toBeGreaterThan(before)
    const last = await t.db
      .selectFrom('audit_event')
      .select(['record_id', 'outcome'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(last).toEqual({ record_id: 'abc\\u0000def', outcome: 'not_found' })
  })

  for (const path of [
    '/people/not-a-uuid/edit',
    '/people/%00/audit-trail',
    '/cas3/bookings/12345/move-on-address',
    '/people/00000000-0000-0000-0000-00000000000g/release-planning',
  ]) {
    it(`answers 404 for ${path}`, async () => {
      expect((await admin.get(path)).statusCode).toBe(404)
    })
  }

  it('answers problem+json 404 on the API', async () => {
    const res = await api('GET', '/api/v1/people/%00')
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toContain('application/problem+json')
  })
})

describe('malformed fields are a 400 naming the field', () => {
  it('refuses a NUL byte in a form field with an error summary, writing nothing', async () => {
    await admin.get('/people/new')
    const before = await count('person')
    const res = await admin.post('/people', { givenName: 'Ann\u0000', familyName: 'Lee' })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('govuk-error-summary')
    expect(res.body).toContain('href="#givenName"')
    expect(await count('person')).toBe(before)
  })

  it('refuses a NUL byte in an API body with problem+json', async () => {
    const person = await buildPerson(t.db)
    const res = await api('PUT', `/api/v1/people/${person.id}`, {
      givenName: 'A\u0000',
      familyName: 'B',
      dateOfBirth: '1990-01-01',
      sex: 'male',
      version: 1,
    })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ status: 400, errors: [{ field: 'givenName' }] })
  })

  it('refuses a 10,000-character search on the page and the API', async () => {
    const q = 'a'.repeat(10_000)
    expect((await admin.get(`/people?q=${q}`)).statusCode).toBe(400)
    expect((await api('GET', `/api/v1/people?q=${q}`)).statusCode).toBe(400)
  })

  it('refuses control characters in a query', async () => {
    expect((await admin.get('/people?q=Smith%00')).statusCode).toBe(400)
  })

  const drill = '/outcomes/regions/N07/measures/housed_first_night/releases'
  for (const query of ['', '?period=2026-13-01', '?period=2026-02-31', '?period=abc&unit=quarter']) {
    it(`refuses a missing or impossible period: ${query || '(none)'}`, async () => {
      const res = await admin.get(`${drill}${query}`)
      expect(res.statusCode).toBe(400)
      expect(res.body).toContain('govuk-error-summary')
    })
  }

  it('refuses an impossible date in the audit search', async () => {
    expect((await admin.get('/admin/audit?from=2026-02-30')).statusCode).toBe(400)
  })
})

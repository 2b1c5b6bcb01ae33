import { describe, expect, it } from 'vitest'
import type { Role } from '../../src/platform/db/schema.ts'
import { testApp } from '../support/app.ts'
import { buildPerson, organisationFor, LONDON, MANCHESTER } from '../support/builders/common.ts'

const t = await testApp()

async function token(role: Role, kind: Parameters<typeof organisationFor>[1], code?: string) {
  const org = await organisationFor(t.db, kind, code)
  const issued = await t.svc.identity.issueToken(null, {
    name: `client ${role}`,
    organisationId: org.id,
    role,
  })
  return { authorization: `Bearer ${issued.secret}` }
}

const validBody = {
  person: {
    givenName: 'Amira',
    familyName: 'Okafor',
    dateOfBirth: '1988-07-14',
    sex: 'female',
    prisonNumber: 'G4821KT',
    crn: 'X654321',
  },
  episode: {
    prisonCode: LONDON.prison,
    sentenceType: 'determinate',
    sentenceLengthBand: '12_months_to_under_4_years',
    sentenceDate: '2025-06-02',
    expectedReleaseDate: '2027-01-15',
    pduCode: LONDON.pdu,
    localAuthorityCode: LONDON.la,
  },
}

describe('people API', () => {
  it('refuses a call without a valid bearer token', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/people?q=smith' })
    expect(none.statusCode).toBe(401)
    expect(none.headers['content-type']).toContain('application/problem+json')
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/people?q=smith',
      headers: { authorization: 'Bearer rst_nonsense' },
    })
    expect(bad.statusCode).toBe(401)
  })

  it('answers bad input with 400 problem+json naming each bad field, and writes nothing', async () => {
    const headers = await token('pom', 'prison', LONDON.prison)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers,
      payload: {
        person: { ...validBody.person, dateOfBirth: '1988-02-30', sex: 'robot', prisonNumber: '123' },
        episode: { ...validBody.episode, sentenceDate: 'yesterday' },
      },
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    const fields = (res.json<{ errors: { field: string }[] }>().errors ?? []).map((e) => e.field).sort()
    expect(fields).toEqual([
      'episode.sentenceDate',
      'person.dateOfBirth',
      'person.prisonNumber',
      'person.sex',
    ])
    const notJson = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '{"person":',
    })
    expect(notJson.statusCode).toBe(400)
    expect(
      await t.db.selectFrom('person').where('family_name', '=', 'Okafor').select('id').execute(),
    ).toHaveLength(0)
  })

  it('refuses a release date before the sentence date, naming the field', async () => {
    const headers = await token('pom', 'prison', LONDON.prison)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers,
      payload: { ...validBody, episode: { ...validBody.episode, expectedReleaseDate: '2024-01-01' } },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json<{ errors: { field: string; message: string }[] }>().errors).toEqual([
      {
        field: 'episode.expectedReleaseDate',
        message: 'The expected release date must be on or after the sentence date',
      },
    ])
  })

  it('creates a person in scope, finds them, and hides them from another region', async () => {
    const pom = await token('pom', 'prison', LONDON.prison)
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: pom,
      payload: validBody,
    })
    expect(created.statusCode).toBe(201)
    const { id } = created.json<{ id: string }>()
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/people/${id}`, headers: pom })
    expect(read.statusCode).toBe(200)
    expect(read.json()).toMatchObject({
      familyName: 'Okafor',
      prisonNumber: 'G4821KT',
      episodes: [{ prisonCode: 'PVI', regionCode: 'N07' }],
    })
    const search = await t.app.inject({ method: 'GET', url: '/api/v1/people?q=okafor amira', headers: pom })
    expect(search.json<{ results: { id: string }[] }>().results.map((r) => r.id)).toEqual([id])

    const elsewhere = await token('com', 'pdu', MANCHESTER.pdu)
    const hidden = await t.app.inject({ method: 'GET', url: `/api/v1/people/${id}`, headers: elsewhere })
    expect(hidden.statusCode).toBe(404)
    const audit = await t.db
      .selectFrom('audit_event')
      .where('person_id', '=', id)
      .where('outcome', '=', 'denied')
      .select(['route', 'api_token_id'])
      .execute()
    expect(audit).toEqual([{ route: 'GET /api/v1/people/:id', api_token_id: expect.any(String) }])
  })

  it('refuses to create a person outside the caller’s own prison', async () => {
    const pom = await token('pom', 'prison', LONDON.prison)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: pom,
      payload: {
        ...validBody,
        person: { ...validBody.person, prisonNumber: 'G4821KU', crn: 'X654322' },
        episode: { ...validBody.episode, prisonCode: MANCHESTER.prison },
      },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual([
      'episode.prisonCode',
    ])
  })

  it('lets only one of two concurrent edits win, and tells the other what is there now', async () => {
    const person = await buildPerson(t.db, { familyName: 'Versioned' })
    const pom = await token('pom', 'prison', LONDON.prison)
    const update = (preferredLanguage: string) => ({
      givenName: person.given_name,
      familyName: person.family_name,
      dateOfBirth: '1990-03-21',
      sex: 'male',
      preferredLanguage,
      version: person.version,
    })
    const [a, b] = await Promise.all([
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/people/${person.id}`,
        headers: pom,
        payload: update('Welsh'),
      }),
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/people/${person.id}`,
        headers: pom,
        payload: update('Polish'),
      }),
    ])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    const loser = a.statusCode === 409 ? a : b
    const winner = a.statusCode === 200 ? 'Welsh' : 'Polish'
    expect(loser.json()).toMatchObject({
      status: 409,
      current: { preferred_language: winner, version: person.version + 1 },
    })
  })

  it('lists upcoming releases for the caller’s scope', async () => {
    await buildPerson(t.db, { familyName: 'Dueoutsoon', releaseInDays: 3 })
    const com = await token('com', 'pdu', LONDON.pdu)
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/releases/upcoming?weeks=12', headers: com })
    expect(res.statusCode).toBe(200)
    const body = res.json<{ total: number; results: { familyName: string }[] }>()
    expect(body.results.map((r) => r.familyName)).toContain('Dueoutsoon')
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/releases/upcoming?weeks=13', headers: com })
    expect(bad.statusCode).toBe(400)
  })

  it('serves the OpenAPI document generated from the schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json<{ paths: Record<string, unknown> }>()
    const paths = Object.keys(doc.paths)
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/people', '/api/v1/people/{id}', '/api/v1/releases/upcoming']),
    )
    // Pages are not part of the API document.
    expect(paths.filter((p) => !p.startsWith('/api/v1/'))).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import type { Role } from '../../src/platform/db/schema.ts'
import { testApp } from '../support/app.ts'
import { organisationFor, LONDON, MANCHESTER } from '../support/builders/common.ts'
import { releasedPerson } from '../support/builders/outcomes.ts'
import { outcomeTables } from '../../src/domains/outcomes/tables.ts'

const t = await testApp()
const MISSING = '00000000-0000-4000-8000-000000000000'
const rows = outcomeTables(t.db)

async function token(role: Role, kind: Parameters<typeof organisationFor>[1], code?: string) {
  const org = await organisationFor(t.db, kind, code)
  const issued = await t.svc.identity.issueToken(null, {
    name: `client ${role}`,
    organisationId: org.id,
    role,
  })
  return { authorization: `Bearer ${issued.secret}` }
}

const call = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })

describe('offences, orders and programmes: API', () => {
  it('refuses a call without a valid bearer token', async () => {
    const who = await releasedPerson(t.db, LONDON, '2025-02-03')
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/people/${who.id}/outcome-records` })
    expect(res.statusCode).toBe(401)
    expect(res.headers['content-type']).toContain('application/problem+json')
  })

  it('answers bad input with 400 problem+json naming each field, and writes nothing', async () => {
    const who = await releasedPerson(t.db, LONDON, '2025-02-03')
    const com = await token('com', 'pdu', LONDON.pdu)
    const res = await call('POST', `/api/v1/people/${who.id}/offences`, com, {
      offenceDate: '2025-02-30',
      description: '',
      disposal: 'fine',
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    const fields = res
      .json<{ errors: { field: string }[] }>()
      .errors.map((e) => e.field)
      .sort()
    expect(fields).toEqual(['description', 'disposal', 'offenceDate'])
    const future = await call('POST', `/api/v1/people/${who.id}/programmes`, com, {
      name: 'Kaizen',
      sexualOffending: true,
      pduCode: LONDON.pdu,
      startedOn: '2027-01-01',
    })
    expect(future.statusCode).toBe(400)
    expect(future.json()).toMatchObject({
      errors: [{ field: 'startedOn', message: 'The date cannot be in the future' }],
    })
    const order = await call('POST', `/api/v1/people/${who.id}/orders`, com, {
      kind: 'licence',
      pduCode: LONDON.pdu,
      startDate: '2025-02-03',
    })
    expect(order.json()).toMatchObject({
      errors: [{ field: 'custodyEpisodeId', message: 'Choose the release the licence follows' }],
    })
    const written = await Promise.all([
      rows.selectFrom('offence').where('person_id', '=', who.id).select('id').execute(),
      rows.selectFrom('programme').where('person_id', '=', who.id).select('id').execute(),
      rows.selectFrom('supervision_order').where('person_id', '=', who.id).select('id').execute(),
    ])
    expect(written.flat()).toEqual([])
  })

  it('answers a person or record out of scope exactly as a missing one', async () => {
    const who = await releasedPerson(t.db, LONDON, '2025-02-03')
    const ours = await token('com', 'pdu', LONDON.pdu)
    const made = await call('POST', `/api/v1/people/${who.id}/programmes`, ours, {
      name: 'Building Choices',
      sexualOffending: false,
      pduCode: LONDON.pdu,
      startedOn: '2025-03-01',
    })
    const { id: programmeId } = made.json<{ id: string }>()
    const theirs = await token('com', 'pdu', MANCHESTER.pdu)
    const foreign = await call('GET', `/api/v1/people/${who.id}/outcome-records`, theirs)
    const missing = await call('GET', `/api/v1/people/${MISSING}/outcome-records`, theirs)
    expect([foreign.statusCode, missing.statusCode]).toEqual([404, 404])
    expect(foreign.json()).toEqual(missing.json())
    const end = { terminatedOn: '2025-06-01', completed: true, version: 1 }
    const foreignEnd = await call('POST', `/api/v1/programmes/${programmeId}/termination`, theirs, end)
    const missingEnd = await call('POST', `/api/v1/programmes/${MISSING}/termination`, theirs, end)
    const garbageEnd = await call('POST', '/api/v1/programmes/not-an-id/termination', theirs, end)
    expect([foreignEnd.statusCode, missingEnd.statusCode, garbageEnd.statusCode]).toEqual([404, 404, 404])
    expect(foreignEnd.json()).toEqual(missingEnd.json())
    expect(garbageEnd.json()).toEqual(missingEnd.json())
  })

  it('records each kind, proves and ends them, and reads them back', async () => {
    const who = await releasedPerson(t.db, LONDON, '2025-02-03')
    const com = await token('com', 'pdu', LONDON.pdu)
    const offence = await call('POST', `/api/v1/people/${who.id}/offences`, com, {
      offenceDate: '2025-05-01',
      description: 'Theft',
    })
    expect(offence.statusCode).toBe(201)
    const offenceId = offence.json<{ id: string }>().id
    const proof = { disposal: 'caution', provenDate: '2025-07-01' }
    expect((await call('POST', `/api/v1/offences/${offenceId}/proof`, com, proof)).statusCode).toBe(200)
    expect((await call('POST', `/api/v1/offences/${offenceId}/proof`, com, proof)).statusCode).toBe(409)
    const order = await call('POST', `/api/v1/people/${who.id}/orders`, com, {
      kind: 'licence',
      custodyEpisodeId: who.episodeId,
      pduCode: LONDON.pdu,
      startDate: '2025-02-03',
    })
    expect(order.statusCode).toBe(201)
    const orderId = order.json<{ id: string }>().id
    const ending = { terminatedOn: '2026-02-02', reason: 'completed', requirementsComplete: true }
    const stale = await call('POST', `/api/v1/orders/${orderId}/termination`, com, { ...ending, version: 4 })
    expect(stale.statusCode).toBe(409)
    expect(
      (await call('POST', `/api/v1/orders/${orderId}/termination`, com, { ...ending, version: 1 }))
        .statusCode,
    ).toBe(200)
    const read = await call('GET', `/api/v1/people/${who.id}/outcome-records`, com)
    expect(read.statusCode).toBe(200)
    expect(read.json()).toMatchObject({
      personId: who.id,
      offences: [{ id: offenceId, description: 'Theft', disposal: 'caution', provenDate: '2025-07-01' }],
      orders: [
        {
          id: orderId,
          kind: 'licence',
          releaseDate: '2025-02-03',
          terminationReason: 'completed',
          requirementsComplete: true,
          version: 2,
        },
      ],
      programmes: [],
    })
    // A council reads the person for housing, not their offences.
    const council = await token('council_officer', 'council', LONDON.la)
    expect((await call('GET', `/api/v1/people/${who.id}/outcome-records`, council)).statusCode).toBe(403)
  })

  it('serves the measures with small cells suppressed, to roles with reports only', async () => {
    for (let i = 0; i < 2; i++) await releasedPerson(t.db, MANCHESTER, '2024-05-06')
    const lead = await token('regional_lead', 'probation_region', LONDON.region)
    const url = '/api/v1/outcomes/measures?unit=quarter&groupBy=region&measure=proven_reoffending'
    const res = await call('GET', `${url}&from=2024-04-01&to=2024-06-30`, lead)
    expect(res.statusCode).toBe(200)
    const body = res.json<{ threshold: number; cells: { group: string }[] }>()
    expect(body.threshold).toBe(5)
    expect(body.cells.find((c) => c.group === 'N50')).toEqual({
      status: 'final',
      complete: true,
      published: null,
      revision: null,
      measure: 'proven_reoffending',
      group: 'N50',
      period: '2024-04-01',
      rate: null,
      suppressed: true,
      cohort: null,
      numerator: 0,
      denominator: null,
      unknown: 0,
      excluded: 0,
      offences: null,
    })
    const bad = await call('GET', '/api/v1/outcomes/measures?unit=week&groupBy=street', lead)
    expect(bad.statusCode).toBe(400)
    expect(
      bad
        .json<{ errors: { field: string }[] }>()
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['groupBy', 'unit'])
    const blanks = await call('GET', '/api/v1/outcomes/measures?groupBy=national&region=&from=&to=', lead)
    expect(blanks.statusCode).toBe(200)
    expect(
      blanks.json<{ cells: { group: string }[] }>().cells.every((c) => c.group === 'ENGLAND_AND_WALES'),
    ).toBe(true)
    const unknownRegion = await call('GET', '/api/v1/outcomes/measures?region=N99', lead)
    expect(unknownRegion.json()).toMatchObject({ errors: [{ field: 'region' }] })
    const com = await token('com', 'pdu', LONDON.pdu)
    expect((await call('GET', url, com)).statusCode).toBe(403)
  })

  it('lists every route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json<{ paths: object }>()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/people/{id}/outcome-records',
        '/api/v1/people/{id}/offences',
        '/api/v1/offences/{id}/proof',
        '/api/v1/people/{id}/orders',
        '/api/v1/orders/{id}/termination',
        '/api/v1/people/{id}/programmes',
        '/api/v1/programmes/{id}/termination',
        '/api/v1/outcomes/measures',
      ]),
    )
  })
})

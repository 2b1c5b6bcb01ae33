import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../src/platform/db/schema.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, organisationFor, LONDON, MANCHESTER } from '../support/builders/common.ts'
import { insertSyntheticReleases } from '../support/builders/evaluation.ts'

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
const drain = async () => {
  while ((await t.svc.evaluations.runNext()) !== null) {
    /* run every queued evaluation */
  }
}
const body = {
  name: 'Programme 2023',
  treatment: { services: { programme: 'started' } },
  from: '2023-01-01',
  to: '2023-12-31',
}

beforeAll(async () => {
  await insertSyntheticReleases(t.db, {
    count: 900,
    seed: 5,
    effect: -0.08,
    from: '2023-01-01',
    days: 365,
    places: [LONDON],
  })
}, 120_000)

describe('evaluations API', () => {
  it('refuses a call without a bearer token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/evaluations', payload: body })
    expect(res.statusCode).toBe(401)
  })

  it('answers bad input with 400 problem+json naming the field', async () => {
    const analyst = await token('national_analyst', 'national')
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/evaluations',
      headers: analyst,
      payload: { ...body, to: '2022-01-01', k: 0 },
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.body).toContain('k')
  })

  it('creates an evaluation (201), runs it in the background and answers with proportions', async () => {
    const analyst = await token('national_analyst', 'national')
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/evaluations',
      headers: analyst,
      payload: body,
    })
    expect(res.statusCode).toBe(201)
    const { id } = res.json<{ id: string }>()
    const queued = await t.app.inject({ method: 'GET', url: `/api/v1/evaluations/${id}`, headers: analyst })
    expect(queued.json<{ status: string }>().status).toBe('queued')
    await drain()
    const done = await t.app.inject({ method: 'GET', url: `/api/v1/evaluations/${id}`, headers: analyst })
    const view = done.json<{
      status: string
      matched: number
      outcomes: { outcome: string; treatedValue: number; nTreated: number }[]
      balance: { covariate: string; smdBefore: number; smdAfter: number }[]
      naive: { outcome: string }[]
    }>()
    expect(view.status).toBe('done')
    const reoffending = view.outcomes.find((o) => o.outcome === 'proven_reoffending')!
    expect(reoffending.treatedValue).toBeGreaterThan(0)
    expect(reoffending.treatedValue).toBeLessThan(1)
    expect(reoffending.nTreated).toBe(view.matched)
    expect(view.balance.map((b) => b.covariate)).toContain('previous_offences')
    const audited = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('record_type', '=', 'evaluation')
      .where('record_id', '=', id)
      .execute()
    expect(audited.map((a) => a.action).sort()).toEqual(['create', 'read', 'read'])
  })

  it("answers 404 for another region's evaluation, as for a missing one", async () => {
    const analyst = await token('national_analyst', 'national')
    const lead = await token('regional_lead', 'probation_region', MANCHESTER.region)
    const { id } = (
      await t.app.inject({ method: 'POST', url: '/api/v1/evaluations', headers: analyst, payload: body })
    ).json<{ id: string }>()
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/evaluations/${id}`, headers: lead })
    expect(res.statusCode).toBe(404)
  })

  it('is in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' })
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths)
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/evaluations', '/api/v1/evaluations/{id}']))
  })
})

describe('evaluation pages', () => {
  it('define, run and report, with the error summary on bad input and downloads', async () => {
    const user = await buildUser(t.db, 'national_analyst')
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    const form = await agent.get('/evaluations/new')
    expect(form.statusCode).toBe(200)
    const bad = await agent.post('/evaluations', {
      name: '',
      'from-day': '1',
      'from-month': '1',
      'from-year': '2023',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('govuk-error-summary')
    expect(bad.body).toContain('Enter a name')
    const made = await agent.post('/evaluations', {
      name: 'Programme page test',
      'from-day': '1',
      'from-month': '1',
      'from-year': '2023',
      'to-day': '31',
      'to-month': '12',
      'to-year': '2023',
      received: 'programmeStarted',
      combine: 'any',
    })
    expect(made.statusCode).toBe(303)
    const url = String(made.headers.location)
    const running = await agent.get(url)
    expect(running.body).toContain('Waiting to start')
    await drain()
    const report = await agent.get(url)
    expect(report.body).toContain('Headline')
    expect(report.body).toContain('<svg')
    const csv = await agent.get(`${url}?download=balance&format=csv`)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body).toContain('Before matching (%)')
    const xlsx = await agent.get(`${url}?download=outcomes&format=xlsx`)
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK')
  })
})

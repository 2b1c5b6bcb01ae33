import { describe, expect, it } from 'vitest'
import type { Role } from '../../src/platform/db/schema.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildContext, buildUser, organisationFor, LONDON, MANCHESTER } from '../support/builders/common.ts'
import { licence, releasedPerson } from '../support/builders/outcomes.ts'
import { outcomeTables } from '../../src/domains/outcomes/tables.ts'

const t = await testApp()
const MISSING = '00000000-0000-4000-8000-000000000000'
const rows = outcomeTables(t.db)

async function signedIn(role: Role, place = LONDON) {
  const user = await buildUser(t.db, role, place)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return agent
}

async function token(role: Role, kind: Parameters<typeof organisationFor>[1], code?: string) {
  const org = await organisationFor(t.db, kind, code)
  const issued = await t.svc.identity.issueToken(null, {
    name: `client ${role}`,
    organisationId: org.id,
    role,
  })
  return { authorization: `Bearer ${issued.secret}` }
}

const date = (name: string, iso: string) => {
  const [y = '', m = '', d = ''] = iso.split('-')
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y }
}
const strip = (html: string) => html.replace(/value="[^"]*"|nonce="[^"]*"/g, '')

/** The published cell of one measure for one group and period, from the measures API. */
async function cell(measure: string, group: string, period: string, unit: 'quarter' | 'month') {
  const headers = await token('national_analyst', 'national')
  const url = `/api/v1/outcomes/measures?unit=${unit}&groupBy=region&measure=${measure}&from=${period}&to=${period}`
  const res = await t.app.inject({ method: 'GET', url, headers })
  expect(res.statusCode).toBe(200)
  const body = res.json<{ cells: { group: string; period: string; rate: number | null }[] }>()
  return body.cells.find((c) => c.group === group && c.period === period)
}

describe('offences, orders and programmes: pages', () => {
  it('sends a visitor who is not signed in to sign in', async () => {
    const who = await releasedPerson(t.db, LONDON, '2025-02-03')
    const res = await t.app.inject({ method: 'GET', url: `/people/${who.id}/outcome-records` })
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toContain('/sign-in')
  })

  it('links from the person page only for roles that may read offences, keeps them off others’ timeline, and exports them', async () => {
    const who = await releasedPerson(t.db, LONDON, '2025-02-03')
    await t.svc.outcomeRecords.recordOffence(await buildContext(t.db, 'com'), who.id, {
      offenceDate: '2025-05-01',
      description: 'Criminal damage',
    })
    const com = await signedIn('com')
    const seen = await com.get(`/people/${who.id}`)
    expect(seen.body).toContain(`/people/${who.id}/outcome-records`)
    expect(seen.body).toContain('Offence: Criminal damage')
    const council = await signedIn('council_officer')
    const hidden = await council.get(`/people/${who.id}`)
    expect(hidden.statusCode).toBe(200)
    expect(hidden.body).not.toContain('outcome-records')
    expect(hidden.body).not.toContain('Criminal damage')
    expect((await council.get(`/people/${who.id}/outcome-records`)).statusCode).toBe(403)
    // The person's own copy of what is held about them includes them.
    const admin = await signedIn('admin')
    const held = await admin.get(`/people/${who.id}/subject-access.json`)
    expect(JSON.parse(held.body)).toMatchObject({
      offencesOrdersProgrammes: {
        offences: [{ description: 'Criminal damage' }],
        orders: [],
        programmes: [],
      },
    })
  })

  it('refuses an offence with no description and a future date, keeping what was typed', async () => {
    const who = await releasedPerson(t.db, LONDON, '2025-02-03')
    const agent = await signedIn('com')
    const url = `/people/${who.id}/outcome-records/offences/new`
    await agent.get(url)
    const blank = await agent.post(url, {
      description: '',
      ...date('offenceDate', '2025-06-01'),
      disposal: 'none',
    })
    expect(blank.statusCode).toBe(400)
    expect(blank.body).toContain('There is a problem')
    expect(blank.body).toContain('Enter what the offence was')
    expect(blank.body).toMatch(/name="offenceDate-month" type="text" value="06"/)
    const future = await agent.post(url, {
      description: 'Shoplifting',
      ...date('offenceDate', '2026-12-01'),
      disposal: 'caution',
      ...date('provenDate', '2026-12-02'),
    })
    expect(future.statusCode).toBe(400)
    expect(future.body).toContain('The date cannot be in the future')
    expect(future.body).toContain('value="Shoplifting"')
    expect(future.body).toMatch(/value="caution" checked/)
    expect(
      await t.db
        .selectFrom('audit_event')
        .where('person_id', '=', who.id)
        .where('action', '=', 'create')
        .execute(),
    ).toEqual([])
  })

  it('answers a person out of scope exactly as a missing one', async () => {
    const who = await releasedPerson(t.db, LONDON, '2025-02-03')
    const agent = await signedIn('com', MANCHESTER)
    const foreign = await agent.get(`/people/${who.id}/outcome-records`)
    const missing = await agent.get(`/people/${MISSING}/outcome-records`)
    expect([foreign.statusCode, missing.statusCode]).toEqual([404, 404])
    expect(strip(foreign.body)).toBe(strip(missing.body))
    const form = `/people/${who.id}/outcome-records/offences/new`
    const posted = await agent.post(form, { description: 'Theft', ...date('offenceDate', '2025-06-01') })
    expect(posted.statusCode).toBe(404)
    expect(strip(posted.body)).toBe(strip(missing.body))
  })

  it('records an offence, then its proof, which counts in proven reoffending', async () => {
    // Five releases in July-September 2024, whose 18 months have passed: a rate can be shown.
    const who = await releasedPerson(t.db, LONDON, '2024-08-05')
    for (let i = 0; i < 4; i++) await releasedPerson(t.db, LONDON, '2024-08-06')
    expect(await cell('proven_reoffending', 'N07', '2024-07-01', 'quarter')).toMatchObject({ rate: 0 })
    const agent = await signedIn('com')
    const base = `/people/${who.id}/outcome-records`
    await agent.get(`${base}/offences/new`)
    const made = await agent.post(`${base}/offences/new`, {
      description: 'Burglary',
      ...date('offenceDate', '2025-03-10'),
      disposal: 'none',
    })
    expect(made.statusCode).toBe(303)
    expect(made.headers.location).toBe(base)
    const page = await agent.get(base)
    expect(page.body).toContain('Offence recorded')
    expect(page.body).toContain('Counts once proven within 18 months of release')
    const offence = await rows
      .selectFrom('offence')
      .where('person_id', '=', who.id)
      .select('id')
      .executeTakeFirstOrThrow()
    const proofUrl = `${base}/offences/${offence.id}/proof`
    expect(page.body).toContain(proofUrl)
    await agent.get(proofUrl)
    const early = await agent.post(proofUrl, { disposal: 'conviction', ...date('provenDate', '2025-03-01') })
    expect(early.statusCode).toBe(400)
    expect(early.body).toContain('The offence cannot be proven before it was committed')
    const proven = await agent.post(proofUrl, { disposal: 'conviction', ...date('provenDate', '2025-09-01') })
    expect(proven.statusCode).toBe(303)
    expect((await agent.get(base)).body).toContain(
      'Proven reoffending within one year, release of 5 August 2024',
    )
    // One of five now reoffended: a count from 1 to 4 is withheld, and so is the rate beside the
    // published denominator that would give it back (issue 12 defect 1). From 0% it became withheld.
    expect(await cell('proven_reoffending', 'N07', '2024-07-01', 'quarter')).toMatchObject({
      rate: null,
      suppressed: true,
      denominator: 5,
    })
    // Proof is recorded once: a second attempt says so.
    const again = await agent.post(proofUrl, { disposal: 'caution', ...date('provenDate', '2025-10-01') })
    expect(again.statusCode).toBe(409)
    expect(again.body).toContain('This offence has already been proven')
  })

  it('starts a licence after a release, ends it, and the ending counts in requirements complete', async () => {
    for (let i = 0; i < 4; i++) {
      const other = await releasedPerson(t.db, LONDON, '2026-03-02')
      await licence(t.db, other, LONDON, '2026-03-02', {
        on: '2026-10-05',
        reason: 'completed',
        complete: true,
      })
    }
    expect(await cell('requirements_complete', 'N07', '2026-10-01', 'month')).toMatchObject({
      rate: null,
      suppressed: true,
    })
    const who = await releasedPerson(t.db, LONDON, '2026-03-02')
    const agent = await signedIn('com')
    const base = `/people/${who.id}/outcome-records`
    await agent.get(`${base}/orders/new`)
    const noRelease = await agent.post(`${base}/orders/new`, {
      kind: 'licence',
      custodyEpisodeId: '',
      pduCode: LONDON.pdu,
      ...date('startDate', '2026-03-02'),
    })
    expect(noRelease.statusCode).toBe(400)
    expect(noRelease.body).toContain('Choose the release the licence follows')
    expect(noRelease.body).toMatch(/value="licence" checked/)
    const started = await agent.post(`${base}/orders/new`, {
      kind: 'licence',
      custodyEpisodeId: who.episodeId,
      pduCode: LONDON.pdu,
      ...date('startDate', '2026-03-02'),
    })
    expect(started.statusCode).toBe(303)
    const order = await rows
      .selectFrom('supervision_order')
      .where('person_id', '=', who.id)
      .select('id')
      .executeTakeFirstOrThrow()
    const endUrl = `${base}/orders/${order.id}/end`
    const form = await agent.get(endUrl)
    expect(form.body).toContain('name="version" value="1"')
    const missingAnswer = await agent.post(endUrl, {
      ...date('terminatedOn', '2026-10-15'),
      reason: 'completed',
      version: '1',
    })
    expect(missingAnswer.statusCode).toBe(400)
    expect(missingAnswer.body).toContain('Say whether the requirements were complete')
    const stale = await agent.post(endUrl, {
      ...date('terminatedOn', '2026-10-15'),
      reason: 'completed',
      requirementsComplete: 'yes',
      version: '7',
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('Someone else has just changed this order')
    const ended = await agent.post(endUrl, {
      ...date('terminatedOn', '2026-10-15'),
      reason: 'completed',
      requirementsComplete: 'yes',
      version: '1',
    })
    expect(ended.statusCode).toBe(303)
    expect(await cell('requirements_complete', 'N07', '2026-10-01', 'month')).toMatchObject({
      rate: 100,
      suppressed: false,
    })
    expect((await agent.get(endUrl)).body).toContain('This order has already ended')
  })

  it('starts and ends a programme, and audits each change and read', async () => {
    const who = await releasedPerson(t.db, LONDON, '2025-06-02')
    const agent = await signedIn('com')
    const base = `/people/${who.id}/outcome-records`
    await agent.get(`${base}/programmes/new`)
    const unanswered = await agent.post(`${base}/programmes/new`, {
      name: 'Horizon',
      pduCode: LONDON.pdu,
      ...date('startedOn', '2025-07-01'),
    })
    expect(unanswered.statusCode).toBe(400)
    expect(unanswered.body).toContain('Say whether it is a sexual offending programme')
    expect(unanswered.body).toContain('value="Horizon"')
    const started = await agent.post(`${base}/programmes/new`, {
      name: 'Horizon',
      sexualOffending: 'yes',
      pduCode: LONDON.pdu,
      ...date('startedOn', '2025-07-01'),
    })
    expect(started.statusCode).toBe(303)
    const programme = await rows
      .selectFrom('programme')
      .where('person_id', '=', who.id)
      .select('id')
      .executeTakeFirstOrThrow()
    await agent.get(`${base}/programmes/${programme.id}/end`)
    const ended = await agent.post(`${base}/programmes/${programme.id}/end`, {
      ...date('terminatedOn', '2026-02-10'),
      completed: 'yes',
      version: '1',
    })
    expect(ended.statusCode).toBe(303)
    expect((await agent.get(base)).body).toContain(
      'Sexual offence interventions completed, completed, ended 10 February 2026',
    )
    const audit = await t.db
      .selectFrom('audit_event')
      .where('person_id', '=', who.id)
      .where('outcome', '=', 'allowed')
      .select(['action', 'record_type'])
      .execute()
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'create', record_type: 'programme' },
        { action: 'update', record_type: 'programme' },
        { action: 'read', record_type: 'outcome_records' },
      ]),
    )
  })
})

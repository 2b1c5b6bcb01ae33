import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser, MANCHESTER } from '../support/builders/common.ts'
import { buildReferral } from '../support/builders/cas3.ts'
import { cas3Db } from '../../src/domains/cas3/tables.ts'

const t = await testApp()

async function signedIn(role: Parameters<typeof buildUser>[1], place?: Parameters<typeof buildUser>[2]) {
  const user = await buildUser(t.db, role, place)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  await agent.get('/')
  return { user, agent }
}

const referralForm = (identifier: string) => ({
  personIdentifier: identifier,
  consentGiven: 'yes',
  'consentDate-day': '20',
  'consentDate-month': '11',
  'consentDate-year': '2026',
  eligibility: 'homeless_on_release',
  'releaseDate-day': '15',
  'releaseDate-month': '12',
  'releaseDate-year': '2026',
  placementPduCode: 'LDNNCAI',
  placementLocalAuthorityCode: 'E09000019',
  risks: 'arson_history',
  risksAndNeeds: 'History of alcohol misuse',
  dutyToReferSubmitted: 'yes',
  'dutyToReferDate-day': '10',
  'dutyToReferDate-month': '11',
  'dutyToReferDate-year': '2026',
  dutyToReferLocalAuthorityCode: 'E09000019',
  dutyToReferOutcome: 'accepted_relief',
  crsReferralMade: 'no',
  requirements: ['groundFloor', 'singleOccupancy'],
  moveOnPlan: 'Council housing register; private rented with a bond',
})

describe('referring to CAS3', () => {
  it('sends a signed-out visitor to sign in first', async () => {
    const res = await new Agent(t.app).get('/cas3/referrals/new')
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toContain('/sign-in')
  })

  it('shows each problem by its field and keeps what was typed', async () => {
    const { agent } = await signedIn('com')
    await agent.get('/cas3/referrals/new')
    const res = await agent.post('/cas3/referrals', {
      ...referralForm('X999999'),
      consentGiven: 'no',
      moveOnPlan: '',
      'releaseDate-day': '31',
      'releaseDate-month': '2',
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain(
      '<a href="#consentGiven">The person must consent before you refer them to CAS3</a>',
    )
    expect(res.body).toContain('<a href="#moveOnPlan">Describe the move-on plan</a>')
    expect(res.body).toContain('<a href="#releaseDate-day">The release date must be a real date</a>')
    expect(res.body).toContain('History of alcohol misuse')
  })

  it('refuses someone outside the referrer’s caseload', async () => {
    const person = await buildPerson(t.db, { place: MANCHESTER })
    const { agent } = await signedIn('com')
    await agent.get('/cas3/referrals/new')
    const res = await agent.post('/cas3/referrals', referralForm(person.crn!))
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('No one in your caseload has this CRN or prison number')
  })

  it('records the referral with its Duty to Refer and requirements, unallocated', async () => {
    const person = await buildPerson(t.db)
    const { agent } = await signedIn('com')
    await agent.get('/cas3/referrals/new')
    const res = await agent.post('/cas3/referrals', referralForm(person.crn!))
    expect(res.statusCode).toBe(303)
    const page = await agent.get(res.headers.location as string)
    expect(page.body).toContain('Referral sent to the CAS3 team')
    expect(page.body).toContain('Accepted: relief duty')
    const row = await cas3Db(t.db)
      .selectFrom('cas3_referral')
      .selectAll()
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      status: 'unallocated',
      arson_history: true,
      requirements: ['groundFloor', 'singleOccupancy'],
      duty_to_refer_outcome: 'accepted_relief',
      region_code: 'N07',
    })
  })
})

describe('assessing a referral', () => {
  it('hides another region’s referral and audits the attempt', async () => {
    const person = await buildPerson(t.db)
    const com = await buildUser(t.db, 'com')
    const referral = await buildReferral(t.db, person, com.organisationId, { status: 'unallocated' })
    const { agent, user } = await signedIn('cas3_officer', MANCHESTER)
    const res = await agent.get(`/cas3/referrals/${referral.id}`)
    expect(res.statusCode).toBe(404)
    const audit = await t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('user_id', '=', user.id)
      .where('record_type', '=', 'cas3_referral')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ outcome: 'denied', detail: 'out of region', person_id: person.id })
  })

  it('needs a reason from the real list to reject, then moves to ready to place', async () => {
    const person = await buildPerson(t.db)
    const com = await buildUser(t.db, 'com')
    const referral = await buildReferral(t.db, person, com.organisationId, { status: 'unallocated' })
    const { agent } = await signedIn('cas3_officer')
    await agent.get(`/cas3/referrals/${referral.id}`)
    const bad = await agent.post(`/cas3/referrals/${referral.id}/assess`, {
      status: 'rejected',
      rejectionReasonId: '',
      version: '1',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('<a href="#rejectionReasonId">Select why the referral is rejected</a>')
    const ok = await agent.post(`/cas3/referrals/${referral.id}/assess`, {
      status: 'ready_to_place',
      version: '1',
    })
    expect(ok.statusCode).toBe(303)
    const stale = await agent.post(`/cas3/referrals/${referral.id}/assess`, {
      status: 'rejected',
      rejectionReasonId: 'a1c7d402-77b5-4335-a67b-eba6a71c70bf',
      version: '1',
    })
    expect(stale.statusCode).toBe(409)
    const reject = await agent.post(`/cas3/referrals/${referral.id}/assess`, {
      status: 'rejected',
      rejectionReasonId: 'a1c7d402-77b5-4335-a67b-eba6a71c70bf',
      version: '2',
    })
    expect(reject.statusCode).toBe(303)
    const page = await agent.get(`/cas3/referrals/${referral.id}`)
    expect(page.body).toContain('Rejected: Not enough time to place')
  })
})

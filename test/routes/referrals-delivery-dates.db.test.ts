import { describe, expect, it } from 'vitest'
import { referralDb } from '../../src/domains/referrals/tables.ts'
import { buildContract, buildSentReferral } from '../support/builders/referrals.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'

// Issue 12, defect 5: CRS delivery dates are checked against today, the initial assessment, the
// action plan and the person's release. Today is 22 November 2026 (the test clock).
const t = await testApp()
const rdb = referralDb(t.db)
const contract = await buildContract(t.db, { reference: 'LDN-DATES-1' })
const com = await buildUser(t.db, 'com')
// A caseworker of the contract's provider.
const caseworker = await buildUser(t.db, 'provider_caseworker')
await t.db
  .updateTable('app_user')
  .set({ organisation_id: contract.providerId })
  .where('id', '=', caseworker.id)
  .execute()

const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return { [`${name}-day`]: d!, [`${name}-month`]: m!, [`${name}-year`]: y! }
}
const stateOf = async (id: string) =>
  (await rdb.selectFrom('referral').where('id', '=', id).select('state').executeTakeFirstOrThrow()).state

async function approvedPlan(assessmentOn: string, options: { released: boolean }) {
  const person = await buildPerson(t.db, options.released ? { released: true, releaseInDays: -30 } : {})
  const referral = await buildSentReferral(t.db, {
    personId: person.id,
    contract,
    referrerUserId: com.id,
    referrerOrganisationId: com.organisationId,
  })
  const provider = new Agent(t.app)
  await provider.signIn(caseworker.email)
  await provider.get(`/referrals/${referral.id}`)
  expect((await provider.post(`/referrals/${referral.id}/assign`, {})).statusCode).toBe(303)
  const booked = await provider.post(
    `/referrals/${referral.id}/assessment`,
    date('appointmentDate', assessmentOn),
  )
  expect(booked.statusCode).toBe(303)
  return { id: referral.id, provider }
}

describe('CRS delivery dates', () => {
  it('refuses recording an initial assessment booked for a later day, saying when it is', async () => {
    const { id, provider } = await approvedPlan('2026-11-30', { released: true })
    const early = await provider.post(`/referrals/${id}/assessment/attended`, { feedback: 'Went well' })
    expect(early.statusCode).toBe(400)
    expect(early.body).toContain('The initial assessment is booked for 30 November 2026')
    expect(early.body).toContain('Went well')
    expect(await stateOf(id)).toBe('assessment_booked')
  })

  it('refuses a session before the initial assessment, and asks before recording one beyond the plan', async () => {
    const { id, provider } = await approvedPlan('2026-11-05', { released: false })
    expect((await provider.post(`/referrals/${id}/assessment/attended`, {})).statusCode).toBe(303)
    const plan = await provider.post(`/referrals/${id}/action-plan`, {
      actionPlan: 'Find a tenancy',
      sessions: '1',
    })
    expect(plan.statusCode).toBe(303)
    const referrer = new Agent(t.app)
    await referrer.signIn(com.email)
    await referrer.get(`/referrals/${id}`)
    expect((await referrer.post(`/referrals/${id}/approve-action-plan`, {})).statusCode).toBe(303)

    await provider.get(`/referrals/${id}/sessions/new`)
    const before = await provider.post(`/referrals/${id}/sessions/new`, {
      ...date('appointmentDate', '2026-11-04'),
      attendance: 'attended',
    })
    expect(before.statusCode).toBe(400)
    expect(before.body).toContain('on or after the initial assessment on 5 November 2026')
    const future = await provider.post(`/referrals/${id}/sessions/new`, {
      ...date('appointmentDate', '2026-11-23'),
      attendance: 'attended',
    })
    expect(future.statusCode).toBe(400)
    expect(future.body).toContain('The session date cannot be in the future')
    const first = { ...date('appointmentDate', '2026-11-10'), attendance: 'attended' }
    expect((await provider.post(`/referrals/${id}/sessions/new`, first)).statusCode).toBe(303)

    const second = { ...date('appointmentDate', '2026-11-12'), attendance: 'attended' }
    const form = await provider.get(`/referrals/${id}/sessions/new`)
    expect(form.body).toContain('This session is beyond the action plan')
    const unconfirmed = await provider.post(`/referrals/${id}/sessions/new`, second)
    expect(unconfirmed.statusCode).toBe(400)
    expect(unconfirmed.body).toContain('This would be session 2 of a 1-session action plan')
    expect(
      (await provider.post(`/referrals/${id}/sessions/new`, { ...second, overPlan: 'yes' })).statusCode,
    ).toBe(303)
    const sessions = await rdb
      .selectFrom('referral_appointment')
      .where('referral_id', '=', id)
      .where('kind', '=', 'session')
      .select('appointment_date')
      .orderBy('session_number')
      .execute()
    expect(sessions.map((s) => s.appointment_date)).toEqual(['2026-11-10', '2026-11-12'])
  })

  it('does not conclude a referral for someone still in prison, and says why', async () => {
    const { id, provider } = await approvedPlan('2026-11-05', { released: false })
    await rdb
      .updateTable('referral')
      .set({
        state: 'report_submitted',
        report_submitted_at: new Date(),
        report_summary: 'Delivered in custody',
      })
      .where('id', '=', id)
      .execute()
    const page = await provider.get(`/referrals/${id}`)
    expect(page.body).toContain('has not been released yet')
    expect(page.body).not.toContain('Conclude referral')
    const res = await provider.post(`/referrals/${id}/conclude`, {})
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('has not been released yet')
    expect(await stateOf(id)).toBe('report_submitted')
  })
})

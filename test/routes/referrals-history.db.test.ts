import { describe, expect, it } from 'vitest'
import { buildSentReferral } from '../support/builders/referrals.ts'
import { buildPerson } from '../support/builders/common.ts'
import { referralWorld } from '../support/referral-world.ts'

const { t, london, com, caseworker, signedIn } = await referralWorld()

describe('the referral history', () => {
  // Issue 12 defect 12: histories showed the booked date as 2026-11-05 and attendance as a code.
  it('writes every date in the GOV.UK style and every detail in words', async () => {
    const person = await buildPerson(t.db, { released: true, releaseInDays: -200 })
    const referral = await buildSentReferral(t.db, {
      personId: person.id,
      contract: london,
      referrerUserId: com.id,
      referrerOrganisationId: com.organisationId,
    })
    const id = referral.id
    const provider = await signedIn(caseworker.email)
    await provider.get(`/referrals/${id}`)
    await provider.post(`/referrals/${id}/assign`, {})
    const date = { 'appointmentDate-day': '5', 'appointmentDate-month': '11', 'appointmentDate-year': '2026' }
    expect((await provider.post(`/referrals/${id}/assessment`, date)).statusCode).toBe(303)
    await provider.post(`/referrals/${id}/assessment/attended`, {})
    await provider.post(`/referrals/${id}/action-plan`, { actionPlan: 'Find a tenancy', sessions: '2' })
    const referrer = await signedIn(com.email)
    await referrer.get(`/referrals/${id}`)
    await referrer.post(`/referrals/${id}/approve-action-plan`, {})
    await provider.get(`/referrals/${id}`)
    const session = { ...date, 'appointmentDate-day': '10', attendance: 'did_not_attend' }
    expect((await provider.post(`/referrals/${id}/sessions/new`, session)).statusCode).toBe(303)

    const page = await referrer.get(`/referrals/${id}`)
    const history = /<ol class="govuk-list" id="history">([\s\S]*?)<\/ol>/.exec(page.body)![1]!
    expect(history).toContain('Initial assessment booked by Casey Worker')
    expect(history).toContain('for 5 November 2026')
    expect(history).toContain('did not attend')
    expect(history).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    expect(history).not.toContain('did_not_attend')
  })
})

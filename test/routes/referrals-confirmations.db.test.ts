import { describe, expect, it } from 'vitest'
import { ACC_TYPE, ACCOMMODATION, buildProvider, buildSentReferral } from '../support/builders/referrals.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import type { Agent } from '../support/app.ts'
import { referralWorld } from '../support/referral-world.ts'

const { t, rdb, london, com, caseworker, choices, signedIn } = await referralWorld()

/** Issue 12 defect 9: every save says what was saved, once, on the page it lands on. */
async function says(
  agent: Agent,
  res: { statusCode: number; headers: Record<string, unknown> },
  text: string,
) {
  expect(res.statusCode).toBe(303)
  const next = await agent.get(String(res.headers.location))
  expect(next.body).toContain('govuk-notification-banner--success')
  expect(next.body).toContain(text)
  // Shown once: a refresh (or a bookmarked address) does not repeat it.
  expect((await agent.get(String(res.headers.location))).body).not.toContain(
    'govuk-notification-banner--success',
  )
}

describe('confirmations after each referral save', () => {
  it('confirms each step of making and delivering a referral', async () => {
    const person = await buildPerson(t.db, { released: true, releaseInDays: -200 })
    const referrer = await signedIn(com.email)
    await referrer.get(`/people/${person.id}/referrals/new`)
    const started = await referrer.post(`/people/${person.id}/referrals`, {})
    const id = /\/referrals\/([0-9a-f-]{36})\//.exec(String(started.headers.location))![1]!
    const version = () =>
      rdb.selectFrom('referral').where('id', '=', id).select('version').executeTakeFirstOrThrow()

    await referrer.get(`/referrals/${id}/category`)
    const v1 = String((await version()).version)
    await says(
      referrer,
      await referrer.post(`/referrals/${id}/category`, { version: v1, serviceCategoryId: ACCOMMODATION }),
      'Service category saved',
    )
    const details = {
      contractId: london.id,
      complexityLevelId: choices.complexity[0]!.id,
      desiredOutcomeIds: choices.choosable[0]!.id,
      reason: 'No fixed address on release',
      needs: 'Housing on release',
      riskInformation: 'Low risk of serious harm',
      contactDetails: '07700 900123',
      'completionDeadline-day': '31',
      'completionDeadline-month': '3',
      'completionDeadline-year': '2027',
    }
    const draftPage = await referrer.get(`/referrals/${id}/details`)
    expect(draftPage.statusCode).toBe(200)
    const v2 = String((await version()).version)
    await says(
      referrer,
      await referrer.post(`/referrals/${id}/details`, { ...details, version: v2 }),
      'Draft saved',
    )
    // The saved draft comes back into the form, its deadline in the three date boxes.
    const again = await referrer.get(`/referrals/${id}/details`)
    expect(again.body).toMatch(/name="completionDeadline-day"[^>]*value="31"/)
    expect(again.body).toMatch(new RegExp(`value="${london.id}" checked`))
    const v3 = String((await version()).version)
    await says(
      referrer,
      await referrer.post(`/referrals/${id}/details`, { ...details, version: v3, intent: 'send' }),
      'Referral sent',
    )

    const provider = await signedIn(caseworker.email)
    await provider.get(`/referrals/${id}/quality`)
    await says(
      provider,
      await provider.post(`/referrals/${id}/quality`, { checklist: ['reasonClear'] }),
      'Referral quality rated',
    )
    await says(provider, await provider.post(`/referrals/${id}/assign`, {}), 'Referral assigned to you')
    const date = { 'appointmentDate-day': '5', 'appointmentDate-month': '11', 'appointmentDate-year': '2026' }
    await says(
      provider,
      await provider.post(`/referrals/${id}/assessment`, date),
      'Initial assessment booked',
    )
    await says(
      provider,
      await provider.post(`/referrals/${id}/assessment/attended`, {}),
      'Initial assessment recorded',
    )
    await says(
      provider,
      await provider.post(`/referrals/${id}/action-plan`, { actionPlan: 'Find a tenancy', sessions: '1' }),
      'Action plan submitted',
    )
    await referrer.get(`/referrals/${id}`)
    await says(
      referrer,
      await referrer.post(`/referrals/${id}/approve-action-plan`, {}),
      'Action plan approved',
    )
    await says(
      provider,
      await provider.post(`/referrals/${id}/sessions/new`, {
        ...date,
        'appointmentDate-day': '10',
        attendance: 'attended',
      }),
      'Session recorded',
    )
    await says(
      provider,
      await provider.post(`/referrals/${id}/report`, {
        summary: 'Housed',
        [`outcome-${choices.choosable[0]!.id}`]: 'achieved',
      }),
      'End-of-service report submitted',
    )
    await says(provider, await provider.post(`/referrals/${id}/conclude`, {}), 'Referral concluded')
  })

  it('confirms a withdrawal, a cancellation and a new contract', async () => {
    const person = await buildPerson(t.db)
    const sent = () =>
      buildSentReferral(t.db, {
        personId: person.id,
        contract: london,
        referrerUserId: com.id,
        referrerOrganisationId: com.organisationId,
      })
    const [one, two] = [await sent(), await sent()]
    const referrer = await signedIn(com.email)
    await referrer.get(`/referrals/${one.id}/withdraw`)
    await says(
      referrer,
      await referrer.post(`/referrals/${one.id}/withdraw`, { reasonCode: 'MIS' }),
      'Referral withdrawn',
    )
    const provider = await signedIn(caseworker.email)
    const form = await provider.get(`/referrals/${two.id}/cancel`)
    const code = /name="reasonCode" type="radio" value="([^"]+)"/.exec(form.body)![1]!
    await says(
      provider,
      await provider.post(`/referrals/${two.id}/cancel`, { reasonCode: code }),
      'Referral cancelled',
    )

    const admin = await buildUser(t.db, 'admin')
    const shelter = await buildProvider(t.db, 'Confirmed Partners')
    const manager = await signedIn(admin.email)
    await manager.get('/admin/contracts/new')
    await says(
      manager,
      await manager.post('/admin/contracts/new', {
        reference: 'CONF-1',
        providerOrganisationId: shelter.id,
        contractTypeId: ACC_TYPE,
        serviceCategoryIds: ACCOMMODATION,
        regionCodes: 'N07',
        'startDate-day': '1',
        'startDate-month': '4',
        'startDate-year': '2026',
        'endDate-day': '31',
        'endDate-month': '3',
        'endDate-year': '2029',
        value: '1000',
      }),
      'Contract CONF-1 added',
    )
  })
})

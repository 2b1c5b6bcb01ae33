import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser, LONDON } from '../support/builders/common.ts'
import { buildBedspace, buildReferral } from '../support/builders/cas3.ts'
import { releasedPerson } from '../support/builders/outcomes.ts'

// Issue 12, defect 9: every save says what was saved, on the page the user lands on.
const t = await testApp()

async function signedIn(role: Parameters<typeof buildUser>[1]) {
  const user = await buildUser(t.db, role)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return agent
}

/** Posts, follows the redirect and returns the success banner's text. */
async function bannerAfter(agent: Agent, url: string, form: Record<string, string | string[]>) {
  const res = await agent.post(url, form)
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303)
  const page = await agent.get(res.headers.location as string)
  return /govuk-notification-banner__heading">\s*([^<]+?)\s*</.exec(page.body)?.[1] ?? 'no banner'
}

describe('confirmations', () => {
  it('after a pathway’s needs are saved', async () => {
    const person = await buildPerson(t.db, { releaseInDays: 70 })
    const agent = await signedIn('prison_resettlement_worker')
    const url = `/people/${person.id}/release-planning/pathways/finance-and-id`
    await agent.get(url)
    const banner = await bannerAfter(agent, url, {
      version: '0',
      status: 'support_required',
      responsibleParty: 'prison',
      needIds: ['83'],
    })
    expect(banner).toBe('Finance and ID saved')
  })

  it('after a checkpoint status is recorded', async () => {
    const who = await releasedPerson(t.db, LONDON, '2026-11-10', { given: 'Jo', family: 'Saved' })
    const agent = await signedIn('com')
    const url = `/outcomes/checkpoints/record?${new URLSearchParams({ person: who.id, episode: who.episodeId, checkpoint: 'accommodation_first_night', date: '2026-11-10' }).toString()}`
    await agent.get(url)
    const banner = await bannerAfter(agent, url, {
      accommodationTypeCode: 'A01C',
      'effectiveDate-day': '10',
      'effectiveDate-month': '11',
      'effectiveDate-year': '2026',
      source: 'com',
    })
    expect(banner).toBe('Accommodation status recorded')
  })

  it('after a CAS3 assessment and a booking cancellation', async () => {
    const person = await buildPerson(t.db, { released: true, releaseInDays: -10 })
    const com = await buildUser(t.db, 'com')
    const referral = await buildReferral(t.db, person, com.organisationId, { status: 'unallocated' })
    const agent = await signedIn('cas3_officer')
    await agent.get(`/cas3/referrals/${referral.id}`)
    expect(
      await bannerAfter(agent, `/cas3/referrals/${referral.id}/assess`, {
        status: 'ready_to_place',
        version: '1',
      }),
    ).toBe('Referral status saved: Ready to place')

    const bed = await buildBedspace(t.db)
    const booked = await agent.post('/cas3/bookings', {
      bedspaceId: bed.id,
      referralId: referral.id,
      arrivalDate: '2026-11-25',
      departureDate: '2026-12-20',
      confirmed: 'yes',
    })
    const path = (booked.headers.location as string).split('?')[0]!
    const page = await agent.get(path)
    const reason = /name="reasonId"[\s\S]*?<option value="([0-9a-f-]{36})"/.exec(page.body)?.[1]
    expect(await bannerAfter(agent, `${path}/cancel`, { reasonId: reason!, version: '1' })).toBe(
      'Booking cancelled',
    )
  })
})

import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import { buildBedspace, buildReferral } from '../support/builders/cas3.ts'
import { cas3Db } from '../../src/domains/cas3/tables.ts'

// Issue 12, defect 4: CAS3 bookings respect the release, and the 84-night rule (with its
// authorised extension) is applied the same way in the search and the booking.
const t = await testApp()

async function officer() {
  const user = await buildUser(t.db, 'cas3_officer')
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  await agent.get('/cas3')
  return agent
}

async function referralReleasedOn(releaseInDays: number) {
  const person = await buildPerson(t.db, { releaseInDays })
  const com = await buildUser(t.db, 'com')
  const referral = await buildReferral(t.db, person, com.organisationId)
  await cas3Db(t.db)
    .updateTable('cas3_referral')
    .set({ release_date: person.episode.expected_release_date })
    .where('id', '=', referral.id)
    .execute()
  return referral
}

describe('CAS3 bookings and the release', () => {
  it('refuses a booking that arrives before the person is released', async () => {
    const agent = await officer()
    const bedspace = await buildBedspace(t.db)
    const referral = await referralReleasedOn(20) // released 12 December 2026
    const res = await agent.post('/cas3/bookings', {
      bedspaceId: bedspace.id,
      referralId: referral.id,
      arrivalDate: '2026-12-01',
      departureDate: '2026-12-20',
      confirmed: 'yes',
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain(
      'The arrival date must be on or after the person’s release on 12 December 2026',
    )
  })

  it('warns when a search runs past 84 nights, naming the extension, and gives dates the GOV.UK way', async () => {
    const agent = await officer()
    await buildBedspace(t.db)
    const referral = await referralReleasedOn(-5)
    const res = await agent.get(
      `/cas3/search?referralId=${referral.id}&arrivalDate-day=1&arrivalDate-month=12&arrivalDate-year=2026&departureDate-day=14&departureDate-month=4&departureDate-year=2027`,
    )
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('This stay is 134 nights, over the 84-night limit')
    expect(res.body).toContain('23 February 2027')
  })

  it('warns when a search starts before the referral’s release date', async () => {
    const agent = await officer()
    await buildBedspace(t.db)
    const referral = await referralReleasedOn(20)
    const res = await agent.get(
      `/cas3/search?referralId=${referral.id}&arrivalDate-day=1&arrivalDate-month=12&arrivalDate-year=2026&departureDate-day=14&departureDate-month=12&departureDate-year=2026`,
    )
    expect(res.body).toContain('before the person’s release on 12 December 2026')
  })
})

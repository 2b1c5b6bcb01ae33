import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import { buildBedspace, buildReferral } from '../support/builders/cas3.ts'
import { cas3Db } from '../../src/domains/cas3/tables.ts'

// Issue 17 finding 8: one CAS3 referral held 20 bookings for the same dates, made at once or one
// after another. A referral places one person, so it holds one live stay for any night.
const t = await testApp()

async function officer() {
  const agent = new Agent(t.app)
  await agent.signIn((await buildUser(t.db, 'cas3_officer')).email)
  await agent.get('/cas3')
  return agent
}

async function referral() {
  const com = await buildUser(t.db, 'com')
  return buildReferral(t.db, await buildPerson(t.db), com.organisationId)
}

const book = (agent: Agent, bedspaceId: string, referralId: string, arrival: string, departure: string) =>
  agent.post('/cas3/bookings', {
    bedspaceId,
    referralId,
    arrivalDate: arrival,
    departureDate: departure,
    confirmed: 'yes',
  })

const liveBookings = async (referralId: string) =>
  (
    await cas3Db(t.db)
      .selectFrom('cas3_booking')
      .select('id')
      .where('referral_id', '=', referralId)
      .where('status', 'in', ['provisional', 'confirmed', 'arrived'])
      .execute()
  ).length

describe('one live stay per CAS3 referral', () => {
  it('refuses a second booking for the same dates one after another, saying why', async () => {
    const agent = await officer()
    const r = await referral()
    const [a, b] = [await buildBedspace(t.db), await buildBedspace(t.db)]
    expect((await book(agent, a.id, r.id, '2027-01-04', '2027-02-01')).statusCode).toBe(303)
    const second = await book(agent, b.id, r.id, '2027-01-10', '2027-01-20')
    expect(second.statusCode).toBe(400)
    expect(second.body).toContain('This referral already has a booking')
    expect(await liveBookings(r.id)).toBe(1)
  })

  it('leaves exactly one booking when 20 requests for one referral arrive at once', async () => {
    const officers = await Promise.all([officer(), officer(), officer(), officer()])
    const r = await referral()
    const beds = await Promise.all(Array.from({ length: 20 }, () => buildBedspace(t.db)))
    const responses = await Promise.all(
      beds.map((bed, i) => book(officers[i % officers.length]!, bed.id, r.id, '2027-03-01', '2027-03-29')),
    )
    expect(responses.filter((res) => res.statusCode === 303)).toHaveLength(1)
    expect(responses.filter((res) => res.statusCode === 400)).toHaveLength(19)
    expect(await liveBookings(r.id)).toBe(1)
  })

  it('still allows a move to another bedspace from the day the first stay ends', async () => {
    const agent = await officer()
    const r = await referral()
    const [a, b] = [await buildBedspace(t.db), await buildBedspace(t.db)]
    expect((await book(agent, a.id, r.id, '2027-04-01', '2027-04-15')).statusCode).toBe(303)
    expect((await book(agent, b.id, r.id, '2027-04-15', '2027-05-01')).statusCode).toBe(303)
  })

  it('is enforced by the database itself', async () => {
    const r = await referral()
    const bed = await buildBedspace(t.db)
    const other = await buildBedspace(t.db)
    const person = await cas3Db(t.db)
      .selectFrom('cas3_referral')
      .select(['person_id', 'custody_episode_id'])
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow()
    const row = (bedspaceId: string) => ({
      bedspace_id: bedspaceId,
      person_id: person.person_id,
      custody_episode_id: person.custody_episode_id,
      referral_id: r.id,
      arrival_date: '2027-06-01',
      departure_date: '2027-06-10',
      blocked_until: '2027-06-12',
      status: 'confirmed' as const,
    })
    await cas3Db(t.db).insertInto('cas3_booking').values(row(bed.id)).execute()
    await expect(cas3Db(t.db).insertInto('cas3_booking').values(row(other.id)).execute()).rejects.toThrow(
      /cas3_booking_one_stay_per_referral/,
    )
  })
})

import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser, MANCHESTER } from '../support/builders/common.ts'
import { buildBedspace, buildReferral } from '../support/builders/cas3.ts'
import { cas3Db } from '../../src/domains/cas3/tables.ts'

// Issue 17 finding 1: read-only roles (a national analyst, a regional lead) changed a CAS3
// booking's move-on address. Reading a person is not a licence to change their record.
const t = await testApp()

async function signedIn(role: Parameters<typeof buildUser>[1], place?: Parameters<typeof buildUser>[2]) {
  const agent = new Agent(t.app)
  await agent.signIn((await buildUser(t.db, role, place)).email)
  return agent
}

async function arrivedBooking() {
  const officer = await signedIn('cas3_officer')
  await officer.get('/cas3')
  const bed = await buildBedspace(t.db)
  const person = await buildPerson(t.db, { released: true, releaseInDays: -10 })
  const com = await buildUser(t.db, 'com')
  const referral = await buildReferral(t.db, person, com.organisationId)
  const res = await officer.post('/cas3/bookings', {
    bedspaceId: bed.id,
    referralId: referral.id,
    arrivalDate: '2026-11-12',
    departureDate: '2026-12-10',
    confirmed: 'yes',
  })
  expect(res.statusCode).toBe(303)
  const path = (res.headers.location as string).split('?')[0]!
  return { path, id: path.split('/').pop()! }
}

const address = async (id: string) =>
  (
    await cas3Db(t.db)
      .selectFrom('cas3_booking')
      .select(['planned_move_on_address', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).planned_move_on_address

describe('read-only roles cannot change a CAS3 move-on address', () => {
  for (const [role, place] of [
    ['national_analyst', undefined],
    ['regional_lead', undefined],
    ['regional_lead', MANCHESTER],
    ['health_coordinator', undefined],
  ] as const) {
    it(`refuses a ${role}${place ? ' in another region' : ''}`, async () => {
      const { path, id } = await arrivedBooking()
      const agent = await signedIn(role, place)
      await agent.get('/sign-out')
      const res = await agent.post(`${path}/move-on-address`, { address: '1 Taken Road', version: '1' })
      expect([403, 404]).toContain(res.statusCode)
      expect(await address(id)).toBeNull()
    })
  }

  it('still lets the COM record it', async () => {
    const { path, id } = await arrivedBooking()
    const com = await signedIn('com')
    await com.get(`${path}/move-on-address`)
    const res = await com.post(`${path}/move-on-address`, { address: '12 New Road', version: '1' })
    expect(res.statusCode).toBe(303)
    expect(await address(id)).toBe('12 New Road')
  })
})

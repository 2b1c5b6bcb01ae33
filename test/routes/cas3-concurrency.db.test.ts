import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import { buildBedspace, buildReferral } from '../support/builders/cas3.ts'
import { cas3Db } from '../../src/domains/cas3/tables.ts'

const t = await testApp()

describe('double booking', () => {
  it('leaves exactly one booking when 50 requests for one bedspace and period arrive at once', async () => {
    const bed = await buildBedspace(t.db)
    const com = await buildUser(t.db, 'com')
    const officers = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const user = await buildUser(t.db, 'cas3_officer')
        const agent = new Agent(t.app)
        await agent.signIn(user.email)
        await agent.get('/cas3')
        return agent
      }),
    )
    const referrals = await Promise.all(
      Array.from({ length: 50 }, async () =>
        buildReferral(t.db, await buildPerson(t.db), com.organisationId),
      ),
    )
    const responses = await Promise.all(
      referrals.map((r, i) =>
        officers[i % officers.length]!.post('/cas3/bookings', {
          bedspaceId: bed.id,
          referralId: r.id,
          arrivalDate: '2027-01-04',
          departureDate: '2027-02-01',
          confirmed: 'yes',
        }),
      ),
    )
    expect(responses.filter((r) => r.statusCode === 303)).toHaveLength(1)
    const refused = responses.filter((r) => r.statusCode === 400)
    expect(refused).toHaveLength(49)
    for (const r of refused)
      expect(r.body).toMatch(/This bedspace (is booked for .+ \(booking [A-F0-9]{8}\)|has just been booked)/)
    const rows = await cas3Db(t.db)
      .selectFrom('cas3_booking')
      .select('id')
      .where('bedspace_id', '=', bed.id)
      .execute()
    expect(rows).toHaveLength(1)
  })

  it('is refused by the database itself, turnaround included, whatever the code does', async () => {
    const bed = await buildBedspace(t.db)
    const person = await buildPerson(t.db)
    const row = (
      arrival: string,
      departure: string,
      blockedUntil: string,
      status: 'confirmed' | 'cancelled' = 'confirmed',
    ) => ({
      bedspace_id: bed.id,
      person_id: person.id,
      custody_episode_id: person.episode.id,
      arrival_date: arrival,
      departure_date: departure,
      blocked_until: blockedUntil,
      status,
      cancellation_reason_id: status === 'cancelled' ? 'd2a0d037-53db-4bb2-b9f7-afa07948a3f5' : null,
    })
    const db = cas3Db(t.db)
    await db
      .insertInto('cas3_booking')
      .values(row('2027-03-01', '2027-03-10', '2027-03-13'))
      .execute()
    await expect(
      db
        .insertInto('cas3_booking')
        .values(row('2027-03-12', '2027-03-20', '2027-03-23'))
        .execute(),
    ).rejects.toMatchObject({ code: '23P01', constraint: 'cas3_booking_no_overlap' })
    // A cancelled booking holds nothing, nor does a closed one whose person never arrived.
    await db
      .insertInto('cas3_booking')
      .values({ ...row('2027-03-02', '2027-03-20', '2027-03-23'), status: 'closed' })
      .execute()
    await db
      .insertInto('cas3_booking')
      .values(row('2027-03-05', '2027-03-20', '2027-03-23', 'cancelled'))
      .execute()
    await db
      .insertInto('cas3_booking')
      .values(row('2027-03-13', '2027-03-20', '2027-03-23'))
      .execute()
    // A cancellation needs its reason, and states are only the listed ones.
    await expect(
      sql`update cas3_booking set status = 'cancelled' where bedspace_id = ${bed.id}`.execute(t.db),
    ).rejects.toMatchObject({ code: '23514' })
    await expect(
      sql`update cas3_booking set status = 'lost' where bedspace_id = ${bed.id}`.execute(t.db),
    ).rejects.toMatchObject({ code: '23514' })
  })
})

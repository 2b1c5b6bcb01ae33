import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, MANCHESTER } from '../support/builders/common.ts'
import { buildBedspace } from '../support/builders/cas3.ts'
import { cas3Db } from '../../src/domains/cas3/tables.ts'
import { cas3Helpers, PLANNED_MOVE_ON, PRIVATE_RENTAL } from '../support/cas3-helpers.ts'

const t = await testApp()
const { officer, readyReferral, book } = cas3Helpers(t)

describe('arrival and departure', () => {
  it('records CAS3 on arrival and the move-on accommodation on departure as status events', async () => {
    const { agent } = await officer()
    const bed = await buildBedspace(t.db)
    const { person, referral } = await readyReferral()
    const ok = await book(agent, bed.id, referral.id, '2026-11-12', '2027-01-20')
    const path = (ok.headers.location as string).split('?')[0]!
    await agent.get(path)
    const future = await agent.post(`${path}/arrival`, {
      'arrivalDate-day': '1',
      'arrivalDate-month': '12',
      'arrivalDate-year': '2026',
      version: '1',
    })
    expect(future.statusCode).toBe(400)
    expect(future.body).toContain('The arrival date cannot be in the future')
    expect(
      (
        await agent.post(`${path}/arrival`, {
          'arrivalDate-day': '12',
          'arrivalDate-month': '11',
          'arrivalDate-year': '2026',
          version: '1',
        })
      ).statusCode,
    ).toBe(303)
    const noReason = await agent.post(`${path}/departure`, {
      'departureDate-day': '20',
      'departureDate-month': '11',
      'departureDate-year': '2026',
      reasonId: '',
      moveOnCategoryId: '',
      version: '2',
    })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('<a href="#reasonId">Select the reason for departure</a>')
    const departed = await agent.post(`${path}/departure`, {
      'departureDate-day': '20',
      'departureDate-month': '11',
      'departureDate-year': '2026',
      reasonId: PLANNED_MOVE_ON,
      moveOnCategoryId: PRIVATE_RENTAL,
      version: '2',
    })
    expect(departed.statusCode).toBe(303)
    const events = await t.db
      .selectFrom('status_event')
      .select(['accommodation_type_code', 'effective_date', 'source'])
      .where('person_id', '=', person.id)
      .orderBy('effective_date')
      .execute()
    expect(events).toEqual([
      { accommodation_type_code: 'A17', effective_date: '2026-11-12', source: 'cas3' },
      { accommodation_type_code: 'A01C', effective_date: '2026-11-20', source: 'cas3' },
    ])
    // Leaving early frees the bedspace from the real departure plus the turnaround.
    const row = await cas3Db(t.db)
      .selectFrom('cas3_booking')
      .select(['status', 'departure_date', 'blocked_until'])
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'departed', departure_date: '2026-11-20', blocked_until: '2026-11-25' })
    const com = await buildUser(t.db, 'com')
    const comAgent = new Agent(t.app)
    await comAgent.signIn(com.email)
    const timeline = await comAgent.get(`/people/${person.id}`)
    expect(timeline.body).toContain('Arrived in CAS3 temporary accommodation')
    expect(timeline.body).toContain('Moved on to: Rental accommodation - private rental')
  })
})

describe('the COM’s move-on worklist', () => {
  it('flags people due to leave CAS3 within 4 weeks with no move-on address until one is recorded', async () => {
    const { agent } = await officer()
    const bed = await buildBedspace(t.db)
    const { person, referral } = await readyReferral()
    const ok = await book(agent, bed.id, referral.id, '2026-11-12', '2026-12-10')
    const path = (ok.headers.location as string).split('?')[0]!
    await agent.get(path)
    await agent.post(`${path}/arrival`, {
      'arrivalDate-day': '12',
      'arrivalDate-month': '11',
      'arrivalDate-year': '2026',
      version: '1',
    })
    const com = await buildUser(t.db, 'com')
    const comAgent = new Agent(t.app)
    await comAgent.signIn(com.email)
    const list = await comAgent.get('/cas3/move-on-due')
    expect(list.body).toContain(`${person.family_name}, ${person.given_name}`)
    expect(list.body).toContain('No move-on address')
    await comAgent.get(`${path}/move-on-address`)
    const empty = await comAgent.post(`${path}/move-on-address`, { address: '', version: '2' })
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('<a href="#address">Enter the move-on address</a>')
    expect(
      (
        await comAgent.post(`${path}/move-on-address`, {
          address: '12 New Road, London N1 2AB',
          version: '2',
        })
      ).statusCode,
    ).toBe(303)
    expect((await comAgent.get('/cas3/move-on-due')).body).not.toContain(
      `${person.family_name}, ${person.given_name}`,
    )
    const outsider = new Agent(t.app)
    await outsider.signIn((await buildUser(t.db, 'com', MANCHESTER)).email)
    expect((await outsider.get(`${path}/move-on-address`)).statusCode).toBe(404)
  })
})

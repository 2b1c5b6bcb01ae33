import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, MANCHESTER } from '../support/builders/common.ts'
import { buildBedspace } from '../support/builders/cas3.ts'
import { cas3Db } from '../../src/domains/cas3/tables.ts'

const t = await testApp()

async function signedIn(role: Parameters<typeof buildUser>[1], place?: Parameters<typeof buildUser>[2]) {
  const user = await buildUser(t.db, role, place)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  await agent.get('/cas3')
  return { user, agent }
}

const premisesForm = {
  name: 'Seven Sisters House',
  addressLine1: '7 Seven Sisters Road',
  postcode: 'n7 6aa',
  localAuthorityCode: 'E09000019',
  pduCode: 'LDNNCAI',
  characteristics: ['isSingleOccupancy', 'isSensitiveLet'],
}

describe('the CAS3 estate', () => {
  it('sends a signed-out visitor to sign in, and refuses a COM', async () => {
    expect((await new Agent(t.app).get('/cas3/premises')).statusCode).toBe(302)
    const { agent } = await signedIn('com')
    expect((await agent.get('/cas3/premises')).statusCode).toBe(403)
  })

  it('only adds premises in the officer’s own region, with characteristics from the real list', async () => {
    const { agent } = await signedIn('cas3_officer')
    await agent.get('/cas3/premises/new')
    const res = await agent.post('/cas3/premises', {
      ...premisesForm,
      pduCode: MANCHESTER.pdu,
      characteristics: ['isSingleOccupancy', 'hasJacuzzi'],
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('<a href="#pduCode">Select a PDU in your region</a>')
    expect(res.body).toContain('<a href="#characteristics">Select characteristics from the list</a>')
    expect(res.body).toContain('value="Seven Sisters House"')
    const ok = await agent.post('/cas3/premises', premisesForm)
    expect(ok.statusCode).toBe(303)
    const row = await cas3Db(t.db)
      .selectFrom('cas3_premises')
      .selectAll()
      .where('name', '=', 'Seven Sisters House')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      region_code: 'N07',
      postcode: 'N7 6AA',
      characteristics: ['isSingleOccupancy', 'isSensitiveLet'],
    })
    const again = await agent.post('/cas3/premises', premisesForm)
    expect(again.body).toContain('Your region already has premises with this name')
  })

  it('hides another region’s bedspace and audits the attempt', async () => {
    const bed = await buildBedspace(t.db, { place: 'manchester' })
    const { agent, user } = await signedIn('cas3_officer')
    expect((await agent.get(`/cas3/bedspaces/${bed.id}`)).statusCode).toBe(404)
    expect(
      (
        await agent.post(`/cas3/bedspaces/${bed.id}/voids`, {
          'startDate-day': '1',
          'startDate-month': '12',
          'startDate-year': '2026',
          'endDate-day': '2',
          'endDate-month': '12',
          'endDate-year': '2026',
          reasonId: 'void-other',
        })
      ).statusCode,
    ).toBe(404)
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['outcome', 'detail'])
      .where('user_id', '=', user.id)
      .where('record_type', '=', 'cas3_bedspace')
      .execute()
    expect(audit).toContainEqual({ outcome: 'denied', detail: 'out of region' })
    expect(
      await cas3Db(t.db).selectFrom('cas3_void').select('id').where('bedspace_id', '=', bed.id).execute(),
    ).toHaveLength(0)
  })

  it('refuses overlapping voids and shows an upcoming bedspace as upcoming', async () => {
    const bed = await buildBedspace(t.db, { startDate: '2026-12-01' })
    const { agent } = await signedIn('cas3_officer')
    const page = await agent.get(`/cas3/bedspaces/${bed.id}`)
    expect(page.body).toMatch(/Status[\s\S]*Upcoming/)
    const form = (d1: string, d2: string) => ({
      'startDate-day': d1,
      'startDate-month': '12',
      'startDate-year': '2026',
      'endDate-day': d2,
      'endDate-month': '12',
      'endDate-year': '2026',
      reasonId: 'void-maintenance',
    })
    expect((await agent.post(`/cas3/bedspaces/${bed.id}/voids`, form('10', '14'))).statusCode).toBe(303)
    const overlap = await agent.post(`/cas3/bedspaces/${bed.id}/voids`, form('14', '20'))
    expect(overlap.statusCode).toBe(400)
    expect(overlap.body).toContain('Another void already covers some of these dates')
  })
})

import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type { Role } from '../../src/platform/db/schema.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, LONDON, MANCHESTER } from '../support/builders/common.ts'
import { releasedPerson } from '../support/builders/outcomes.ts'
import { parseCsv } from '../../src/platform/csv.ts'

// TODAY is 2026-11-22: the forecast runs from November 2026. Seven people released in London
// in 2026, each on a licence to the end of 2027, give Camden and Islington a caseload of 7.
const t = await testApp()
for (let i = 0; i < 7; i++) {
  const who = await releasedPerson(t.db, LONDON, `2026-0${i + 1}-15`)
  await sql`update custody_episode set licence_end_date = '2027-12-31' where id = ${who.episodeId}`.execute(
    t.db,
  )
  await sql`insert into supervision_order (person_id, custody_episode_id, kind, region_code, pdu_code, start_date)
    values (${who.id}, ${who.episodeId}, 'licence', ${LONDON.region}, ${LONDON.pdu}, ${`2026-0${i + 1}-15`})`.execute(
    t.db,
  )
}

async function signedIn(role: Role, place = LONDON) {
  const user = await buildUser(t.db, role, place)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  await agent.get('/capacity')
  return agent
}

describe('capacity against forecast demand', () => {
  it('refuses a COM, and a staffing change from anyone but an administrator or the regional lead', async () => {
    const com = await signedIn('com')
    expect((await com.get('/capacity')).statusCode).toBe(403)
    const analyst = await signedIn('national_analyst')
    expect((await analyst.post('/capacity/staffing', { pduCode: LONDON.pdu, comFte: '3' })).statusCode).toBe(
      403,
    )
  })

  it('keeps staffing for the lead’s own region only, with clear messages for bad input', async () => {
    const lead = await signedIn('regional_lead')
    const bad = await lead.post('/capacity/staffing', { pduCode: LONDON.pdu, comFte: 'lots' })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Enter the full-time equivalent as a number')
    expect((await lead.post('/capacity/staffing', { pduCode: MANCHESTER.pdu, comFte: '3' })).statusCode).toBe(
      404,
    )
    expect((await lead.post('/capacity/staffing', { pduCode: LONDON.pdu, comFte: '0.1' })).statusCode).toBe(
      303,
    )
  })

  it('names the PDU that goes over and the month, at 60 cases per FTE', async () => {
    const lead = await signedIn('regional_lead')
    await lead.post('/capacity/staffing', { pduCode: LONDON.pdu, comFte: '0.1' })
    const page = await lead.get('/capacity?horizon=3')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<svg')
    const csv = parseCsv(
      (await lead.get('/capacity?horizon=3&scenario=baseline&download=com-baseline&format=csv')).body,
    )
    // 0.1 FTE × 60 = capacity 6; caseload 7 from November: 117%.
    expect(csv.find((r) => r.PDU === 'Camden, Islington')).toMatchObject({
      'First month over capacity': 'Nov 2026',
      'Peak (% of capacity)': '117',
      'Months over': '3',
    })
    const staffing = parseCsv((await lead.get('/capacity?download=staffing&format=csv')).body)
    // 7 cases over 0.1 FTE: 70 per COM, at the alert level but not above it.
    expect(staffing.find((r) => r.PDU === 'Camden, Islington')).toMatchObject({
      'COM FTE': '0.1',
      'Cases per COM this month': '70',
    })
    const london = await sql<{
      n: number
    }>`select count(*)::int as n from pdu where region_code = ${LONDON.region}`.execute(t.db)
    expect(staffing).toHaveLength(london.rows[0]?.n ?? -1)
  })
})

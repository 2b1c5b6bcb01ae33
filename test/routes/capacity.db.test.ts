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

// Each of the seven spent their time since release in Approved Premises (A02, no later status):
// 290 + 259 + 231 + 200 + 170 + 139 + 109 = 1,398 nights to 1 November, 199.7 a release. One
// more London release is due in December 2026, from another PDU so Camden's caseload is as above.
for (const row of (
  await sql<{ id: string; person_id: string; actual_release_date: string }>`
    select id, person_id, actual_release_date::text from custody_episode where region_code = ${LONDON.region}`.execute(
    t.db,
  )
).rows)
  await sql`insert into status_event (person_id, custody_episode_id, kind, accommodation_type_code, effective_date, source)
    values (${row.person_id}, ${row.id}, 'accommodation', 'A02', ${row.actual_release_date}, 'com')`.execute(
    t.db,
  )
const otherPdu = await sql<{ code: string }>`
  select code from pdu where region_code = ${LONDON.region} and code <> ${LONDON.pdu} order by code limit 1`.execute(
  t.db,
)
const due = await t.db
  .insertInto('person')
  .values({
    given_name: 'Dee',
    family_name: 'Due',
    search_name: 'due dee',
    date_of_birth: '1990-01-01',
    sex: 'male',
  })
  .returning('id')
  .executeTakeFirstOrThrow()
await t.db
  .insertInto('custody_episode')
  .values({
    person_id: due.id,
    prison_code: LONDON.prison,
    sentence_type: 'determinate',
    sentence_length_band: '4_years_or_more',
    sentence_date: '2020-01-01',
    expected_release_date: '2026-12-10',
    pdu_code: otherPdu.rows[0]?.code ?? LONDON.pdu,
    region_code: LONDON.region,
    local_authority_code: LONDON.la,
  })
  .execute()

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

  it('keeps Approved Premises places with their source, and names the region that goes over and the month', async () => {
    const lead = await signedIn('regional_lead')
    const bad = await lead.post('/capacity/approved-premises', {
      regionCode: LONDON.region,
      places: '2.5',
      source: '',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Enter the places as a whole number')
    expect(bad.body).toContain('Say where the figure comes from')
    const elsewhere = {
      regionCode: MANCHESTER.region,
      places: '5',
      source: 'Regional premises list, November 2026',
    }
    expect((await lead.post('/capacity/approved-premises', elsewhere)).statusCode).toBe(404)
    const analyst = await signedIn('national_analyst')
    expect(
      (await analyst.post('/capacity/approved-premises', { ...elsewhere, regionCode: LONDON.region }))
        .statusCode,
    ).toBe(403)
    const saved = await lead.post('/capacity/approved-premises', { ...elsewhere, regionCode: LONDON.region })
    expect(saved.statusCode).toBe(303)

    const places = parseCsv((await lead.get('/capacity?download=approved-premises&format=csv')).body)
    expect(places).toEqual([
      { Region: 'London', Places: '5', Source: 'Regional premises list, November 2026' },
    ])
    // December: 1 release × 199.7 nights against 5 places × 31 nights = 155: 129%.
    const over = parseCsv((await lead.get('/capacity?horizon=3&download=ap-baseline&format=csv')).body)
    expect(over.find((r) => r.Region === 'London')).toMatchObject({
      'First month over capacity': 'Dec 2026',
      'Peak (% of capacity)': '129',
      'Months over': '1',
    })
  })
})

import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type { Role } from '../../src/platform/db/schema.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, LONDON, MANCHESTER } from '../support/builders/common.ts'
import { releasedPerson } from '../support/builders/outcomes.ts'
import { parseCsv } from '../../src/platform/csv.ts'

// TODAY is 2026-11-22. A London COM holds 36 cases on licence at MAPPA level 3 (weight 2 each:
// 72, above the alert level of 70), 6 of them ending in January 2027; a second London COM holds
// one case on licence and one allocated before release; a Manchester COM holds one case.
const t = await testApp()
const ada = await buildUser(t.db, 'com', LONDON)
const ben = await buildUser(t.db, 'com', LONDON)
const cy = await buildUser(t.db, 'com', MANCHESTER)

async function onLicence(place: typeof LONDON, com: string, licenceEnd: string, mappa: number | null) {
  const who = await releasedPerson(t.db, place, '2026-06-15')
  await sql`update custody_episode set licence_end_date = ${licenceEnd}, mappa_level = ${mappa} where id = ${who.episodeId}`.execute(
    t.db,
  )
  await sql`insert into supervision_order (person_id, custody_episode_id, kind, region_code, pdu_code, start_date)
    values (${who.id}, ${who.episodeId}, 'licence', ${place.region}, ${place.pdu}, '2026-06-15')`.execute(
    t.db,
  )
  await sql`insert into handover (custody_episode_id, person_id, com_name, com_allocated_on)
    values (${who.episodeId}, ${who.id}, ${com}, '2026-02-01')`.execute(t.db)
  return who
}

for (let i = 0; i < 36; i++) await onLicence(LONDON, ada.name, i < 6 ? '2027-01-10' : '2028-06-30', 3)
await onLicence(LONDON, ben.name, '2028-06-30', null)
await onLicence(MANCHESTER, cy.name, '2028-06-30', null)
// Ben's case in custody, due out on 10 December 2026, allocated at handover.
const held = await releasedPerson(t.db, LONDON, '2026-12-10')
await sql`update custody_episode set actual_release_date = null, release_type = null, licence_end_date = '2028-06-30'
  where id = ${held.episodeId}`.execute(t.db)
await sql`insert into handover (custody_episode_id, person_id, com_name, com_allocated_on)
  values (${held.episodeId}, ${held.id}, ${ben.name}, '2026-08-01')`.execute(t.db)

async function signedIn(user: { email: string }) {
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return agent
}
const as = async (role: Role, place = LONDON) => signedIn(await buildUser(t.db, role, place))
const csv = async (agent: Agent, url: string) => parseCsv((await agent.get(url)).body)

describe('caseloads per named COM', () => {
  it('refuses roles that manage no caseload and read no reports', async () => {
    expect((await (await as('provider_caseworker')).get('/caseloads')).statusCode).toBe(403)
    expect((await (await as('council_officer')).get('/caseloads')).statusCode).toBe(403)
  })

  it('answers a malformed area with its message, and another region as not found', async () => {
    const lead = await as('regional_lead')
    const bad = await lead.get('/caseloads?pdu=not%20a%20pdu')
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Choose an area from the list')
    expect((await lead.get(`/caseloads?region=${MANCHESTER.region}`)).statusCode).toBe(404)
    expect((await lead.get(`/caseloads?pdu=${MANCHESTER.pdu}`)).statusCode).toBe(404)
  })

  it('shows a COM their own caseload only, weighted, flagged above 70', async () => {
    const agent = await signedIn(ada)
    const page = await agent.get('/caseloads')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Your caseload')
    expect(page.body).not.toContain(ben.name)
    const rows = await csv(agent, '/caseloads?download=coms&format=csv')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      COM: ada.name,
      'On licence': '36',
      'Weighted workload': '72',
      'Against the norm (30 to 60)': 'Above 70',
    })
    // By February 2027 the six licences ending in January have ended: 30 × 2 = 60, and with no
    // early ends recorded here the range is exact.
    expect(rows[0]?.['Weighted in 3 months (95% range)']).toBe('60.0 (60.0 to 60.0)')
  })

  it('shows the regional lead every COM in the region, the share above 70 with its interval, and the PDU forecast', async () => {
    const lead = await as('regional_lead')
    const page = await lead.get('/caseloads')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<svg')
    expect(page.body).toMatch(
      /1 of 2 COMs hold a weighted workload above 70 \(50%, 95% confidence interval 9% to 91%\)/,
    )
    const rows = await csv(lead, '/caseloads?download=coms&format=csv')
    expect(rows.map((r) => r.COM).sort()).toEqual([ada.name, ben.name].sort())
    expect(rows.find((r) => r.COM === ben.name)).toMatchObject({
      'On licence': '1',
      'Allocated before release': '1',
      'Weighted workload': '1.5',
      // Ben's allocated case is released in December: two cases on licence by February.
      'Weighted in 3 months (95% range)': '2.0 (2.0 to 2.0)',
    })
    const pdus = await csv(lead, '/caseloads?download=pdus&format=csv')
    const camden = pdus.find((r) => r.PDU === 'Camden, Islington')
    expect(camden?.['Cases held by named COMs today']).toBe('38')
    expect(camden?.["Of which still held by today's COMs"]).toBe('32')
  })

  it('lets the national analyst choose any region', async () => {
    const analyst = await as('national_analyst')
    const rows = await csv(analyst, `/caseloads?region=${MANCHESTER.region}&download=coms&format=csv`)
    expect(rows.map((r) => r.COM)).toEqual([cy.name])
  })
})

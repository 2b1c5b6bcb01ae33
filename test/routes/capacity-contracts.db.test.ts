import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type { Role } from '../../src/platform/db/schema.ts'
import { parseCsv } from '../../src/platform/csv.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, LONDON, MANCHESTER } from '../support/builders/common.ts'
import { releasedPerson } from '../support/builders/outcomes.ts'
import { buildContract, buildSentReferral } from '../support/builders/referrals.ts'

// TODAY is 2026-11-22: the forecast runs from November 2026. Four London releases in 2026, each
// referred to London's accommodation contract, give one CRS accommodation referral per release;
// one more London release is due on 10 December 2026, so the forecast has 1 referral in December.
const t = await testApp()
const london = await buildContract(t.db, { reference: 'LDN-ACC-1' })
const manchester = await buildContract(t.db, { reference: 'MAN-ACC-1', regionCodes: [MANCHESTER.region] })
const both = await buildContract(t.db, {
  reference: 'LDN-MAN-ACC',
  regionCodes: [LONDON.region, MANCHESTER.region],
  startDate: '2027-06-01',
})
const com = await buildUser(t.db, 'com')
for (let i = 0; i < 4; i++) {
  const who = await releasedPerson(t.db, LONDON, `2026-0${i + 3}-15`)
  await buildSentReferral(t.db, {
    personId: who.id,
    contract: london,
    referrerUserId: com.id,
    referrerOrganisationId: com.organisationId,
  })
}
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
    pdu_code: LONDON.pdu,
    region_code: LONDON.region,
    local_authority_code: LONDON.la,
  })
  .execute()

async function signedIn(role: Role, place = LONDON) {
  const user = await buildUser(t.db, role, place)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return agent
}

const versionOf = async (id: string) =>
  (await sql<{ version: number }>`select version from contract where id = ${id}`.execute(t.db)).rows[0]
    ?.version
const form = async (id: string, over: Record<string, string> = {}) => ({
  placesPerYear: '6',
  'endDate-day': '31',
  'endDate-month': '12',
  'endDate-year': '2028',
  version: String(await versionOf(id)),
  ...over,
})

describe('contract places', () => {
  it('shows a read-only role no form and refuses its post', async () => {
    const analyst = await signedIn('national_analyst')
    const page = await analyst.get(`/contracts/${london.id}/performance`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Places a contract year')
    expect(page.body).not.toContain(`/contracts/${london.id}/volume`)
    expect((await analyst.get(`/contracts/${london.id}/volume`)).statusCode).toBe(403)
    expect((await analyst.post(`/contracts/${london.id}/volume`, await form(london.id))).statusCode).toBe(403)
    const comAgent = await signedIn('com')
    expect((await comAgent.get(`/contracts/${london.id}/volume`)).statusCode).toBe(403)
  })

  it('keeps a regional lead to their own region’s contracts, with clear messages for bad input', async () => {
    const lead = await signedIn('regional_lead')
    const page = await lead.get(`/contracts/${london.id}/performance`)
    expect(page.body).toContain(`/contracts/${london.id}/volume`)
    expect((await lead.get(`/contracts/${london.id}/volume`)).statusCode).toBe(200)
    const bad = await lead.post(
      `/contracts/${london.id}/volume`,
      await form(london.id, { placesPerYear: 'many' }),
    )
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('There is a problem')
    expect(bad.body).toContain('Enter the places a year as a whole number')
    const early = await lead.post(
      `/contracts/${london.id}/volume`,
      await form(london.id, { 'endDate-day': '31', 'endDate-month': '10', 'endDate-year': '2026' }),
    )
    expect(early.statusCode).toBe(400)
    expect(early.body).toContain('when the last referral under this contract was sent')
    const beforeStart = await lead.post(
      `/contracts/${london.id}/volume`,
      await form(london.id, { 'endDate-day': '1', 'endDate-month': '1', 'endDate-year': '2025' }),
    )
    expect(beforeStart.statusCode).toBe(400)
    expect(beforeStart.body).toContain('The end date must be on or after the start date')
    // Another region's contract looks missing; one let across regions is an administrator's.
    expect((await lead.get(`/contracts/${manchester.id}/volume`)).statusCode).toBe(404)
    expect(
      (await lead.post(`/contracts/${manchester.id}/volume`, await form(manchester.id))).statusCode,
    ).toBe(404)
    expect((await lead.get(`/contracts/${both.id}/volume`)).statusCode).toBe(403)
    expect((await lead.get('/contracts/8f0c1f0e-0000-4000-8000-000000000000/volume')).statusCode).toBe(404)
    expect(
      (
        await sql<{
          n: number
        }>`select count(*)::int as n from contract where places_per_year is not null`.execute(t.db)
      ).rows[0]?.n,
    ).toBe(0)
  })

  it('saves places and end date, audits the change, and refuses a save that lost the race', async () => {
    const admin = await signedIn('admin')
    const before = await versionOf(both.id)
    const saved = await admin.post(
      `/contracts/${both.id}/volume`,
      await form(both.id, { placesPerYear: '240' }),
    )
    expect(saved.statusCode).toBe(303)
    expect(saved.headers.location).toBe(`/contracts/${both.id}/performance`)
    const row = await sql<{ places: number; end: string; version: number }>`
      select places_per_year as places, end_date::text as "end", version from contract where id = ${both.id}`.execute(
      t.db,
    )
    expect(row.rows[0]).toEqual({ places: 240, end: '2028-12-31', version: (before ?? 0) + 1 })
    const audit = await sql<{ detail: string }>`
      select detail from audit_event where record_type = 'contract' and record_id = ${both.id} and action = 'update'`.execute(
      t.db,
    )
    expect(audit.rows.map((r) => r.detail)).toEqual([
      'contract LDN-MAN-ACC: places a year not recorded to 240; end date 2028-12-31 to 2028-12-31',
    ])
    // A second form drawn before that save still carries the old version.
    const stale = await admin.post(
      `/contracts/${both.id}/volume`,
      await form(both.id, { placesPerYear: '100', version: String(before) }),
    )
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('Someone else changed this contract')
    expect(stale.body).toContain('240')
    expect((await versionOf(both.id)) ?? 0).toBe((before ?? 0) + 1)
  })

  it('names the contract that goes over and the month, and lists the contracts with their places', async () => {
    const lead = await signedIn('regional_lead')
    expect((await lead.post(`/contracts/${london.id}/volume`, await form(london.id))).statusCode).toBe(303)
    const page = await lead.get('/capacity?horizon=3')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('CRS contract places')
    expect(page.body).toContain('Heat map of CRS referrals against contract places')
    // Rows without a figure are the notes under the table, which the download carries too.
    const rows = (body: string) => parseCsv(body).filter((r) => r['Months over'] ?? r.Month ?? r.Provider)
    const over = rows((await lead.get('/capacity?horizon=3&download=crs-baseline&format=csv')).body)
    // December: 1 forecast referral against 6 places a year, 0.5 a month: 200%.
    expect(over.find((r) => r.Contract === 'LDN-ACC-1 (London)')).toMatchObject({
      'First month over capacity': 'Dec 2026',
      'Peak (% of capacity)': '200',
      'Months over': '1',
    })
    // The lead sees London's contracts only: not Manchester's; the cross-region one starts after the horizon.
    expect(over.map((r) => r.Contract)).toEqual(['LDN-ACC-1 (London)'])
    const months = rows((await lead.get('/capacity?horizon=3&download=crs-months-baseline&format=csv')).body)
    expect(months.map((r) => [r.Month, r['Forecast demand'], r.Capacity])).toEqual([
      ['2026-11-01', '0', '0.5'],
      ['2026-12-01', '1', '0.5'],
      ['2027-01-01', '0', '0.5'],
    ])
    const listed = rows((await lead.get('/capacity?horizon=12&download=contract-places&format=csv')).body)
    expect(listed.map((r) => [r.Contract, r['Places a contract year']])).toEqual([
      ['LDN-ACC-1', '6'],
      ['LDN-MAN-ACC', '240'],
    ])
    // A scenario releasing standard determinate sentences at 40% brings December's release into
    // November (sentenced in 2020, past the new point): the contract goes over a month sooner.
    await lead.get('/forecasts')
    const saved = await lead.post('/forecasts/scenarios', {
      name: 'SDS40',
      receptionsChangePct: '0',
      sdsReleasePoint: '40',
      recallRateChangePct: '0',
    })
    const scenario = new URL(String(saved.headers.location), 'http://x').searchParams.get('scenario')
    const moved = rows(
      (await lead.get(`/capacity?horizon=3&scenario=${scenario}&download=crs-scenario&format=csv`)).body,
    )
    expect(moved.find((r) => r.Contract === 'LDN-ACC-1 (London)')).toMatchObject({
      'First month over capacity': 'Nov 2026',
      'Peak (% of capacity)': '200',
      'Months over': '1',
    })
    const national = await signedIn('national_analyst')
    const all = rows((await national.get('/capacity?horizon=3&download=crs-baseline&format=csv')).body)
    expect(all.find((r) => r.Contract === 'MAN-ACC-1 (Greater Manchester)')).toMatchObject({
      'First month over capacity': 'No capacity recorded',
    })
  })
})

import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { referralDb } from '../../src/domains/referrals/tables.ts'
import {
  ACCOMMODATION,
  ACC_TYPE,
  buildContract,
  buildProvider,
  buildSentReferral,
} from '../support/builders/referrals.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser, MANCHESTER } from '../support/builders/common.ts'

const t = await testApp()
const rdb = referralDb(t.db)
const com = await buildUser(t.db, 'com')
const admin = await buildUser(t.db, 'admin')
const contract = await buildContract(t.db, { reference: 'PERF-1' })
const referrer = { referrerUserId: com.id, referrerOrganisationId: com.organisationId }

/** Four referrals with known figures: contact on day 1, 2, 5 and never; quality 100, 40, 20; two sessions of three attended. */
async function seed() {
  const rows = []
  for (const [contactDays, quality] of [
    [1, 100],
    [2, 40],
    [5, 20],
    [null, null],
  ] as const) {
    const person = await buildPerson(t.db)
    const r = await buildSentReferral(t.db, { personId: person.id, contract, ...referrer })
    if (contactDays !== null)
      await rdb
        .updateTable('referral')
        .set({ first_contact_at: new Date(Date.parse('2026-11-01T10:00:00Z') + contactDays * 86_400_000) })
        .where('id', '=', r.id)
        .execute()
    if (quality !== null) {
      const n = quality / 20
      await rdb
        .insertInto('referral_quality')
        .values({
          referral_id: r.id,
          reason_clear: n >= 1,
          needs_identified: n >= 2,
          risk_present: n >= 3,
          release_date_known: n >= 4,
          contact_details_present: n >= 5,
        })
        .execute()
    }
    rows.push(r)
  }
  const first = rows[0]!
  for (const [i, attendance] of (['attended', 'late', 'did_not_attend'] as const).entries()) {
    await rdb
      .insertInto('referral_appointment')
      .values({
        referral_id: first.id,
        kind: 'session',
        session_number: i + 1,
        appointment_date: `2026-11-1${i}`,
        attendance,
      })
      .execute()
  }
  return rows
}
const referrals = await seed()

async function signedIn(email: string) {
  const agent = new Agent(t.app)
  await agent.signIn(email)
  return agent
}

describe('contract performance', () => {
  it('derives each measure from the records and rates the NAO dimensions with their evidence', async () => {
    const agent = await signedIn(com.email)
    const page = await agent.get(`/contracts/${contract.id}/performance?from=2026-10-01&to=2026-11-22`)
    expect(page.statusCode).toBe(200)
    // Three rated referrals and three sessions: too few to publish (issue 14 item 3). Each figure
    // is the withheld symbol with its footnote, never 0, and no rating is made from it.
    expect(page.body).toContain('[c]')
    expect(page.body).toContain('Withheld to protect confidentiality')
    expect(page.body).not.toContain('53.3')
    expect(page.body).toContain('Not rated: too few cases to publish')
    for (const r of referrals) expect(page.body).toContain(`/referrals/${r.id}`)

    // A period before any referral was sent has no cases and no ratings.
    const empty = await agent.get(`/contracts/${contract.id}/performance?from=2025-01-01&to=2025-12-31`)
    expect(empty.body).not.toContain('govuk-tag--red')
    expect(empty.body).toContain('No referrals in your scope')
  })

  it('lists every contract with its ratings', async () => {
    const agent = await signedIn(com.email)
    const page = await agent.get('/contracts/performance?from=2026-10-01&to=2026-11-22')
    expect(page.body).toContain('PERF-1')
    expect(page.body).toContain('All contracts')
    expect(page.body).toContain('[c]')
  })

  it('exports the contract’s report as CSV and XLSX, audited', async () => {
    const agent = await signedIn(com.email)
    const csv = await agent.get(
      `/contracts/${contract.id}/performance/export?format=csv&from=2026-10-01&to=2026-11-22`,
    )
    expect(csv.headers['content-type']).toContain('text/csv')
    const lines = csv.body.trim().split('\r\n')
    expect(lines[0]).toContain('Referral,CRN,State,Sent')
    expect(lines).toHaveLength(5)
    expect(csv.body).toContain(referrals[0]!.reference)
    const xlsx = await agent.request({
      method: 'GET',
      url: `/contracts/${contract.id}/performance/export?format=xlsx&from=2026-10-01&to=2026-11-22`,
    })
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    // The caption, the header and the four referrals.
    expect(book.getWorksheet('Referrals')!.rowCount).toBe(6)
    const audit = await t.db
      .selectFrom('audit_event')
      .where('user_id', '=', com.id)
      .where('action', '=', 'export')
      .select('detail')
      .execute()
    expect(audit.map((a) => a.detail?.slice(0, 4)).sort()).toEqual(['csv;', 'xlsx'])
  })

  it('reports referral quality by referrer, PDU, prison and region within the viewer’s scope', async () => {
    const agent = await signedIn(com.email)
    const byReferrer = await agent.get('/referrals/quality?by=referrer&from=2026-10-01&to=2026-11-22')
    expect(byReferrer.body).toContain(com.name)
    expect(byReferrer.body).toContain('[c]')
    const byPdu = await agent.get('/referrals/quality?by=pdu&from=2026-10-01&to=2026-11-22')
    expect(byPdu.body).toContain('Camden')
    const manchester = await buildUser(t.db, 'com', MANCHESTER)
    const other = await signedIn(manchester.email)
    expect((await other.get('/referrals/quality?by=region&from=2026-10-01&to=2026-11-22')).body).toContain(
      'No rated referrals',
    )
  })
})

describe('administrators manage contracts', () => {
  it('round-trips errors on the contract form and adds a contract', async () => {
    const provider = await buildProvider(t.db, 'Shelter Partners')
    const agent = await signedIn(admin.email)
    await agent.get('/admin/contracts/new')
    const bad = await agent.post('/admin/contracts/new', {
      reference: 'NEW-1',
      value: 'lots',
      'startDate-day': '1',
      'startDate-month': '4',
      'startDate-year': '2027',
      'endDate-day': '1',
      'endDate-month': '4',
      'endDate-year': '2026',
    })
    expect(bad.statusCode).toBe(400)
    for (const message of [
      'Select a provider',
      'Select a contract type',
      'Select at least one service category',
      'Select at least one region',
      'Enter the contract value in pounds',
    ]) {
      expect(bad.body).toContain(message)
    }
    expect(bad.body).toContain('value="NEW-1"')
    const form = {
      reference: 'NEW-1',
      providerOrganisationId: provider.id,
      contractTypeId: ACC_TYPE,
      serviceCategoryIds: ACCOMMODATION,
      regionCodes: ['N07', 'N50'],
      value: '1250000.50',
    }
    const backwards = await agent.post('/admin/contracts/new', {
      ...form,
      'startDate-day': '1',
      'startDate-month': '4',
      'startDate-year': '2027',
      'endDate-day': '1',
      'endDate-month': '4',
      'endDate-year': '2026',
    })
    expect(backwards.statusCode).toBe(400)
    expect(backwards.body).toContain('The end date must be on or after the start date')
    expect(backwards.body).toContain('href="#endDate-day"')
    const good = await agent.post('/admin/contracts/new', {
      reference: 'NEW-1',
      providerOrganisationId: provider.id,
      contractTypeId: ACC_TYPE,
      serviceCategoryIds: ACCOMMODATION,
      regionCodes: ['N07', 'N50'],
      'startDate-day': '1',
      'startDate-month': '4',
      'startDate-year': '2026',
      'endDate-day': '31',
      'endDate-month': '3',
      'endDate-year': '2029',
      value: '1250000.50',
    })
    expect(good.statusCode).toBe(303)
    const saved = await rdb
      .selectFrom('contract')
      .where('reference', '=', 'NEW-1')
      .select(['value_pence', 'provider_organisation_id'])
      .executeTakeFirstOrThrow()
    expect(saved).toEqual({ value_pence: 125_000_050, provider_organisation_id: provider.id })
    const dup = await agent.post('/admin/contracts/new', {
      reference: 'new-1',
      providerOrganisationId: provider.id,
      contractTypeId: ACC_TYPE,
      serviceCategoryIds: ACCOMMODATION,
      regionCodes: 'N07',
      'startDate-day': '1',
      'startDate-month': '4',
      'startDate-year': '2026',
      'endDate-day': '1',
      'endDate-month': '4',
      'endDate-year': '2027',
      value: '1',
    })
    expect(dup.statusCode).toBe(400)
    expect(dup.body).toContain('A contract with this reference already exists')
  })
})

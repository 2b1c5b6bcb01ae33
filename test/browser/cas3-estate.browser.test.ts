import { describe, expect, it } from 'vitest'
import { browserApp } from '../support/browser.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import { buildBedspace, buildReferral } from '../support/builders/cas3.ts'
import { cas3Db } from '../../src/domains/cas3/tables.ts'
import { scopeOf } from '../../src/platform/auth/actor.ts'
import { signedIn } from './pages/sign-in.ts'
import { Cas3Page } from './pages/cas3-pages.ts'

const t = await browserApp()

describe('a CAS3 officer manages the region’s estate', () => {
  it('adds premises and a bedspace, records a void, and archives a bedspace', async () => {
    const officer = await buildUser(t.db, 'cas3_officer')
    const home = await signedIn(t.newPage, officer.email)
    await home.menu('CAS3')
    let page = await Cas3Page.on(home.page, 'CAS3 temporary accommodation', 'cas3-dashboard')
    page = await page.open('Premises and bedspaces', 'Premises', 'cas3-premises')
    page = await page.open('Add premises', 'Add premises', 'cas3-premises-new')
    await page.fill('Name', 'Holloway Road House')
    await page.fill('Address line 1', '12 Holloway Road')
    await page.fill('Postcode', 'not a postcode')
    page = await page.press('Add premises', 'Add premises', 'cas3-premises-errors')
    expect(await page.errorSummary()).toEqual([
      { text: 'Enter a real postcode, like SW1A 1AA', href: '#postcode' },
      { text: 'Select the local authority', href: '#localAuthorityCode' },
      { text: 'Select the PDU', href: '#pduCode' },
    ])
    expect(await page.errorLinksWithoutTarget()).toEqual([])
    await page.fill('Postcode', 'N7 8DB')
    await page.typeAhead('Local authority', 'Islington')
    await page.typeAhead('Probation Delivery Unit', 'Camden, Islington')
    await page.choose('Characteristics', 'Single occupancy')
    page = await page.press('Add premises', 'Holloway Road House', 'cas3-premises-page')
    page = await page.open('Add a bedspace', 'Add a bedspace', 'cas3-bedspace-new')
    await page.fill('Bedspace reference', 'Room 1')
    await page.date('Available from', '2026-12-01')
    await page.choose('Characteristics', 'Ground floor level access')
    page = await page.press('Add bedspace', 'Bedspace Room 1', 'cas3-bedspace')
    expect((await page.summary()).Status).toBe('Upcoming')
    await page.date('First unavailable night', '2027-01-10')
    await page.date('Last unavailable night', '2027-01-14')
    page = await page.press('Record void', 'Bedspace Room 1', 'cas3-void-errors')
    expect(await page.errorSummary()).toEqual([{ text: 'Select a reason', href: '#reasonId' }])
    await page.date('First unavailable night', '2027-01-10')
    await page.date('Last unavailable night', '2027-01-14')
    await page.select('Reason', 'Pest control')
    page = await page.press('Record void', 'Bedspace Room 1', 'cas3-void')
    expect(await page.mainText()).toContain('10 January 2027 to 14 January 2027: Pest control')
    await page.date('Last available date', '2027-03-31')
    page = await page.press('Archive bedspace', 'Bedspace Room 1', 'cas3-archived')
    expect((await page.summary())['Last available date']).toBe('31 March 2027')
  })

  it('lists bookings near the limit, and the COM sees who leaves CAS3 with no move-on address', async () => {
    const officer = await buildUser(t.db, 'cas3_officer')
    const com = await buildUser(t.db, 'com')
    const person = await buildPerson(t.db, {
      givenName: 'Aisha',
      familyName: 'Rahman',
      released: true,
      releaseInDays: -70,
    })
    const referral = await buildReferral(t.db, person, com.organisationId)
    const bed = await buildBedspace(t.db)
    await t.svc.cas3.bookings.book(
      { actor: await actorOf(officer.email), route: 'test' },
      {
        bedspaceId: bed.id,
        referralId: referral.id,
        arrivalDate: '2026-09-13',
        departureDate: '2026-12-06',
        overstayReason: null,
        confirmed: true,
      },
    )
    const booking = await cas3Db(t.db)
      .selectFrom('cas3_booking')
      .select('id')
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow()
    await t.svc.cas3.bookings.arrive({ actor: await actorOf(officer.email), route: 'test' }, booking.id, {
      arrivalDate: '2026-09-13',
      version: 1,
    })

    const home = await signedIn(t.newPage, officer.email)
    await home.menu('CAS3')
    let page = await Cas3Page.on(home.page, 'CAS3 temporary accommodation', 'cas3-dashboard-near-limit')
    expect(await page.mainText()).toContain('Rahman, Aisha')
    page = await page.open('Bookings', 'Bookings', 'cas3-bookings')
    expect(await page.mainText()).toContain('Near limit')
    page = await page.open(/^[A-F0-9]{8}$/, /Aisha Rahman/, 'cas3-booking-near-limit')
    expect(await page.mainText()).toContain('This stay reaches the 84-night limit on 6 December 2026')

    const comHome = await signedIn(t.newPage, com.email)
    await comHome.menu('Leaving CAS3')
    page = await Cas3Page.on(comHome.page, 'Leaving CAS3 with no move-on address', 'cas3-move-on-due')
    expect(await page.mainText()).toContain('Rahman, Aisha')
    page = await page.open(/Record address/, 'Record the move-on address', 'cas3-move-on-address')
    await page.fill('Move-on address', '4 Canonbury Square, London N1 2AN')
    page = await page.press('Save address', 'Leaving CAS3 with no move-on address', 'cas3-move-on-due-empty')
    expect(await page.mainText()).toContain('No one is due to leave CAS3 without a move-on address')
  })
})

async function actorOf(email: string) {
  const row = await t.db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.role',
      'o.id as org_id',
      'o.name as org_name',
      'o.kind',
      'o.prison_code',
      'o.pdu_code',
      'o.region_code',
      'o.local_authority_code',
    ])
    .where('u.email', '=', email)
    .executeTakeFirstOrThrow()
  return {
    via: 'session' as const,
    userId: row.id,
    tokenId: null,
    name: row.name,
    email: row.email,
    organisationId: row.org_id,
    organisationName: row.org_name,
    organisationKind: row.kind,
    role: row.role,
    scope: scopeOf({
      id: row.org_id,
      kind: row.kind,
      prison_code: row.prison_code,
      pdu_code: row.pdu_code,
      region_code: row.region_code,
      local_authority_code: row.local_authority_code,
    }),
  }
}

import { describe, expect, it } from 'vitest'
import { browserApp } from '../support/browser.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import { buildBedspace } from '../support/builders/cas3.ts'
import { signedIn } from './pages/sign-in.ts'
import { Cas3Page } from './pages/cas3-pages.ts'

const t = await browserApp()

describe('CAS3 from referral to move-on', () => {
  it('a COM refers; a CAS3 officer assesses, searches, books, records arrival and departure; the reports show it', async () => {
    const com = await buildUser(t.db, 'com')
    const officer = await buildUser(t.db, 'cas3_officer')
    const person = await buildPerson(t.db, {
      givenName: 'Marcus',
      familyName: 'Adeyemi',
      released: true,
      releaseInDays: -10,
    })
    const bed = await buildBedspace(t.db, {
      characteristics: ['isGroundFloor'],
      premisesCharacteristics: ['isSingleOccupancy'],
    })
    await buildBedspace(t.db) // no ground floor: the search must leave it out

    // The COM refers, first forgetting the move-on plan.
    const comHome = await signedIn(t.newPage, com.email)
    await comHome.menu('CAS3 referrals')
    let page = await Cas3Page.on(comHome.page, 'CAS3 referrals', 'cas3-referrals')
    page = await page.open('Refer someone to CAS3', 'Refer to CAS3 temporary accommodation', 'cas3-refer')
    await page.fill('Person’s CRN or prison number', person.crn!)
    await page.choose('Does the person consent to this referral?', 'Yes')
    await page.date('Date consent was given', '2026-11-01')
    await page.choose('Why is the person eligible?', 'Homeless on release from prison')
    await page.date('Release date', '2026-11-12')
    await page.typeAhead('PDU the person will live in', 'Camden, Islington (London)')
    await page.choose('Placement requirements', 'Ground floor access (disability)')
    await page.choose('Placement requirements', 'Single occupancy')
    await page.fill('Risks and needs', 'Recovering from alcohol dependency')
    await page.choose('Has a Duty to Refer been submitted to a council?', 'No')
    await page.choose('Has a CRS accommodation referral been made?', 'Yes')
    page = await page.press('Send referral', 'Refer to CAS3 temporary accommodation', 'cas3-refer-errors')
    expect(await page.errorSummary()).toEqual([{ text: 'Describe the move-on plan', href: '#moveOnPlan' }])
    expect(await page.errorLinksWithoutTarget()).toEqual([])
    await page.page
      .locator('#moveOnPlan')
      .fill('Social housing application with Islington; private rented fallback')
    page = await page.press('Send referral', 'Marcus Adeyemi', 'cas3-referral-sent')
    expect(await page.flash()).toBe('Referral sent to the CAS3 team')

    // The CAS3 officer assesses it as ready to place and searches.
    const home = await signedIn(t.newPage, officer.email)
    await home.menu('CAS3')
    page = await Cas3Page.on(home.page, 'CAS3 temporary accommodation', 'cas3-dashboard')
    page = await page.open(/Unallocated referrals/, 'CAS3 referrals', 'cas3-queue')
    page = await page.open('Adeyemi, Marcus', 'Marcus Adeyemi', 'cas3-referral')
    await page.choose('Assessment', 'Ready to place')
    page = await page.press('Save assessment', 'Marcus Adeyemi', 'cas3-referral-ready')
    expect((await page.summary()).Status).toBe('Ready to place')
    page = await page.open('Find a bedspace', 'Find a bedspace', 'cas3-search')
    await page.date('Expected departure date', '2027-01-20')
    page = await page.press('Search', 'Find a bedspace', 'cas3-search-results')
    expect(await page.mainText()).toContain('1 bedspace free from 12 November 2026 to 20 January 2027')
    page = await page.open(/^Book/, 'Book a bedspace', 'cas3-book')
    page = await page.press('Book bedspace', /Marcus Adeyemi/, 'cas3-booking')
    expect(await page.flash()).toBe('Bedspace booked')
    expect((await page.summary()).Bedspace).toBe(`${bed.premises.name}, ${bed.reference}`)

    // Arrival, then an early departure to a private rental.
    await page.date('Date of arrival', '2026-11-12')
    page = await page.press('Record arrival', /Marcus Adeyemi/, 'cas3-arrived')
    expect((await page.summary()).Status).toBe('Arrived')
    await page.date('Date of departure', '2026-11-20')
    await page.select('Reason for departure', 'Planned Move on')
    page = await page.press('Record departure', /Marcus Adeyemi/, 'cas3-departure-errors')
    expect(await page.errorSummary()).toEqual([
      { text: 'Select where the person moved on to', href: '#moveOnCategoryId' },
    ])
    await page.date('Date of departure', '2026-11-20')
    await page.select('Reason for departure', 'Planned Move on')
    await page.select('Where did the person move on to?', 'Rental accommodation - private rental')
    page = await page.press('Record departure', /Marcus Adeyemi/, 'cas3-departed')
    expect((await page.summary()).Status).toBe('Departed')

    // The reports show the stay.
    await page.page.goto('/cas3/reports')
    page = await Cas3Page.on(page.page, 'CAS3 reports', 'cas3-reports')
    await page.select('Report', 'Occupancy')
    await page.date('From', '2026-11-01')
    await page.date('To', '2026-11-30')
    page = await page.press('Show report', 'CAS3 reports', 'cas3-occupancy')
    expect(await page.mainText()).toContain('Occupancy: London, 1 November 2026 to 30 November 2026')
    expect(await page.mainText()).toContain(bed.premises.name)
    await page.select('Report', 'Move-on outcomes')
    page = await page.press('Show report', 'CAS3 reports', 'cas3-move-on')
    const text = await page.mainText()
    expect(text).toContain('Adeyemi, Marcus')
    expect(text).toContain('Rental accommodation - private rental')
    // One departure: the summary withholds the count of 1 and its rate (issue 14, disclosure).
    expect(text).toMatch(/Settled accommodation\s+\[c\]\s+\[c\]\s+\[c\]\s+\[c\]/)
    expect(text).toContain('Withheld to protect confidentiality')
  })
})

import { describe, expect, it } from 'vitest'
import { buildContract } from '../support/builders/referrals.ts'
import { browserApp } from '../support/browser.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import {
  ContractPerformancePage,
  ProviderDashboardPage,
  ReferralPage,
  StartReferralPage,
} from './pages/referrals-pages.ts'
import { signedIn } from './pages/sign-in.ts'

const t = await browserApp()

describe('a referral from the COM to a provider and back', () => {
  it('is made, rated, assigned, delivered and concluded, and the COM sees the outcome and the contract’s performance', async () => {
    const contract = await buildContract(t.db, { reference: 'LDN-ACC-2026' })
    const provider = await t.db
      .selectFrom('organisation')
      .where('id', '=', contract.providerId)
      .select('name')
      .executeTakeFirstOrThrow()
    const com = await buildUser(t.db, 'com')
    const hash = (
      await t.db
        .selectFrom('app_user')
        .select('password_hash')
        .where('id', '=', com.id)
        .executeTakeFirstOrThrow()
    ).password_hash
    const caseworker = await t.db
      .insertInto('app_user')
      .values({
        email: 'casey@provider.test',
        name: 'Casey Caseworker',
        organisation_id: contract.providerId,
        role: 'provider_caseworker',
        password_hash: hash,
      })
      .returning('email')
      .executeTakeFirstOrThrow()
    const person = await buildPerson(t.db, { givenName: 'Aisha', familyName: 'Bello', releaseInDays: 20 })

    // The COM refers.
    const comHome = await signedIn(t.newPage, com.email)
    const start = await StartReferralPage.open(comHome.page, person.id)
    const category = await start.start()
    expect(await category.options()).toContain('Accommodation')
    const details = await category.choose('Accommodation')
    const missing = await details.sendExpectingErrors()
    expect((await missing.errorSummary()).map((e) => e.text)).toContain('Enter the reason for referral')
    expect(await missing.errorLinksWithoutTarget()).toEqual([])
    await missing.fill({
      contract: new RegExp(`${provider.name}`),
      complexity: 'Medium complexity',
      outcomes: 2,
      reason: 'No fixed address on release',
      needs: 'Housing and a tenancy deposit',
      risk: 'Low risk of serious harm to others',
      contact: '07700 900123',
      deadline: '2027-03-31',
    })
    const sent = await missing.send()
    expect(await sent.flash()).toBe('Referral sent')
    expect(await sent.state()).toBe('Sent')
    const referralId = sent.id()
    const reference = (await sent.heading()).replace('Referral ', '')

    // The provider's caseworker rates, assigns and books the assessment.
    const providerHome = await signedIn(t.newPage, caseworker.email)
    const unassigned = await ProviderDashboardPage.open(providerHome.page)
    expect(await unassigned.references()).toEqual([reference])
    let page = await unassigned.openReferral(reference)
    let form = await page.actThenForm('Rate referral quality', 'Rate the referral’s quality')
    await form.check('The reason for referral is clear')
    await form.check('Needs are identified')
    await form.check('Risk information is present')
    await form.check('The release date is known')
    await form.fill('Comments for the referrer (optional)', 'Please add a contact number for the prison')
    page = await form.save()
    page = await page.press('Assign to me')
    expect(await page.state()).toBe('Assigned')
    form = await page.actThenForm('Book initial assessment', 'Book the initial assessment')
    await form.date('Date of the appointment', '2026-11-16')
    page = await form.save()
    form = await page.actThenForm('Record initial assessment', 'Record the initial assessment')
    page = await form.save()
    form = await page.actThenForm('Submit action plan', 'Submit the action plan')
    const invalid = await form.saveExpectingErrors('Submit the action plan')
    expect((await invalid.fieldErrors()).actionPlan).toBe('Enter the action plan')
    await invalid.fill('Action plan', 'Register with the council and view two tenancies')
    await invalid.fill('Number of sessions planned', '2')
    page = await invalid.save()
    expect(await page.state()).toBe('Action plan submitted')

    // The COM sees the quality feedback and approves the plan.
    const comReferral = await ReferralPage.open(comHome.page, referralId)
    expect(await comReferral.qualityScore()).toContain('80 out of 100')
    const approved = await comReferral.press('Approve action plan')
    expect(await approved.state()).toBe('Action plan approved')

    // The provider records both sessions, the end-of-service report, and concludes.
    page = await ReferralPage.open(providerHome.page, referralId)
    for (const [date, attended] of [
      ['2026-11-18', 'Yes, on time'],
      ['2026-11-20', 'Yes, late'],
    ] as const) {
      form = await page.actThenForm('Record a session', 'Record a delivery session')
      await form.date('Date of the session', date)
      await form.check(attended)
      page = await form.save()
    }
    form = await page.actThenForm('Write end-of-service report', 'End-of-service report')
    await form.rateAll('Achieved')
    await form.fill('Summary of the service', 'Moved into a council tenancy')
    page = await form.save()
    // A referral is concluded after the person's release (issue 12, defect 5): until then the
    // page says why it waits, and the person is released before the caseworker concludes.
    expect(await page.page.locator('.govuk-inset-text').innerText()).toContain('not been released yet')
    await t.db
      .updateTable('custody_episode')
      .set({ actual_release_date: '2026-11-21', release_type: 'conditional_release' })
      .where('person_id', '=', person.id)
      .execute()
    page = await ReferralPage.open(providerHome.page, referralId)
    page = await page.press('Conclude referral')
    expect(await page.state()).toBe('Completed')

    // The COM sees the outcome and the provider's performance.
    const done = await ReferralPage.open(comHome.page, referralId)
    expect(await done.state()).toBe('Completed')
    expect((await done.tableRows('outcomes')).map((r) => r[1])).toEqual(['Achieved', 'Achieved'])
    expect((await done.tableRows('appointments')).map((r) => r[2])).toEqual(['Attended', 'Attended', 'Late'])
    const overview = await ContractPerformancePage.open(comHome.page)
    const perf = await overview.openContract('LDN-ACC-2026')
    expect(await perf.ratings()).toEqual(['Referral quality', 'Delivery sufficiency', 'Communication'])
    expect(await perf.drillDown()).toEqual([reference])
  })
})

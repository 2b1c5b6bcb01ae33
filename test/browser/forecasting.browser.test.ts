import { describe, expect, it } from 'vitest'
import { browserApp } from '../support/browser.ts'
import { buildUser, LONDON } from '../support/builders/common.ts'
import { releasedPerson } from '../support/builders/outcomes.ts'
import { buildContract } from '../support/builders/referrals.ts'
import { signedIn } from './pages/sign-in.ts'
import { CapacityPage, ForecastPage } from './pages/forecasts.ts'
import { BasePage } from './pages/base.ts'
import { navigation } from '../support/browser.ts'
import type { Page } from 'playwright-core'

const t = await browserApp()

// TODAY is 2026-11-22. Two people in Pentonville due out in December 2026 and January 2027,
// sentenced in 2020; one released in June 2026, so London has a backtest row.
for (const expected of ['2026-12-10', '2027-01-15']) {
  const person = await t.db
    .insertInto('person')
    .values({
      given_name: 'Sam',
      family_name: 'Stock',
      search_name: 'stock sam',
      date_of_birth: '1990-01-01',
      sex: 'male',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.db
    .insertInto('custody_episode')
    .values({
      person_id: person.id,
      prison_code: LONDON.prison,
      sentence_type: 'determinate',
      sentence_length_band: '4_years_or_more',
      sentence_date: '2020-01-01',
      expected_release_date: expected,
      pdu_code: LONDON.pdu,
      region_code: LONDON.region,
      local_authority_code: LONDON.la,
    })
    .execute()
}
await releasedPerson(t.db, LONDON, '2026-06-01')
// A London accommodation contract with no places recorded yet.
await buildContract(t.db, { reference: 'LDN-ACC-B' })

describe('a regional lead plans for the releases ahead', () => {
  it('reads the forecast, saves a 40% release-point scenario beside the baseline and checks the backtest', async () => {
    const lead = await buildUser(t.db, 'regional_lead')
    const home = await signedIn(t.newPage, lead.email)
    await home.menu('Forecasts')
    let forecast = await ForecastPage.on(home.page)
    expect(await forecast.hasChart()).toBe(true)

    forecast = await forecast.show({ series: 'Releases', level: 'Prison', horizon: '3' })
    expect((await forecast.byMonth()).map((r) => [r.Month, r.Baseline])).toEqual([
      ['Nov 2026', '0.0'],
      ['Dec 2026', '1.0'],
      ['Jan 2027', '1.0'],
    ])

    forecast = await forecast.saveScenario({
      name: 'Release at 40%',
      receptions: '0',
      releasePoint: '40',
      recalls: '0',
    })
    const rows = await forecast.byMonth()
    expect(rows[0]).toMatchObject({ Month: 'Nov 2026', 'Release at 40%': '2.0', Difference: '2.0' })

    const backtest = await forecast.backtest()
    expect(await backtest.regions()).toEqual(['London'])
  })
})

describe('a regional lead checks which PDUs run out of officers', () => {
  it('records a PDU’s staffing and sees where it stands against it', async () => {
    const lead = await buildUser(t.db, 'regional_lead')
    const home = await signedIn(t.newPage, lead.email)
    await home.menu('Capacity')
    let capacity = await CapacityPage.on(home.page)
    // Nobody here is on licence yet: at 0.1 FTE (6 cases) the PDU is not over; at 0 it has no capacity.
    capacity = await capacity.setStaffing('Camden, Islington', '0.1')
    expect((await capacity.firstMonthOver())['Camden, Islington']).toBe('Not over')
    capacity = await capacity.setStaffing('Camden, Islington', '0')
    expect((await capacity.firstMonthOver())['Camden, Islington']).toBe('No capacity recorded')
  })
})

/** The form that keeps a region's Approved Premises places; arriving runs the axe scan. */
class PlacesPage extends BasePage {
  static async on(page: Page): Promise<PlacesPage> {
    await BasePage.arrive(page, 'Approved Premises places by region', 'approved-premises')
    return new PlacesPage(page)
  }

  async save(region: string, places: string, source: string): Promise<CapacityPage> {
    await this.page.getByLabel('Region', { exact: true }).selectOption({ label: region })
    await this.page.getByLabel('Places', { exact: true }).fill(places)
    await this.page.getByLabel('Source of the figure', { exact: true }).fill(source)
    await navigation(this.page, () => this.page.getByRole('button', { name: 'Save places' }).click())
    return CapacityPage.on(this.page)
  }
}

describe('a regional lead records Approved Premises places', () => {
  it('keeps the region’s places with their source, beside the forecast nights', async () => {
    const lead = await buildUser(t.db, 'regional_lead')
    const home = await signedIn(t.newPage, lead.email)
    await home.menu('Capacity')
    const capacity = await CapacityPage.on(home.page)
    await navigation(capacity.page, () =>
      capacity.page.getByRole('link', { name: 'Change a region’s Approved Premises places' }).click(),
    )
    const form = await PlacesPage.on(capacity.page)
    const after = await form.save('London', '12', 'London premises list, November 2026')
    const row = after.page.locator('#table-approved-premises tbody tr', { hasText: 'London' })
    expect(await row.locator('th, td').allInnerTexts()).toEqual([
      'London',
      '12',
      'London premises list, November 2026',
    ])
    await after.page.getByRole('heading', { name: 'Baseline: Approved Premises' }).waitFor()
  })
})

/** The form that keeps a contract's places a contract year and end date; arriving runs the axe scan. */
class ContractVolumePage extends BasePage {
  static async on(page: Page): Promise<ContractVolumePage> {
    await BasePage.arrive(page, /^Places and end date: /, 'contract-volume')
    return new ContractVolumePage(page)
  }

  async save(places: string): Promise<void> {
    await this.page.getByLabel('Places a contract year', { exact: true }).fill(places)
    await navigation(this.page, () =>
      this.page.getByRole('button', { name: 'Save places and end date' }).click(),
    )
  }
}

describe('a regional lead records a contract’s places', () => {
  it('keeps the places from the contract’s page, with the error summary for bad input, and sees them against the forecast', async () => {
    const lead = await buildUser(t.db, 'regional_lead')
    const home = await signedIn(t.newPage, lead.email)
    await home.menu('Capacity')
    const capacity = await CapacityPage.on(home.page)
    expect(
      await capacity.page.locator('#table-contract-places tbody tr', { hasText: 'LDN-ACC-B' }).innerText(),
    ).toContain('Not recorded')
    await navigation(capacity.page, () => capacity.page.getByRole('link', { name: 'LDN-ACC-B' }).click())
    await capacity.page.getByRole('heading', { level: 1, name: 'Contract LDN-ACC-B' }).waitFor()
    await navigation(capacity.page, () =>
      capacity.page.getByRole('link', { name: 'Change places and end date' }).click(),
    )
    const form = await ContractVolumePage.on(capacity.page)
    await form.save('a dozen')
    const again = await ContractVolumePage.on(form.page)
    expect((await again.errorSummary()).map((e) => e.text)).toEqual([
      'Enter the places a year as a whole number, for example 240',
    ])
    await again.save('12')
    await again.page.getByRole('heading', { level: 1, name: 'Contract LDN-ACC-B' }).waitFor()
    expect(await again.flash()).toBe('Places and end date of contract LDN-ACC-B saved')
    await again.page.goto(`${new URL(again.page.url()).origin}/capacity`)
    const after = await CapacityPage.on(again.page)
    const row = after.page.locator('#table-contract-places tbody tr', { hasText: 'LDN-ACC-B' })
    expect(await row.innerText()).toContain('12')
    await after.page.getByRole('heading', { name: 'Baseline: CRS contract places' }).waitFor()
  })
})

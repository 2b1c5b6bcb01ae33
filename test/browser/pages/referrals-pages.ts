import type { Page } from 'playwright-core'
import { navigation } from '../../support/browser.ts'
import { BasePage } from './base.ts'

/** Clicks something that navigates, then waits for the next page's heading and scans it. */
async function go(page: Page, action: () => Promise<unknown>) {
  await navigation(page, action)
}

/** Fills a GOV.UK date input one box at a time, as a person would. */
async function fillDate(page: Page, legend: string, iso: string) {
  const [y = '', m = '', d = ''] = iso.split('-')
  const group = page.getByRole('group', { name: legend })
  await group.getByLabel('Day').fill(String(Number(d)))
  await group.getByLabel('Month').fill(String(Number(m)))
  await group.getByLabel('Year').fill(y)
}

export class StartReferralPage extends BasePage {
  static async open(page: Page, personId: string): Promise<StartReferralPage> {
    await page.goto(`/people/${personId}/referrals/new`)
    await BasePage.arrive(page, 'Make a referral', 'referral-start')
    return new StartReferralPage(page)
  }

  async start(): Promise<ChooseCategoryPage> {
    await go(this.page, () => this.page.getByRole('button', { name: 'Start a referral' }).click())
    return ChooseCategoryPage.on(this.page)
  }
}

export class ChooseCategoryPage extends BasePage {
  static async on(page: Page): Promise<ChooseCategoryPage> {
    await BasePage.arrive(page, 'Choose a service category', 'referral-category')
    return new ChooseCategoryPage(page)
  }

  options(): Promise<string[]> {
    return this.page.locator('.govuk-radios__label').allInnerTexts()
  }

  async choose(name: string): Promise<ReferralDetailsPage> {
    await this.page.getByLabel(name, { exact: true }).check()
    await go(this.page, () => this.page.getByRole('button', { name: 'Continue' }).click())
    return ReferralDetailsPage.on(this.page)
  }
}

export class ReferralDetailsPage extends BasePage {
  static async on(page: Page): Promise<ReferralDetailsPage> {
    await BasePage.arrive(page, 'Referral details', 'referral-details')
    return new ReferralDetailsPage(page)
  }

  async fill(d: {
    contract: RegExp
    complexity: string
    outcomes: number
    reason: string
    needs: string
    risk: string
    contact: string
    deadline: string
  }) {
    await this.page.getByRole('group', { name: 'Provider and contract' }).getByLabel(d.contract).check()
    await this.page.getByRole('group', { name: 'Complexity' }).getByLabel(d.complexity).check()
    const boxes = this.page.getByRole('group', { name: 'Desired outcomes' }).getByRole('checkbox')
    for (let i = 0; i < d.outcomes; i++) await boxes.nth(i).check()
    await this.page.getByLabel('Reason for referral').fill(d.reason)
    await this.page.getByLabel('Relevant needs').fill(d.needs)
    await this.page.getByLabel('Risk information').fill(d.risk)
    await this.page.getByLabel('Contact details').fill(d.contact)
    await fillDate(this.page, 'Completion deadline', d.deadline)
  }

  async sendExpectingErrors(): Promise<ReferralDetailsPage> {
    await go(this.page, () => this.page.getByRole('button', { name: 'Send referral' }).click())
    return ReferralDetailsPage.on(this.page)
  }

  async send(): Promise<ReferralPage> {
    await go(this.page, () => this.page.getByRole('button', { name: 'Send referral' }).click())
    return ReferralPage.on(this.page)
  }
}

/** One referral, for either side: its state, what can be done next, ratings and outcomes. */
export class ReferralPage extends BasePage {
  static async on(page: Page): Promise<ReferralPage> {
    await BasePage.arrive(page, /^Referral [A-Z]{2}\d{4}[A-Z]{2}$/, 'referral')
    return new ReferralPage(page)
  }

  static async open(page: Page, id: string): Promise<ReferralPage> {
    await page.goto(`/referrals/${id}`)
    return ReferralPage.on(page)
  }

  id(): string {
    return /\/referrals\/([0-9a-f-]{36})/.exec(this.page.url())?.[1] ?? ''
  }

  async state(): Promise<string> {
    return (await this.page.locator('#referral-state').innerText()).trim()
  }

  qualityScore(): Promise<string> {
    return this.page.locator('#quality-score').innerText()
  }

  async tableRows(id: string): Promise<string[][]> {
    return this.page
      .locator(`#${id} tbody tr`)
      .evaluateAll((rows: Element[]): string[][] =>
        rows.map((r) => Array.from(r.querySelectorAll('td'), (c: Element) => c.textContent?.trim() ?? '')),
      )
  }

  /** Presses a button or follows a link under "What you can do next". */
  async act(name: string): Promise<void> {
    const target = this.page.getByRole('button', { name }).or(this.page.getByRole('link', { name }))
    await go(this.page, () => target.first().click())
  }

  async actThenForm(name: string, heading: string): Promise<ActionFormPage> {
    await this.act(name)
    return ActionFormPage.on(this.page, heading)
  }

  async press(name: string): Promise<ReferralPage> {
    await this.act(name)
    return ReferralPage.on(this.page)
  }
}

/** The form behind one lifecycle step (rating, booking, plan, session, report, ending). */
export class ActionFormPage extends BasePage {
  static async on(page: Page, heading: string): Promise<ActionFormPage> {
    await BasePage.arrive(page, heading, 'referral-action')
    return new ActionFormPage(page)
  }

  check(label: string) {
    return this.page.getByLabel(label, { exact: true }).check()
  }
  fill(label: string, value: string) {
    return this.page.getByLabel(label, { exact: true }).fill(value)
  }
  date(legend: string, iso: string) {
    return fillDate(this.page, legend, iso)
  }
  /** Rates every outcome on the end-of-service report the same way. */
  async rateAll(label: string) {
    const groups = this.page.locator('.govuk-radios--inline')
    for (let i = 0; i < (await groups.count()); i++)
      await groups.nth(i).getByLabel(label, { exact: true }).check()
  }

  async save(button = 'Save'): Promise<ReferralPage> {
    await go(this.page, () => this.page.getByRole('button', { name: button }).click())
    return ReferralPage.on(this.page)
  }

  async saveExpectingErrors(heading: string, button = 'Save'): Promise<ActionFormPage> {
    await go(this.page, () => this.page.getByRole('button', { name: button }).click())
    return ActionFormPage.on(this.page, heading)
  }
}

export class ProviderDashboardPage extends BasePage {
  static async open(page: Page, tab = 'unassigned'): Promise<ProviderDashboardPage> {
    await page.goto(`/provider/referrals?tab=${tab}`)
    await BasePage.arrive(page, /^Referrals to /, `provider-${tab}`)
    return new ProviderDashboardPage(page)
  }

  references(): Promise<string[]> {
    return this.page.locator('#referrals tbody tr td:first-child').allInnerTexts()
  }

  async openReferral(reference: string): Promise<ReferralPage> {
    await go(this.page, () => this.page.getByRole('link', { name: reference }).click())
    return ReferralPage.on(this.page)
  }
}

export class ContractPerformancePage extends BasePage {
  static async open(page: Page): Promise<ContractPerformancePage> {
    await page.goto('/contracts/performance')
    await BasePage.arrive(page, 'Contract performance', 'contract-performance')
    return new ContractPerformancePage(page)
  }

  async openContract(reference: string): Promise<ContractPerformancePage> {
    await go(this.page, () => this.page.getByRole('link', { name: reference }).click())
    await BasePage.arrive(this.page, `Contract ${reference}`, 'contract')
    return new ContractPerformancePage(this.page)
  }

  drillDown(): Promise<string[]> {
    return this.page.locator('#drill-down tbody tr td:first-child').allInnerTexts()
  }

  ratings(): Promise<string[]> {
    return this.page.locator('#ratings tbody th').allInnerTexts()
  }
}

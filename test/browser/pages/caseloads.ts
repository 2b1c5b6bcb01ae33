import type { Page } from 'playwright-core'
import { navigation } from '../../support/browser.ts'
import { BasePage } from './base.ts'

/** Reads a DataTable on the page as header → cell text. */
async function tableRows(page: Page, id: string): Promise<Record<string, string>[]> {
  const table = page.locator(`#table-${id}`)
  const head = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim())
  const rows: Record<string, string>[] = []
  for (const tr of await table.locator('tbody tr').all()) {
    const cells = await tr.locator('th, td').allInnerTexts()
    rows.push(Object.fromEntries(cells.map((c, i) => [head[i] ?? String(i), c.trim()])))
  }
  return rows
}

/** Caseloads per named COM: the table, the share above the alert level and the distribution. */
export class CaseloadsPage extends BasePage {
  static async on(page: Page): Promise<CaseloadsPage> {
    await BasePage.arrive(page, /caseload/i, 'caseloads')
    return new CaseloadsPage(page)
  }

  coms(): Promise<Record<string, string>[]> {
    return tableRows(this.page, 'coms')
  }

  overAlert(): Promise<string> {
    return this.page.locator('.govuk-inset-text').innerText()
  }

  hasChart(): Promise<boolean> {
    return this.page.locator('figure svg[role="img"]').isVisible()
  }
}

/** Overlaps and gaps: the worklist and the report. */
export class CoveragePage extends BasePage {
  static async on(page: Page): Promise<CoveragePage> {
    await BasePage.arrive(page, 'Overlaps and gaps in services', 'coverage')
    return new CoveragePage(page)
  }

  worklist(): Promise<Record<string, string>[]> {
    return tableRows(this.page, 'worklist')
  }

  async openPerson(name: string): Promise<PersonServicesPage> {
    await navigation(this.page, () => this.page.getByRole('link', { name }).click())
    return PersonServicesPage.on(this.page)
  }
}

/** One person's services, gaps and overlaps, with the form for another party's service. */
export class PersonServicesPage extends BasePage {
  static async on(page: Page): Promise<PersonServicesPage> {
    await BasePage.arrive(page, 'Services and gaps', 'person-services')
    return new PersonServicesPage(page)
  }

  findings(): Promise<string> {
    return this.page.locator('.govuk-summary-list').innerText()
  }

  async record(s: {
    pathway: string
    party: string
    provider: string
    day: string
    month: string
    year: string
  }) {
    await navigation(this.page, () =>
      this.page.getByRole('link', { name: 'Record a service from another party' }).click(),
    )
    await BasePage.arrive(this.page, 'Record a service from another party', 'record-service')
    await this.page.getByLabel('Pathway').selectOption({ label: s.pathway })
    await this.page.getByLabel(s.party).check()
    await this.page.getByLabel('Provider or team').fill(s.provider)
    const started = this.page.getByRole('group', { name: 'Started' })
    await started.getByLabel('Day').fill(s.day)
    await started.getByLabel('Month').fill(s.month)
    await started.getByLabel('Year').fill(s.year)
    await navigation(this.page, () => this.page.getByRole('button', { name: 'Save service' }).click())
    return PersonServicesPage.on(this.page)
  }
}

import type { Page } from 'playwright-core'
import { checkPage, navigation } from '../../support/browser.ts'
import { BasePage } from './base.ts'

/** Reads a table's rows as objects keyed by its column headings. */
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

export class OutcomesNationalPage extends BasePage {
  static async on(page: Page): Promise<OutcomesNationalPage> {
    await BasePage.arrive(page, 'Outcomes and regional targets', 'outcomes-national')
    return new OutcomesNationalPage(page)
  }

  regionsAgainstTargets(): Promise<Record<string, string>[]> {
    return tableRows(this.page, 'regions-against-targets')
  }

  hasChart(): Promise<boolean> {
    return this.page.locator('figure.app-chart svg[role="img"]').isVisible()
  }

  /** Follows the rate of one region and measure to the releases behind it. */
  async drillDown(region: string, measure: string): Promise<OutcomesReleasesPage> {
    const row = this.page
      .locator('#table-regions-against-targets tbody tr')
      .filter({ hasText: region })
      .filter({ hasText: measure })
    await navigation(this.page, () => row.locator('td a').first().click())
    return OutcomesReleasesPage.on(this.page)
  }
}

export class OutcomesReleasesPage extends BasePage {
  static async on(page: Page): Promise<OutcomesReleasesPage> {
    await BasePage.arrive(page, /the releases behind the figure$/, 'outcomes-releases')
    return new OutcomesReleasesPage(page)
  }

  /** Back to the region's dashboard, scanned like every page. */
  async regionalDashboard(): Promise<string> {
    await navigation(this.page, () => this.page.locator('.govuk-back-link').click())
    await BasePage.arrive(this.page, /: outcomes against targets$/, 'outcomes-regional')
    return this.heading()
  }

  releases(): Promise<Record<string, string>[]> {
    return tableRows(this.page, 'releases')
  }

  /** Downloads the table as CSV and returns its text. */
  async downloadCsv(): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('link', { name: /^CSV/ }).click(),
    ])
    const stream = await download.createReadStream()
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') }
  }
}

export class TargetsPage extends BasePage {
  static async open(page: Page): Promise<TargetsPage> {
    await navigation(page, () => page.goto('/outcomes/targets'))
    await BasePage.arrive(page, 'Regional targets', 'outcome-targets')
    return new TargetsPage(page)
  }

  /** The region-measures whose latest target has ended, as listed. */
  ended(): Promise<string[]> {
    return this.page.locator('h2:has-text("Ended") + p + ul li').allInnerTexts()
  }

  /** Follows "set the next target" beside one ended region and measure. */
  async setNext(regionAndMeasure: string): Promise<NextTargetPage> {
    const item = this.page.locator('ul li').filter({ hasText: regionAndMeasure })
    await navigation(this.page, () => item.getByRole('link', { name: 'set the next target' }).click())
    await BasePage.arrive(this.page, 'Set the next target', 'outcome-target-next')
    return new NextTargetPage(this.page)
  }
}

export class NextTargetPage extends BasePage {
  value(id: string): Promise<string> {
    return this.page.locator(`#${id}`).inputValue()
  }

  async fill(id: string, value: string): Promise<void> {
    await this.page.locator(`#${id}`).fill(value)
  }

  async chooseKind(label: string): Promise<void> {
    await this.page.getByLabel(label).check()
  }

  async submit(): Promise<TargetsPage> {
    await navigation(this.page, () => this.page.getByRole('button', { name: 'Add target' }).click())
    await BasePage.arrive(this.page, 'Regional targets', 'outcome-targets-after')
    return new TargetsPage(this.page)
  }
}

/** A region's dashboard, whole or narrowed to a PDU or a prison (issue 12, item 3). */
export class OutcomesRegionalPage extends BasePage {
  static async open(page: Page, url: string): Promise<OutcomesRegionalPage> {
    await navigation(page, () => page.goto(url))
    await BasePage.arrive(page, /: outcomes against targets$/, 'outcomes-regional')
    return new OutcomesRegionalPage(page)
  }

  /** Types part of a PDU's name, picks it from the suggestions and applies the filter. */
  async narrowToPdu(typed: string, name: string): Promise<OutcomesRegionalPage> {
    await this.page.getByText('Filter by PDU or prison').click()
    const input = this.page.getByRole('combobox', { name: 'PDU' })
    await input.fill(typed)
    await this.page.getByRole('option', { name }).click()
    await checkPage(this.page, 'outcomes-area-suggestions')
    await navigation(this.page, () => this.page.getByRole('button', { name: 'Apply filter' }).click())
    return OutcomesRegionalPage.on(this.page)
  }

  static async on(page: Page): Promise<OutcomesRegionalPage> {
    await BasePage.arrive(page, /: outcomes against targets$/, 'outcomes-regional-narrowed')
    return new OutcomesRegionalPage(page)
  }

  /** What the "Filter applied" banner says, or null when the page is not narrowed. */
  async filterApplied(): Promise<string | null> {
    const banner = this.page.getByRole('region', { name: 'Filter applied' })
    return (await banner.count()) ? (await banner.innerText()).trim() : null
  }

  byQuarter(): Promise<Record<string, string>[]> {
    return tableRows(this.page, 'by-quarter')
  }

  downloadHrefs(): Promise<string[]> {
    return this.page.locator('a[download]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
  }
}

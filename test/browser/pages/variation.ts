import type { Page } from 'playwright-core'
import { navigation } from '../../support/browser.ts'
import { BasePage } from './base.ts'

/** The variation explorer: choose a measure and splits, read the table and the sentences. */
export class VariationExplorerPage extends BasePage {
  static async on(page: Page): Promise<VariationExplorerPage> {
    await BasePage.arrive(page, 'Variation in outcomes', 'variation-explorer')
    return new VariationExplorerPage(page)
  }

  async show(choice: { measure: string; by: string; from: string; to: string }) {
    await this.page.getByLabel('Measure').selectOption({ label: choice.measure })
    await this.page.getByLabel('Split by').selectOption({ label: choice.by })
    await this.page.getByLabel('First quarter of release').selectOption(choice.from)
    await this.page.getByLabel('Last quarter of release').selectOption(choice.to)
    await navigation(this.page, () => this.page.getByRole('button', { name: 'Show' }).click())
    return VariationExplorerPage.on(this.page)
  }

  async rows(): Promise<Record<string, string>[]> {
    const table = this.page.locator('#table-variation')
    const head = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim())
    const out: Record<string, string>[] = []
    for (const tr of await table.locator('tbody tr').all()) {
      const cells = await tr.locator('th, td').allInnerTexts()
      out.push(Object.fromEntries(cells.map((c, i) => [head[i] ?? String(i), c.trim()])))
    }
    return out
  }

  hasChart(): Promise<boolean> {
    return this.page.locator('figure.app-chart svg[role="img"]').isVisible()
  }

  async toFunnel(): Promise<FunnelPage> {
    await navigation(this.page, () =>
      this.page.getByRole('link', { name: 'Funnel plot of areas for this measure' }).click(),
    )
    return FunnelPage.on(this.page)
  }
}

export class FunnelPage extends BasePage {
  static async on(page: Page): Promise<FunnelPage> {
    await BasePage.arrive(page, 'Funnel plot of areas', 'variation-funnel')
    return new FunnelPage(page)
  }

  hasChart(): Promise<boolean> {
    return this.page.locator('figure.app-chart svg[role="img"]').isVisible()
  }

  async showAreas(level: 'Regions' | 'PDUs' | 'Prisons') {
    await this.page.getByLabel('Areas').selectOption({ label: level })
    await navigation(this.page, () => this.page.getByRole('button', { name: 'Show' }).click())
    return FunnelPage.on(this.page)
  }

  outliers(): Promise<string[]> {
    return this.page.locator('h3:has-text("Outliers") + ul li a').allInnerTexts()
  }
}

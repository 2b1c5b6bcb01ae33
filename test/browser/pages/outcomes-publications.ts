import type { Page } from 'playwright-core'
import { navigation } from '../../support/browser.ts'
import { BasePage } from './base.ts'

/** Published outcome figures: publish a quarter, read its revisions. */
export class PublicationsPage extends BasePage {
  static async on(page: Page): Promise<PublicationsPage> {
    await BasePage.arrive(page, 'Published outcome figures', 'outcomes-publications')
    return new PublicationsPage(page)
  }

  async publish(quarter: string): Promise<PublicationsPage> {
    await this.page.getByLabel('Quarter').selectOption({ label: quarter })
    await navigation(this.page, () => this.page.getByRole('button', { name: 'Publish' }).click())
    return PublicationsPage.on(this.page)
  }

  /** The revisions table of one quarter, as rows of cell texts. */
  async revisions(): Promise<string[][]> {
    const rows: string[][] = []
    for (const tr of await this.page.locator('table tbody tr').all())
      rows.push((await tr.locator('th, td').allInnerTexts()).map((c) => c.trim()))
    return rows
  }

  async releasesBehind(measure: string, area: string): Promise<RevisionPage> {
    const row = this.page.locator('table tbody tr').filter({ hasText: measure }).filter({ hasText: area })
    await navigation(this.page, () => row.getByRole('link').click())
    return RevisionPage.on(this.page)
  }
}

export class RevisionPage extends BasePage {
  static async on(page: Page): Promise<RevisionPage> {
    await BasePage.arrive(page, /: .*, .*20\d\d$/, 'outcomes-revision')
    return new RevisionPage(page)
  }

  people(): Promise<string[]> {
    return this.page.locator('table tbody th').allInnerTexts()
  }
}

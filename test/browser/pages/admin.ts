import type { Page } from 'playwright-core'
import { navigation } from '../../support/browser.ts'
import { BasePage } from './base.ts'

/** The administration pages (users, organisations, API tokens, audit): a heading and a table. */
export class AdminPage extends BasePage {
  static async on(page: Page, heading: string): Promise<AdminPage> {
    await BasePage.arrive(page, heading, `admin-${heading.toLowerCase().replaceAll(/\W+/g, '-')}`)
    return new AdminPage(page)
  }

  /** Follows a main menu item to the administration page it opens. */
  static async fromMenu(from: BasePage, item: string, heading: string): Promise<AdminPage> {
    await from.menu(item)
    return AdminPage.on(from.page, heading)
  }

  /** Follows a link in the page's content to another page, e.g. "Add a user". */
  async follow(link: string, heading: string): Promise<AdminPage> {
    await navigation(this.page, () =>
      this.page.locator('main').getByRole('link', { name: link, exact: true }).click(),
    )
    return AdminPage.on(this.page, heading)
  }

  /** The main table's rows, each as its cells' text. */
  rows(): Promise<string[][]> {
    return this.page
      .locator('main table tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim() ?? '')),
      )
  }

  mainText(): Promise<string> {
    return this.page.locator('main').innerText()
  }
}

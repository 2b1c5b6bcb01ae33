import type { Page } from 'playwright-core'
import { navigation } from '../../support/browser.ts'
import { BasePage } from './base.ts'
import { PersonPage } from './person.ts'

export interface UpcomingRow {
  releaseDate: string
  name: string
  prisonNumber: string
  prison: string
  pdu: string
  area: string
}

export class UpcomingReleasesPage extends BasePage {
  static async on(page: Page): Promise<UpcomingReleasesPage> {
    await BasePage.arrive(page, 'Upcoming releases', 'upcoming-releases')
    return new UpcomingReleasesPage(page)
  }

  async showWeeks(weeks: 12 | 24): Promise<UpcomingReleasesPage> {
    await navigation(this.page, () =>
      this.page
        .getByRole('navigation', { name: 'Time window' })
        .getByRole('link', { name: `Next ${weeks} weeks` })
        .click(),
    )
    return UpcomingReleasesPage.on(this.page)
  }

  /** The tab marked as the current one. */
  currentTab(): Promise<string> {
    return this.page.locator('.moj-sub-navigation__link[aria-current="page"]').innerText()
  }

  rows(): Promise<UpcomingRow[]> {
    return this.page.locator('main table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const [releaseDate = '', name = '', prisonNumber = '', prison = '', pdu = '', area = ''] = Array.from(
          tr.querySelectorAll('td'),
          (td) => td.textContent?.trim() ?? '',
        )
        return { releaseDate, name, prisonNumber, prison, pdu, area }
      }),
    )
  }

  async names(): Promise<string[]> {
    return (await this.rows()).map((r) => r.name)
  }

  async openPerson(name: string): Promise<PersonPage> {
    await navigation(this.page, () => this.page.locator('main table').getByRole('link', { name }).click())
    return PersonPage.on(this.page)
  }
}

import type { Locator, Page } from 'playwright-core'
import { navigation } from '../../support/browser.ts'
import { BasePage } from './base.ts'
import { PeopleSearchPage } from './people-search.ts'
import { EditPersonPage } from './edit-person.ts'
import { AccessLogPage } from './access-log.ts'

const summaryList = (list: Locator): Promise<Record<string, string>> =>
  list
    .locator('.govuk-summary-list__row')
    .evaluateAll((rows) =>
      Object.fromEntries(
        rows.map((r) => [
          r.querySelector('.govuk-summary-list__key')?.textContent?.trim() ?? '',
          r.querySelector('.govuk-summary-list__value')?.textContent?.trim() ?? '',
        ]),
      ),
    )

export class PersonPage extends BasePage {
  static async on(page: Page, name?: string): Promise<PersonPage> {
    await page.locator('h2', { hasText: 'Custody episodes' }).waitFor()
    await BasePage.arrive(page, name ?? /\S/, 'person')
    return new PersonPage(page)
  }

  /** The "Details" summary list, by key. */
  details(): Promise<Record<string, string>> {
    // The list under "Details"; the person-at-a-glance panel above it is a summary list too.
    return summaryList(this.page.locator('main h2:text-is("Details") + .govuk-summary-list'))
  }

  /** The person at a glance: each row's label and value. */
  async glance(): Promise<Record<string, string>> {
    return summaryList(this.page.locator('main [data-glance] .govuk-summary-list'))
  }

  /** Each custody episode: its heading and its summary list. */
  async episodes(): Promise<{ heading: string; rows: Record<string, string> }[]> {
    const headings = await this.page.locator('main h3').allInnerTexts()
    const lists = this.page.locator('main .govuk-summary-list--no-border')
    return Promise.all(
      headings.map(async (heading, i) => ({ heading, rows: await summaryList(lists.nth(i)) })),
    )
  }

  /** Timeline entries, newest first, as "title · date · source". */
  timeline(): Promise<string[]> {
    return this.page
      .locator('.app-timeline__item')
      .evaluateAll((items) =>
        items.map((li) =>
          Array.from(li.querySelectorAll('p'), (p) => p.textContent?.replace(/\s+/g, ' ').trim()).join(' | '),
        ),
      )
  }

  async changeDetails(): Promise<EditPersonPage> {
    await navigation(this.page, () =>
      this.page.getByRole('link', { name: 'Change personal details' }).click(),
    )
    return EditPersonPage.on(this.page)
  }

  async whoHasViewed(): Promise<AccessLogPage> {
    await navigation(this.page, () =>
      this.page.getByRole('link', { name: 'Who has viewed this record' }).click(),
    )
    return AccessLogPage.on(this.page)
  }

  async findAPerson(): Promise<PeopleSearchPage> {
    await this.menu('Find a person')
    return PeopleSearchPage.on(this.page)
  }
}

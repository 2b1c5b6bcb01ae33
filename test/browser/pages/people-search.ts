import type { Page } from 'playwright-core'
import { navigation } from '../../support/browser.ts'
import { BasePage } from './base.ts'
import { PersonPage } from './person.ts'
import { AddPersonPage } from './add-person.ts'

export interface SearchResult {
  name: string
  dateOfBirth: string
  prisonNumber: string
  crn: string
  expectedRelease: string
}

export class PeopleSearchPage extends BasePage {
  static async open(page: Page): Promise<PeopleSearchPage> {
    await page.goto('/people')
    return PeopleSearchPage.on(page)
  }

  static async on(page: Page): Promise<PeopleSearchPage> {
    await BasePage.arrive(page, 'Find a person', 'people-search')
    return new PeopleSearchPage(page)
  }

  async search(text: string): Promise<PeopleSearchPage> {
    await this.page.getByLabel('Name, prison number, CRN, PNC ID or date of birth').fill(text)
    await navigation(this.page, () =>
      this.page.getByRole('search').getByRole('button', { name: 'Search' }).click(),
    )
    return PeopleSearchPage.on(this.page)
  }

  /** The heading over the results: "1 person found", "No people found". */
  outcome(): Promise<string> {
    return this.page.locator('main h2').first().innerText()
  }

  results(): Promise<SearchResult[]> {
    return this.page.locator('main table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const [name = '', dateOfBirth = '', prisonNumber = '', crn = '', expectedRelease = ''] = Array.from(
          tr.querySelectorAll('td'),
          (td) => td.textContent?.trim() ?? '',
        )
        return { name, dateOfBirth, prisonNumber, crn, expectedRelease }
      }),
    )
  }

  async openPerson(name: string): Promise<PersonPage> {
    await navigation(this.page, () => this.page.locator('main table').getByRole('link', { name }).click())
    return PersonPage.on(this.page)
  }

  async addPerson(): Promise<AddPersonPage> {
    await navigation(this.page, () => this.page.getByRole('link', { name: 'Add a person' }).click())
    return AddPersonPage.on(this.page)
  }
}

import type { Page } from 'playwright-core'
import { navigation } from '../../support/browser.ts'
import { BasePage } from './base.ts'
import { typeAhead } from '../journeys/type-ahead.ts'
import { PersonPage } from './person.ts'
import { fillDate, fillPersonFields, personFieldValues, type PersonFields } from './person-form.ts'

export interface EpisodeFields {
  prisonCode?: string
  sentenceType?: string
  sentenceLengthBand?: string
  sentenceDate?: [string, string, string]
  expectedReleaseDate?: [string, string, string]
  licenceEndDate?: [string, string, string]
  pduCode?: string
  localAuthorityCode?: string
}

export class AddPersonPage extends BasePage {
  static async open(page: Page): Promise<AddPersonPage> {
    await page.goto('/people/new')
    return AddPersonPage.on(page)
  }

  static async on(page: Page, name = 'add-person'): Promise<AddPersonPage> {
    await BasePage.arrive(page, 'Add a person', name)
    return new AddPersonPage(page)
  }

  async fill(fields: PersonFields & EpisodeFields): Promise<AddPersonPage> {
    await fillPersonFields(this.page, fields)
    for (const name of ['sentenceType', 'sentenceLengthBand'] as const) {
      const value = fields[name]
      if (value !== undefined) await this.page.locator(`#${name}`).selectOption(value)
    }
    // Prisons, PDUs and councils are long lists: typed through the type-ahead (issue 12).
    for (const [name, label] of [
      ['prisonCode', 'Prison'],
      ['pduCode', 'Probation Delivery Unit on release'],
      ['localAuthorityCode', 'Local authority the person will live in (optional)'],
    ] as const) {
      const value = fields[name]
      if (value) await typeAhead(this.page, label, { value })
    }
    for (const name of ['sentenceDate', 'expectedReleaseDate', 'licenceEndDate'] as const) {
      const value = fields[name]
      if (value) await fillDate(this.page, name, value)
    }
    return this
  }

  values(): Promise<Required<PersonFields>> {
    return personFieldValues(this.page)
  }

  private async submit() {
    await navigation(this.page, () => this.page.getByRole('button', { name: 'Add person' }).click())
  }

  /** Submits a form that should come back with errors; the error state is scanned too. */
  async submitWithErrors(): Promise<AddPersonPage> {
    await this.submit()
    await this.page.locator('.govuk-error-summary').waitFor()
    return AddPersonPage.on(this.page, 'add-person-errors')
  }

  async submitAndOpen(name: string): Promise<PersonPage> {
    await this.submit()
    return PersonPage.on(this.page, name)
  }
}

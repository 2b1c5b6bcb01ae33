import type { Page } from 'playwright-core'
import { navigation } from '../../support/browser.ts'
import { BasePage } from './base.ts'
import { PersonPage } from './person.ts'
import { fillPersonFields, personFieldValues, type PersonFields } from './person-form.ts'

export class EditPersonPage extends BasePage {
  static async open(page: Page, personId: string): Promise<EditPersonPage> {
    await page.goto(`/people/${personId}/edit`)
    return EditPersonPage.on(page)
  }

  static async on(page: Page, name = 'edit-person'): Promise<EditPersonPage> {
    await BasePage.arrive(page, 'Change details', name)
    return new EditPersonPage(page)
  }

  async fill(fields: PersonFields): Promise<EditPersonPage> {
    await fillPersonFields(this.page, fields)
    return this
  }

  values(): Promise<Required<PersonFields>> {
    return personFieldValues(this.page)
  }

  private async submit() {
    await navigation(this.page, () => this.page.getByRole('button', { name: 'Save changes' }).click())
  }

  async save(name?: string): Promise<PersonPage> {
    await this.submit()
    return PersonPage.on(this.page, name)
  }

  /** Saves when someone else has saved first: the form comes back with the conflict explained. */
  async saveExpectingConflict(): Promise<EditPersonPage> {
    await this.submit()
    await this.page.locator('.govuk-error-summary').waitFor()
    return EditPersonPage.on(this.page, 'edit-person-conflict')
  }

  /** The inset text that shows the details as someone else saved them. */
  savedDetails(): Promise<string> {
    return this.page.locator('.govuk-inset-text').innerText()
  }
}

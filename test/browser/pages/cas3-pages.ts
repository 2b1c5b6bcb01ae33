import type { Page } from 'playwright-core'
import { navigation } from '../../support/browser.ts'
import { BasePage } from './base.ts'
import { typeAhead } from '../journeys/type-ahead.ts'

/** Any CAS3 page: arrive by its heading (with the axe scan), then fill and submit GOV.UK forms. */
export class Cas3Page extends BasePage {
  static async on(page: Page, heading: string | RegExp, name: string): Promise<Cas3Page> {
    await BasePage.arrive(page, heading, name)
    return new Cas3Page(page)
  }

  async open(link: string | RegExp, heading: string | RegExp, name: string): Promise<Cas3Page> {
    // A GOV.UK start button is a link with the button role.
    const main = this.page.locator('main')
    await navigation(this.page, () =>
      main
        .getByRole('link', { name: link })
        .or(main.getByRole('button', { name: link }))
        .first()
        .click(),
    )
    return Cas3Page.on(this.page, heading, name)
  }

  async fill(label: string | RegExp, value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: typeof label === 'string' }).fill(value)
  }

  async select(label: string | RegExp, option: string): Promise<void> {
    await this.page.getByLabel(label).selectOption({ label: option })
  }

  /** A long select (PDUs, councils), typed through its type-ahead (issue 12). */
  async typeAhead(label: string, option: string): Promise<void> {
    await typeAhead(this.page, label, option)
  }

  /** A radio or checkbox, within the fieldset whose legend is given. */
  async choose(legend: string | RegExp, option: string): Promise<void> {
    await this.page.getByRole('group', { name: legend }).getByLabel(option, { exact: true }).check()
  }

  /** A GOV.UK date input, by its legend, from an ISO date. */
  async date(legend: string | RegExp, iso: string): Promise<void> {
    const [y, m, d] = iso.split('-')
    const group = this.page.getByRole('group', { name: legend })
    await group.getByLabel('Day').fill(String(Number(d)))
    await group.getByLabel('Month').fill(String(Number(m)))
    await group.getByLabel('Year').fill(y ?? '')
  }

  async press(button: string, heading: string | RegExp, name: string): Promise<Cas3Page> {
    await navigation(this.page, () => this.page.getByRole('button', { name: button, exact: true }).click())
    return Cas3Page.on(this.page, heading, name)
  }

  /** The summary list as key → value. */
  async summary(): Promise<Record<string, string>> {
    const rows = await this.page
      .locator('main .govuk-summary-list__row')
      .evaluateAll((els) =>
        els.map(
          (el) =>
            [
              el.querySelector('dt')?.textContent?.trim() ?? '',
              el.querySelector('dd')?.textContent?.trim() ?? '',
            ] as [string, string],
        ),
      )
    return Object.fromEntries(rows)
  }

  mainText(): Promise<string> {
    return this.page.locator('main').innerText()
  }
}

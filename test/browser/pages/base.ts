import type { Page } from 'playwright-core'
import { checkPage, navigation } from '../../support/browser.ts'

/** What every page of the service has: a heading, the header, the error summary and banners. */
export class BasePage {
  readonly page: Page
  constructor(page: Page) {
    this.page = page
  }

  /** Waits for the page's main heading, then scans it (axe and script errors). */
  protected static async arrive(page: Page, heading: string | RegExp, name: string): Promise<void> {
    await page.getByRole('heading', { level: 1, name: heading }).waitFor()
    await checkPage(page, name)
  }

  heading(): Promise<string> {
    return this.page.locator('h1').innerText()
  }

  /** The header's organisation label, e.g. "Resettle". */
  serviceName(): Promise<string> {
    return this.page.locator('.moj-header__link--organisation-name').innerText()
  }

  /** The success banner ("Person added", "Changes saved"), or null when there is none. */
  async flash(): Promise<string | null> {
    const banner = this.page.locator(
      '.govuk-notification-banner--success .govuk-notification-banner__heading',
    )
    return (await banner.count()) ? (await banner.innerText()).trim() : null
  }

  /** The error summary's links: what they say and the field each points at. */
  errorSummary(): Promise<{ text: string; href: string }[]> {
    return this.page
      .locator('.govuk-error-summary__list a')
      .evaluateAll((links) =>
        links.map((a) => ({ text: a.textContent?.trim() ?? '', href: a.getAttribute('href') ?? '' })),
      )
  }

  /** Error summary links whose target is not on the page, so following them goes nowhere. */
  errorLinksWithoutTarget(): Promise<string[]> {
    return this.page
      .locator('.govuk-error-summary__list a')
      .evaluateAll((links) =>
        links
          .map((a) => a.getAttribute('href') ?? '')
          .filter((href) => !document.getElementById(href.replace(/^#/, ''))),
      )
  }

  /** Each field's inline error message, by the field's id, without the hidden "Error:" prefix. */
  async fieldErrors(): Promise<Record<string, string>> {
    const pairs = await this.page
      .locator('.govuk-error-message')
      .evaluateAll((els) =>
        els.map((el): [string, string] => [
          el.id.replace(/-error$/, ''),
          el.textContent?.replace(/^\s*Error:\s*/, '').trim() ?? '',
        ]),
      )
    return Object.fromEntries(pairs)
  }

  /** Follows a link in the main menu (GOV.UK service navigation). */
  async menu(text: string): Promise<void> {
    await navigation(this.page, () =>
      this.page.locator('.govuk-service-navigation').getByRole('link', { name: text }).click(),
    )
  }

  /**
   * Signs out with the header link. With JavaScript the link submits the hidden POST form that
   * carries the CSRF token; the method used is returned so a test can tell.
   */
  async signOut(): Promise<{ method: string }> {
    let method = ''
    const onRequest = (req: { url: () => string; method: () => string }) => {
      if (new URL(req.url()).pathname === '/sign-out') method = req.method()
    }
    this.page.on('request', onRequest)
    await navigation(this.page, () =>
      this.page.locator('header').getByRole('link', { name: 'Sign out' }).click(),
    )
    await this.page.waitForURL('**/sign-in?signedOut=1')
    this.page.off('request', onRequest)
    return { method }
  }
}

import type { Page } from 'playwright-core'
import { navigation } from '../../support/browser.ts'
import { PASSWORD } from '../../support/app.ts'
import { BasePage } from './base.ts'
import { HomePage } from './home.ts'

export class SignInPage extends BasePage {
  static async open(page: Page): Promise<SignInPage> {
    await page.goto('/sign-in')
    return SignInPage.on(page)
  }

  static async on(page: Page): Promise<SignInPage> {
    await BasePage.arrive(page, 'Sign in to Resettle', 'sign-in')
    return new SignInPage(page)
  }

  async submit(email: string, password: string): Promise<void> {
    await this.page.getByLabel('Email address').fill(email)
    await this.page.getByLabel('Password').fill(password)
    await navigation(this.page, () => this.page.getByRole('button', { name: 'Sign in' }).click())
  }

  async signIn(email: string, password = PASSWORD): Promise<HomePage> {
    await this.submit(email, password)
    return HomePage.on(this.page)
  }

  async signInFailing(email: string, password: string): Promise<SignInPage> {
    await this.submit(email, password)
    await this.page.locator('.govuk-error-summary').waitFor()
    return SignInPage.on(this.page)
  }

  email(): Promise<string> {
    return this.page.getByLabel('Email address').inputValue()
  }

  /** Follows the error summary's link and says which element then has focus. */
  async followErrorLink(text: string): Promise<string> {
    await this.page.locator('.govuk-error-summary__list').getByRole('link', { name: text }).click()
    return this.page.evaluate(() => document.activeElement?.id ?? '')
  }
}

/** Opens a fresh page as the given user, signed in and on the home page. */
export async function signedIn(newPage: () => Promise<Page>, email: string): Promise<HomePage> {
  const page = await newPage()
  return (await SignInPage.open(page)).signIn(email)
}

import type { Page } from 'playwright-core'
import { BasePage } from './base.ts'
import { PeopleSearchPage } from './people-search.ts'
import { UpcomingReleasesPage } from './upcoming-releases.ts'

export class HomePage extends BasePage {
  static async on(page: Page): Promise<HomePage> {
    await BasePage.arrive(page, /^Welcome, /, 'home')
    return new HomePage(page)
  }

  /** The links to what this role does, below its work queue. */
  links(): Promise<string[]> {
    return this.page.locator('main ul.govuk-list:not([data-work-queue]) a').allInnerTexts()
  }

  async upcomingReleases(): Promise<UpcomingReleasesPage> {
    await this.menu('Upcoming releases')
    return UpcomingReleasesPage.on(this.page)
  }

  async findAPerson(): Promise<PeopleSearchPage> {
    await this.menu('Find a person')
    return PeopleSearchPage.on(this.page)
  }
}

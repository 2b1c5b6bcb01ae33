import type { Page } from 'playwright-core'
import { BasePage } from './base.ts'

export interface AccessLogEntry {
  when: string
  who: string
  organisation: string
  action: string
  through: string
  outcome: string
}

export class AccessLogPage extends BasePage {
  static async on(page: Page): Promise<AccessLogPage> {
    await BasePage.arrive(page, 'Access log', 'access-log')
    return new AccessLogPage(page)
  }

  /** Newest first, as the page lists them. */
  entries(): Promise<AccessLogEntry[]> {
    return this.page.locator('main table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const [when = '', who = '', organisation = '', action = '', through = '', outcome = ''] = Array.from(
          tr.querySelectorAll('td'),
          (td) => td.textContent?.trim() ?? '',
        )
        return { when, who, organisation, action, through, outcome }
      }),
    )
  }
}

import type { Page } from 'playwright-core'
import { navigation } from '../../support/browser.ts'
import { BasePage } from './base.ts'

export class EvaluationDefinePage extends BasePage {
  static async on(page: Page): Promise<EvaluationDefinePage> {
    await BasePage.arrive(page, 'Define an evaluation', 'evaluation-define')
    return new EvaluationDefinePage(page)
  }

  async fill(v: {
    name: string
    from: [string, string, string]
    to: [string, string, string]
    received: string
  }) {
    await this.page.getByLabel('Name of the evaluation').fill(v.name)
    for (const [field, date] of [
      ['from', v.from],
      ['to', v.to],
    ] as const) {
      await this.page.locator(`#${field}-day`).fill(date[0])
      await this.page.locator(`#${field}-month`).fill(date[1])
      await this.page.locator(`#${field}-year`).fill(date[2])
    }
    await this.page.getByLabel(v.received).check()
  }

  async submit(): Promise<void> {
    await navigation(this.page, () => this.page.getByRole('button', { name: 'Run the evaluation' }).click())
  }
}

export class EvaluationRunPage extends BasePage {
  static async on(page: Page, name: string): Promise<EvaluationRunPage> {
    await BasePage.arrive(page, name, 'evaluation-run')
    return new EvaluationRunPage(page)
  }

  status(): Promise<string> {
    return this.page.locator('[role=status]').innerText()
  }
}

export class EvaluationReportPage extends BasePage {
  static async on(page: Page, name: string): Promise<EvaluationReportPage> {
    await page.getByRole('heading', { level: 2, name: 'Headline' }).waitFor()
    await BasePage.arrive(page, name, 'evaluation-report')
    return new EvaluationReportPage(page)
  }

  headline(): Promise<string> {
    return this.page.locator('.app-evaluation-headline').innerText()
  }

  async outcomeRows(): Promise<string[]> {
    return this.page.locator('#table-outcomes tbody th').allInnerTexts()
  }

  charts(): Promise<number> {
    return this.page.locator('figure svg').count()
  }
}

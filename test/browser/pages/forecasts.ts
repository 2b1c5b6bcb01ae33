import type { Page } from 'playwright-core'
import { navigation } from '../../support/browser.ts'
import { typeAhead } from '../journeys/type-ahead.ts'
import { BasePage } from './base.ts'

/** The demand forecast page: its choices, the chart, the month-by-month table and the scenario form. */
export class ForecastPage extends BasePage {
  static async on(page: Page): Promise<ForecastPage> {
    await BasePage.arrive(page, 'Demand forecast', 'forecast')
    return new ForecastPage(page)
  }

  async show(choices: { series?: string; level?: string; horizon?: string }): Promise<ForecastPage> {
    if (choices.series) await this.page.getByLabel('What to forecast').selectOption({ label: choices.series })
    if (choices.level)
      await this.page.getByLabel('By', { exact: true }).selectOption({ label: choices.level })
    if (choices.horizon) await this.page.getByLabel('Months ahead').fill(choices.horizon)
    await navigation(this.page, () => this.page.getByRole('button', { name: 'Show forecast' }).click())
    return ForecastPage.on(this.page)
  }

  hasChart(): Promise<boolean> {
    return this.page.locator('figure svg[role="img"]').isVisible()
  }

  /** The month-by-month table's rows as header → cell text. */
  async byMonth(): Promise<Record<string, string>[]> {
    const table = this.page.locator('#table-summary')
    const head = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim())
    const rows: Record<string, string>[] = []
    for (const tr of await table.locator('tbody tr').all()) {
      const cells = await tr.locator('th, td').allInnerTexts()
      rows.push(Object.fromEntries(cells.map((c, i) => [head[i] ?? String(i), c.trim()])))
    }
    return rows
  }

  async saveScenario(s: { name: string; receptions: string; releasePoint: string; recalls: string }) {
    await navigation(this.page, () => this.page.getByRole('link', { name: 'Save a scenario' }).click())
    await this.page.getByRole('heading', { level: 1, name: 'Save a scenario' }).waitFor()
    await this.page.getByLabel('Name', { exact: true }).fill(s.name)
    await this.page.getByLabel('Change in receptions').fill(s.receptions)
    await this.page.getByLabel('Release point of standard determinate sentences').fill(s.releasePoint)
    await this.page.getByLabel('Change in the recall rate').fill(s.recalls)
    await navigation(this.page, () => this.page.getByRole('button', { name: 'Save scenario' }).click())
    return ForecastPage.on(this.page)
  }

  async backtest(): Promise<BacktestPage> {
    await navigation(this.page, () =>
      this.page
        .getByRole('link', { name: 'See how last year’s forecast compared with what happened' })
        .click(),
    )
    return BacktestPage.on(this.page)
  }
}

export class BacktestPage extends BasePage {
  static async on(page: Page): Promise<BacktestPage> {
    await BasePage.arrive(page, 'Forecast backtest', 'forecast-backtest')
    return new BacktestPage(page)
  }

  regions(): Promise<string[]> {
    return this.page.locator('#table-backtest tbody th').allInnerTexts()
  }
}

export class CapacityPage extends BasePage {
  static async on(page: Page): Promise<CapacityPage> {
    await BasePage.arrive(page, 'Capacity against forecast demand', 'capacity')
    return new CapacityPage(page)
  }

  async setStaffing(pdu: string, fte: string): Promise<CapacityPage> {
    await navigation(this.page, () =>
      this.page.getByRole('link', { name: 'Change a PDU’s staffing' }).click(),
    )
    await this.page.getByRole('heading', { level: 1, name: 'Community offender managers by PDU' }).waitFor()
    await typeAhead(this.page, 'PDU', pdu)
    await this.page
      .getByLabel('Community offender managers (full-time equivalent)', { exact: true })
      .fill(fte)
    await navigation(this.page, () => this.page.getByRole('button', { name: 'Save staffing' }).click())
    return CapacityPage.on(this.page)
  }

  /** The PDUs against COM capacity, baseline: PDU → first month over. */
  async firstMonthOver(): Promise<Record<string, string>> {
    const rows = this.page.locator('#table-com-baseline tbody tr')
    const out: Record<string, string> = {}
    for (const tr of await rows.all()) {
      const [name = '', first = ''] = await tr.locator('th, td').allInnerTexts()
      out[name.trim()] = first.trim()
    }
    return out
  }
}

import { describe, expect, it } from 'vitest'
import { JOURNEY_TIMEOUT, demoBrowserApp } from './demo-app.ts'
import { clickTo, follow, mainText, menu, visit } from './steps.ts'

// Issue 12, done-when: the regional performance lead's day on the `npm start` demo, with axe on
// every page: the region against its targets, the releases behind a figure, who does worse, and
// what is coming.
const t = await demoBrowserApp()

describe('a regional performance lead', () => {
  it('dashboard → drill-down → variation → forecast', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await t.signIn('regional-lead')
    await menu(page, 'Outcomes', 'Outcomes and regional targets', 'outcomes')
    await follow(page, 'London: regional dashboard', 'London: outcomes against targets', 'region')
    // Every column of a dashboard table is in view at 1280 px (defect 11): nothing scrolls away.
    const hidden = await page
      .locator('main .app-table-wrap')
      .evaluateAll((boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth + 1).length)
    expect(hidden).toBe(0)
    expect(await mainText(page)).not.toContain('table beside')

    // The releases behind the first night's latest figure.
    await clickTo(
      page,
      page.locator('main a[href^="/outcomes/regions/N07/measures/housed_first_night/releases"]'),
      'Housed on the first night after release: the releases behind the figure',
      'drill-down',
    )
    const numerator = Number(
      (await page.locator('main').innerText()).match(/In the numerator \((\d+)\)/)?.[1],
    )
    expect(numerator).toBeGreaterThan(0)

    // Who does worse, by its address (the menu's way there is variation-unlinked.browser.test.ts).
    await visit(page, '/outcomes/variation', 'Variation in outcomes', 'variation')
    await page.getByLabel('Measure').selectOption({ label: 'Housed on the first night after release' })
    await page.getByLabel('Split by', { exact: true }).selectOption({ label: 'Sex' })
    await page.getByLabel('First quarter of release').selectOption('2025-Q4')
    await page.getByLabel('Last quarter of release').selectOption('2026-Q3')
    await clickTo(
      page,
      page.getByRole('button', { name: 'Show' }),
      'Variation in outcomes',
      'variation-by-sex',
    )
    expect(await page.locator('#table-variation tbody tr').count()).toBeGreaterThan(0)

    // What is coming: the forecast of releases for the region.
    await menu(page, 'Forecasts', 'Demand forecast', 'forecasts')
    await clickTo(page, page.locator('main form button[type="submit"]'), 'Demand forecast', 'forecast')
    expect(await page.locator('main h2', { hasText: /^Releases, .* by month$/ }).count()).toBe(1)
    expect(await page.locator('main figure svg[role="img"]').count()).toBeGreaterThan(0)
  })
})

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { JOURNEY_TIMEOUT, demoBrowserApp } from './demo-app.ts'
import { clickTo, follow, mainText, menu, visit } from './steps.ts'

// Issue 12, done-when: the national analyst's day on the `npm start` demo, with axe on every
// page: a gap between groups, the areas on a funnel plot, then an anonymised extract.
const t = await demoBrowserApp()

describe('a national analyst', () => {
  it(
    'outcomes → variation by sex → funnel plot of regions → anonymised extract',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const page = await t.signIn('analyst')
      await menu(page, 'Outcomes', 'Outcomes and regional targets', 'outcomes')
      // Read-only: no target can be set from here (defect 6).
      expect(
        await page
          .locator('main')
          .getByRole('link', { name: /Set .*target/ })
          .count(),
      ).toBe(0)

      // No page links to the explorer yet (KNOWN-variation-unlinked), so by address.
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
      const rows = await page.locator('#table-variation tbody tr').allInnerTexts()
      expect(rows.some((r) => r.startsWith('Female'))).toBe(true)
      expect(rows.some((r) => r.startsWith('Male'))).toBe(true)

      await follow(page, 'Funnel plot of areas for this measure', 'Funnel plot of areas', 'funnel')
      await page.getByLabel('Areas').selectOption({ label: 'Regions' })
      await clickTo(
        page,
        page.getByRole('button', { name: 'Show' }),
        'Funnel plot of areas',
        'funnel-regions',
      )
      expect(await page.locator('main figure svg[role="img"]').count()).toBe(1)
      expect(await mainText(page)).toContain('London')

      // The extract, from the explorer: person-level, anonymised, with k-anonymity stated.
      await page.goBack()
      await page.goBack()
      await page.getByRole('heading', { level: 1, name: 'Variation in outcomes' }).waitFor()
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page
          .locator('main')
          .getByRole('link', { name: /anonymised person-level extract/ })
          .click(),
      ])
      const csv = readFileSync(await download.path(), 'utf8')
      expect(csv).toMatch(/^# Anonymised extract: Housed on the first night after release/)
      expect(csv).toContain('k-anonymity with k = 10')
      expect(csv).not.toMatch(/\b[A-Z]\d{6}\b/) // no CRN
      expect(csv).not.toMatch(/\b[A-Z]\d{4}[A-Z]{2}\b/) // no prison number
    },
  )
})

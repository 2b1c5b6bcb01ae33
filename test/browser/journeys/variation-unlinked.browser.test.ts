import { describe, expect, it } from 'vitest'
import { JOURNEY_TIMEOUT, demoBrowserApp } from './demo-app.ts'
import { menu } from './steps.ts'

// Found by the regional lead's and the analyst's journeys: the variation explorer (and through
// it the funnel plots and the anonymised extracts) is linked from no page and no menu, so the
// people it was built for can only reach it by typing its address. It failed before the fix.
const t = await demoBrowserApp()

describe('the variation explorer', () => {
  for (const local of ['analyst', 'regional-lead'])
    it(`is reachable from the pages for the ${local} sign-in`, { timeout: JOURNEY_TIMEOUT }, async () => {
      const page = await t.signIn(local)
      const fromHome = await page.locator('a[href^="/outcomes/variation"]').count()
      await menu(page, 'Outcomes', 'Outcomes and regional targets', `${local}-outcomes`)
      const fromOutcomes = await page.locator('a[href^="/outcomes/variation"]').count()
      expect(fromHome + fromOutcomes).toBeGreaterThan(0)
    })
})

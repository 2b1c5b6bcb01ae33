import { describe, expect, it } from 'vitest'
import { JOURNEY_TIMEOUT, demoBrowserApp } from './demo-app.ts'
import { clickTo, workQueue } from './steps.ts'

// Found by the council officer's journey (issue 12: "counts that link to the filtered lists").
// Both council queue items count releases in the next 8 weeks (with no accommodation status, or
// with no Duty to Refer), but link to every release in the next 12 weeks, so the list a council
// officer opens is not the work the count promised. It failed before the fix.
const t = await demoBrowserApp()

describe('the council officer’s work queue', () => {
  it('opens a list holding exactly the releases each item counts', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await t.signIn('council')
    const items = await workQueue(page)
    expect(items.length).toBe(2)
    for (const item of items) {
      await page.goto('/')
      await clickTo(page, page.locator(`[data-work-queue] a[href="${item.href}"]`), /./, 'council-queue-list')
      const shown = await page.locator('main table tbody tr').count()
      expect(shown, `${item.label} → ${item.href}`).toBe(item.count)
    }
  })
})

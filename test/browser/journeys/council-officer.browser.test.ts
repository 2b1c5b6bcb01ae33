import { describe, expect, it } from 'vitest'
import { JOURNEY_TIMEOUT, demoBrowserApp, DEMO_TODAY } from './demo-app.ts'
import { clickTo, fillDate, flash, follow, mainText, openQueue, press } from './steps.ts'

// Issue 12, done-when: the council officer's day on the `npm start` demo, from sign-in to a Duty
// to Refer recorded, with axe on every page.
const t = await demoBrowserApp()

describe('a council officer records a Duty to Refer', () => {
  it(
    'releases in 12 weeks without first-night accommodation → a person → Duty to Refer received → saved',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const page = await t.signIn('council')
      await openQueue(
        page,
        'Releases into your area in the next 12 weeks with no first-night accommodation',
        'Release readiness',
        'releases',
      )
      // The worklist filtered on the flag the queue counted (one SQL for the count and the list).
      expect(await mainText(page)).toContain('No first-night accommodation')
      await clickTo(
        page,
        page.locator('main table tbody tr a[href^="/people/"]'),
        /^Release planning/,
        'planning',
      )
      await follow(page, 'Duty to Refer', 'Duty to Refer', 'duty-to-refer')
      expect(await page.locator('[data-dtr]').innerText()).toBe('No referral received yet.')

      await fillDate(page, 'Date the referral was received', DEMO_TODAY)
      await page.getByLabel('Outcome').selectOption({ label: 'Prevention duty accepted' })
      await fillDate(page, 'Date of the outcome', DEMO_TODAY)
      await press(page, 'Save Duty to Refer', 'Duty to Refer', 'duty-to-refer-saved')
      expect(await flash(page)).toBe('Duty to Refer saved')
      expect(await page.locator('[data-dtr]').innerText()).toBe(
        'Received 28 November 2026. Outcome: Prevention duty accepted on 28 November 2026.',
      )
    },
  )
})

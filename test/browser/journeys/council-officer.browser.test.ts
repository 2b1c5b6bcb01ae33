import { describe, expect, it } from 'vitest'
import { JOURNEY_TIMEOUT, demoBrowserApp, DEMO_TODAY } from './demo-app.ts'
import { fillDate, flash, follow, mainText, openQueue, press } from './steps.ts'

// Issue 12, done-when: the council officer's day on the `npm start` demo, from sign-in to a Duty
// to Refer recorded, with axe on every page.
const t = await demoBrowserApp()

describe('a council officer records a Duty to Refer', () => {
  it(
    'releases in 8 weeks without accommodation → a person → Duty to Refer received → saved',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const page = await t.signIn('council')
      await openQueue(
        page,
        'Releases into your area in the next 8 weeks with no accommodation recorded',
        'Upcoming releases',
        'releases',
      )
      expect(await mainText(page)).toContain('in Islington Council')

      const person = page.locator('main table tbody tr a[href^="/people/"]').first()
      const name = (await person.innerText()).trim().split(', ').reverse().join(' ')
      await follow(page, (await person.innerText()).trim(), name, 'person')
      await follow(page, /^Release planning/, 'Release planning', 'planning')
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

import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { JOURNEY_TIMEOUT, demoBrowserApp, DEMO_TODAY } from './demo-app.ts'
import { choose, clickTo, fillDate, flash, follow, openQueue, press } from './steps.ts'

// Issue 12, done-when: the provider caseworker's day on the `npm start` demo, with axe on every
// page: a referral accepted (rated and taken), then a session and the end-of-service report on
// a referral in delivery.
const t = await demoBrowserApp()
const REFERRAL = /^Referral [A-Z]{2}\d{4}[A-Z]{2}$/
const state = async (page: Page) => (await page.locator('#referral-state').innerText()).trim()

describe('a provider caseworker', () => {
  it(
    'referral to accept → rated → assigned → a session recorded → the end-of-service report',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const page = await t.signIn('provider')
      await openQueue(page, 'Referrals to accept', /^Referrals to /, 'to-accept')
      await clickTo(page, page.locator('main table tbody a[href^="/referrals/"]'), REFERRAL, 'referral-sent')
      expect(await state(page)).toBe('Sent')

      await follow(page, 'Rate referral quality', 'Rate the referral’s quality', 'rate')
      for (const met of ['The reason for referral is clear', 'The release date is known'])
        await page.getByLabel(met, { exact: true }).check()
      await press(page, 'Save', REFERRAL, 'rated')
      expect(await flash(page)).toBe('Referral quality rated')
      await press(page, 'Assign to me', REFERRAL, 'assigned')
      expect(await flash(page)).toBe('Referral assigned to you')
      expect(await state(page)).toBe('Assigned')

      // A referral in delivery with a session still to record.
      await page.goto('/')
      await openQueue(page, 'In delivery with sessions still to record', /^Referrals to /, 'in-delivery')
      const row = page.locator('main table tbody tr', { hasText: 'In delivery' }).first()
      await clickTo(page, row.locator('a[href^="/referrals/"]'), REFERRAL, 'referral-in-delivery')
      await follow(page, 'Record a session', 'Record a delivery session', 'session')
      await fillDate(page, 'Date of the session', DEMO_TODAY)
      await choose(page, 'Did the person attend?', 'Yes, on time')
      // A session beyond the plan is recorded only when confirmed (defect 5).
      const extra = page.getByLabel('I confirm this extra session was delivered')
      if (await extra.count()) await extra.check()
      await press(page, 'Save', REFERRAL, 'session-recorded')
      expect(await flash(page)).toBe('Session recorded')

      await follow(page, 'Write end-of-service report', 'End-of-service report', 'report')
      const ratings = page.locator('main .govuk-radios')
      for (let i = 0; i < (await ratings.count()); i++)
        await ratings.nth(i).getByLabel('Partially achieved', { exact: true }).check()
      await page
        .getByLabel('Summary of the service')
        .fill('Housing register application made; two viewings attended')
      await press(page, 'Save', REFERRAL, 'report-submitted')
      expect(await flash(page)).toBe('End-of-service report submitted')
      expect(await state(page)).toBe('End-of-service report submitted')
    },
  )
})

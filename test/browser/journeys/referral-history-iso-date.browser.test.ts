import { describe, expect, it } from 'vitest'
import { JOURNEY_TIMEOUT, demoBrowserApp } from './demo-app.ts'
import { clickTo, fillDate, follow, openQueue, press } from './steps.ts'

// Found by the provider caseworker's journey (issue 12, defect 12: "raw ISO dates in histories"):
// booking the initial assessment writes the appointment's ISO date as the history entry's detail,
// so the referral's history reads "Initial assessment booked by …: 2026-12-02". It failed before the fix.
const t = await demoBrowserApp()

describe('a referral’s history', () => {
  it('gives the assessment’s date the GOV.UK way', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await t.signIn('provider')
    await openQueue(page, 'Referrals to accept', /^Referrals to /, 'to-accept')
    await clickTo(page, page.locator('main table tbody a[href^="/referrals/"]'), /^Referral /, 'referral')
    await press(page, 'Assign to me', /^Referral /, 'assigned')
    await follow(page, 'Book initial assessment', 'Book the initial assessment', 'book-assessment')
    await fillDate(page, 'Date of the appointment', '2026-12-02')
    await press(page, 'Save', /^Referral /, 'assessment-booked')
    const history = await page.locator('#history').innerText()
    expect(history).toContain('Initial assessment booked by Dan Whitfield')
    expect(history).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    expect(history).toContain('2 December 2026')
  })
})

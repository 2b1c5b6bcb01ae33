import { describe, expect, it } from 'vitest'
import { JOURNEY_TIMEOUT, demoBrowserApp } from './demo-app.ts'
import { clickTo, openQueue } from './steps.ts'

// Found by the provider caseworker's journey (issue 12, defect 13: no "Unknown" referrer): the
// referral names its referrer ("Referred by Connor Palmer"), but its history says "Referral sent
// by unknown", because the demo writes the referrer's events (send, approve, withdraw) with no
// user. It failed before the fix.ts is merged.
const t = await demoBrowserApp()

describe('a demo referral’s history', () => {
  it('names who sent it', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await t.signIn('provider')
    await openQueue(page, 'Referrals to accept', /^Referrals to /, 'to-accept')
    await clickTo(page, page.locator('main table tbody a[href^="/referrals/"]'), /^Referral /, 'referral')
    const history = await page.locator('main').innerText()
    expect(history).toMatch(/Referral sent by /)
    expect(history).not.toMatch(/ by unknown\b/i)
  })
})

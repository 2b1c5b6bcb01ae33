import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { addDays, MONTH_NAMES } from '../../../src/platform/calendar/index.ts'
import { JOURNEY_TIMEOUT, demoBrowserApp } from './demo-app.ts'
import { choose, fillDate, flash, follow, openQueue, press, summary } from './steps.ts'

// Issue 12, done-when: the CAS3 officer's day on the `npm start` demo, from sign-in to an arrival,
// with axe on every page. The referrals waiting to be assessed are for releases still to come,
// and a stay cannot start before the release (defect 4), so the journey books from the release
// day and then moves the app's clock on to that day to record the arrival.
const t = await demoBrowserApp()

/** "7 January 2027" → "2027-01-07". */
const isoOf = (govuk: string) => {
  const [d = '', m = '', y = ''] = govuk.split(' ')
  return `${y}-${String((MONTH_NAMES as readonly string[]).indexOf(m) + 1).padStart(2, '0')}-${d.padStart(2, '0')}`
}

describe('a CAS3 officer places someone', () => {
  it(
    'referral to assess → ready to place → search → book → on the release day, arrival',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const page = await t.signIn('cas3')
      await openQueue(page, 'Referrals to assess', 'CAS3 referrals', 'cas3-to-assess')
      const person = page.locator('main table tbody tr a[href^="/cas3/referrals/"]').first()
      const listed = (await person.innerText()).trim()
      const name = listed.split(', ').reverse().join(' ')
      await follow(page, listed, name, 'cas3-referral')
      const release = isoOf((await summary(page))['Release date'] ?? '')
      const referralId = new URL(page.url()).pathname.split('/').pop() ?? ''
      expect(release > '2026-11-28').toBe(true)

      await choose(page, 'Assessment', 'Ready to place')
      await press(page, 'Save assessment', name, 'cas3-assessed')
      expect(await flash(page)).toBe('Referral status saved: Ready to place')
      expect((await summary(page)).Status).toBe('Ready to place')

      // The search, from the release day for 12 weeks (84 nights, the most without an extension).
      await follow(page, 'Find a bedspace', 'Find a bedspace', 'cas3-search')
      await fillDate(page, 'Arrival date', release)
      await fillDate(page, 'Expected departure date', addDays(release, 84))
      await press(page, 'Search', 'Find a bedspace', 'cas3-search-results')
      expect(await page.locator('main a', { hasText: /^Book/ }).count()).toBeGreaterThan(0)
      await follow(page, /^Book/, 'Book a bedspace', 'cas3-book')
      await press(page, 'Book bedspace', new RegExp(name), 'cas3-booked')
      expect(await flash(page)).toBe('Bedspace booked')

      // Not before the release: the arrival waits for the day itself, and for the prison to
      // record the release (here straight into the table: the prison's pages are another journey).
      t.setToday(release)
      await sql`update custody_episode set actual_release_date = ${release}, release_type = 'conditional_release'
        where id = (select custody_episode_id from cas3_referral where id = ${referralId})`.execute(t.db)
      await page.reload()
      await fillDate(page, 'Date of arrival', release)
      await press(page, 'Record arrival', new RegExp(name), 'cas3-arrived')
      expect(await flash(page)).toMatch(/^Arrival recorded/)
      expect((await summary(page)).Status).toBe('Arrived')
    },
  )
})

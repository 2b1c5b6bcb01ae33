import { describe, expect, it } from 'vitest'
import { JOURNEY_TIMEOUT, demoBrowserApp } from './demo-app.ts'
import { flash, follow, menu, pickOrganisation, press, summary } from './steps.ts'

// Issue 12, done-when: the administrator's day on the `npm start` demo, with axe on every page.
const t = await demoBrowserApp()

describe('an administrator adds a user and finds it in the audit log', () => {
  it(
    'users → add a user (first with a mistake) → the new user → the audit log filtered to it',
    { timeout: JOURNEY_TIMEOUT },
    async () => {
      const page = await t.signIn('admin')
      await menu(page, 'Users', 'Users', 'users')
      expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0)

      await follow(page, 'Add a user', 'Add a user', 'user-new')
      await page.getByLabel('Email address').fill('nadia.osei@example.gov.uk')
      await page.getByLabel('Full name').fill('Nadia Osei')
      await pickOrganisation(page, 'Camden, Islington PDU')
      await page.getByLabel('Role').selectOption('admin')
      await press(page, 'Add user', 'Add a user', 'user-new-errors')
      const errors = await page.locator('.govuk-error-summary__list').innerText()
      // It starts "an Administrator", lower case (KNOWN-error-sentence-case).
      expect(errors).toMatch(/^an Administrator must belong to a national organisation/i)

      await page.getByLabel('Role').selectOption('com')
      await press(page, 'Add user', 'Nadia Osei', 'user-added')
      expect(await flash(page)).toBe('User added')
      expect((await summary(page)).Status).toContain('Active')

      await menu(page, 'Audit', 'Audit log', 'audit')
      await page.getByLabel('Action').selectOption({ label: 'Administration' })
      await press(page, 'Filter', 'Audit log', 'audit-created')
      const rows = await page
        .locator('main table tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim())),
        )
      expect(rows[0]).toEqual(
        expect.arrayContaining([
          'Sam Okafor (admin@demo.resettle.test)',
          'Administration',
          'POST /admin/users/new',
        ]),
      )
    },
  )
})

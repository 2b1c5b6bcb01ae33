import { describe, expect, it } from 'vitest'
import { JOURNEY_TIMEOUT, demoBrowserApp } from './demo-app.ts'
import { follow, menu, pickOrganisation, press } from './steps.ts'

// Found by the administrator's journey (issue 12, defect 12: wording). The fix for "a
// administrator" put the article in front of the role at the start of a sentence, so the error
// now begins in lower case: "an Administrator must belong to a national organisation". It failed before the fix.ts is merged.
const t = await demoBrowserApp()

describe('an error that names a role', () => {
  it('begins with a capital letter', { timeout: JOURNEY_TIMEOUT }, async () => {
    const page = await t.signIn('admin')
    await menu(page, 'Users', 'Users', 'users')
    await follow(page, 'Add a user', 'Add a user', 'user-new')
    await page.getByLabel('Email address').fill('nadia.osei@example.gov.uk')
    await page.getByLabel('Full name').fill('Nadia Osei')
    await pickOrganisation(page, 'Camden, Islington PDU')
    await page.getByLabel('Role').selectOption('admin')
    await press(page, 'Add user', 'Add a user', 'user-new-errors')
    const errors = await page.locator('.govuk-error-summary__list').innerText()
    expect(errors).toMatch(/^An Administrator must belong to a national organisation/)
  })
})

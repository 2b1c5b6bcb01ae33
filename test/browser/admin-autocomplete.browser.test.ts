import { describe, expect, it } from 'vitest'
import { browserApp, checkPage, navigation } from '../support/browser.ts'
import { buildUser, LONDON, organisationFor } from '../support/builders/common.ts'
import { signedIn } from './pages/sign-in.ts'
import { AdminPage } from './pages/admin.ts'

// Issue 12, defect 10: choosing one of hundreds of organisations needs type-ahead. The select is
// enhanced with the accessible autocomplete, served from the app, and still carries the value.
const t = await browserApp()

describe('choosing a user’s organisation by typing', () => {
  it('types a few letters, picks the organisation from the suggestions and saves the user with it', async () => {
    const admin = await buildUser(t.db, 'admin')
    const prison = await organisationFor(t.db, 'prison', LONDON.prison)
    const home = await signedIn(t.newPage, admin.email)
    const users = await AdminPage.fromMenu(home, 'Users', 'Users')
    const form = await users.follow('Add a user', 'Add a user')
    const page = form.page

    // The label now names the text input; the select it replaced is hidden but still in the form.
    const input = page.getByRole('combobox', { name: 'Organisation' })
    await input.fill('Pentonv')
    const suggestion = page.getByRole('option', { name: prison.name })
    await suggestion.waitFor()
    expect(await page.locator('#organisationId__listbox').getByRole('option').count()).toBe(1)
    await checkPage(page, 'organisation-suggestions')
    await suggestion.click()
    expect(await page.locator('select[name="organisationId"]').inputValue()).toBe(prison.id)

    await page.getByLabel('Email address').fill('typed.ahead@example.gov.uk')
    await page.getByLabel('Full name').fill('Typed Ahead')
    await page.getByLabel('Role', { exact: true }).selectOption('pom')
    await navigation(page, () => page.getByRole('button', { name: 'Add user' }).click())
    await AdminPage.on(page, 'Typed Ahead')
    expect(await form.flash()).toBe('User added')
    const saved = await t.db
      .selectFrom('app_user')
      .where('email', '=', 'typed.ahead@example.gov.uk')
      .select('organisation_id')
      .executeTakeFirstOrThrow()
    expect(saved.organisation_id).toBe(prison.id)
  }, 240_000)

  it('sends no stale choice when the typed text is cleared, so the form asks for an organisation', async () => {
    const admin = await buildUser(t.db, 'admin')
    const home = await signedIn(t.newPage, admin.email)
    const form = await (await AdminPage.fromMenu(home, 'Users', 'Users')).follow('Add a user', 'Add a user')
    const page = form.page
    const input = page.getByRole('combobox', { name: 'Organisation' })
    await input.fill('Pentonv')
    await page.locator('#organisationId__listbox').getByRole('option').first().click()
    await input.fill('')
    await navigation(page, () => page.getByRole('button', { name: 'Add user' }).click())
    await AdminPage.on(page, 'Add a user')
    expect(await form.errorSummary()).toContainEqual({
      text: 'Select an organisation',
      href: '#organisationId',
    })
    expect(await form.errorLinksWithoutTarget()).toEqual([])
  }, 240_000)
})

import { describe, expect, it } from 'vitest'
import { browserApp } from '../support/browser.ts'
import { buildUser } from '../support/builders/common.ts'
import { signedIn } from './pages/sign-in.ts'
import { AdminPage } from './pages/admin.ts'

const t = await browserApp()

describe('an administrator’s pages', () => {
  it('opens users, organisations, API tokens and the audit log from the menu, with their forms', async () => {
    const admin = await buildUser(t.db, 'admin')
    const com = await buildUser(t.db, 'com')
    const home = await signedIn(t.newPage, admin.email)

    const users = await AdminPage.fromMenu(home, 'Users', 'Users')
    expect((await users.rows()).flat()).toEqual(expect.arrayContaining([admin.email, com.email]))
    await users.follow('Add a user', 'Add a user')

    const organisations = await AdminPage.fromMenu(home, 'Organisations', 'Organisations')
    expect((await organisations.rows()).length).toBeGreaterThan(0)
    await organisations.follow('Add a provider or health organisation', 'Add an organisation')

    const tokens = await AdminPage.fromMenu(home, 'API tokens', 'API tokens')
    expect(await tokens.mainText()).toContain('No tokens have been issued.')
    await tokens.follow('Issue a token', 'Issue an API token')

    const audit = await AdminPage.fromMenu(home, 'Audit', 'Audit log')
    const events = (await audit.rows()).map(([, who, , , action, , , route]) => ({ who, action, route }))
    expect(events).toContainEqual({
      who: `${admin.name} (${admin.email})`,
      action: 'Sign in',
      route: 'POST /sign-in',
    })
  }, 240_000)
})

import { describe, expect, it } from 'vitest'
import { browserApp } from '../support/browser.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import { SignInPage, signedIn } from './pages/sign-in.ts'

const t = await browserApp()

describe('an administrator checks who has viewed a record', () => {
  it('lists earlier views of the record, and signs out with the header link', async () => {
    await buildPerson(t.db, { givenName: 'Grace', familyName: 'Adeyemi' })
    const com = await buildUser(t.db, 'com')
    const admin = await buildUser(t.db, 'admin')

    const comSearch = await (await signedIn(t.newPage, com.email)).findAPerson()
    const comView = await (await comSearch.search('Adeyemi')).openPerson('Adeyemi, Grace')
    expect(await comView.page.getByRole('link', { name: 'Who has viewed this record' }).count()).toBe(0)

    const adminSearch = await (await signedIn(t.newPage, admin.email)).findAPerson()
    const adminView = await (await adminSearch.search('Grace Adeyemi')).openPerson('Adeyemi, Grace')
    const log = await adminView.whoHasViewed()
    expect(await log.heading()).toBe('Access log')
    const entries = await log.entries()
    expect(
      entries
        .filter((e) => e.action === 'read person')
        .map((e) => ({ who: e.who, organisation: e.organisation, through: e.through, outcome: e.outcome })),
    ).toEqual([
      {
        who: admin.name,
        organisation: admin.organisationName,
        through: 'GET /people/:id',
        outcome: 'allowed',
      },
      { who: com.name, organisation: com.organisationName, through: 'GET /people/:id', outcome: 'allowed' },
    ])

    const { method } = await log.signOut()
    expect(method).toBe('POST')
    await SignInPage.on(log.page)
    await log.page.goto('/')
    expect(new URL(log.page.url()).pathname).toBe('/sign-in')
    await SignInPage.on(log.page)
  })
})

import { describe, expect, it } from 'vitest'
import { browserApp } from '../support/browser.ts'
import { buildUser } from '../support/builders/common.ts'
import { SignInPage } from './pages/sign-in.ts'

const t = await browserApp()

describe('signing in', () => {
  it('shows a wrong password in the error summary, linked to the field, and keeps the email', async () => {
    const com = await buildUser(t.db, 'com')
    const signIn = await SignInPage.open(await t.newPage())

    const failed = await signIn.signInFailing(com.email, 'not the password')

    expect(await failed.errorSummary()).toEqual([
      { text: 'Enter a correct email address and password', href: '#email' },
    ])
    expect(await failed.fieldErrors()).toEqual({ email: 'Enter a correct email address and password' })
    expect(await failed.email()).toBe(com.email)
    expect(await failed.followErrorLink('Enter a correct email address and password')).toBe('email')
  })

  it('signs a community offender manager in to their home page', async () => {
    const com = await buildUser(t.db, 'com')
    const signIn = await SignInPage.open(await t.newPage())

    const home = await signIn.signIn(com.email)

    expect(await home.heading()).toBe(`Welcome, ${com.name}`)
    expect(await home.serviceName()).toBe('Resettle')
    // The COM's own work is on the home page; administration is not.
    const links = await home.links()
    expect(links).toEqual(expect.arrayContaining(['Find a person', 'Upcoming releases', 'Release readiness']))
    expect(links).not.toEqual(expect.arrayContaining(['Users']))
    expect(links).not.toContain('Audit')
  })
})

import { describe, expect, it } from 'vitest'
import { browserApp, checkPage, navigation } from '../support/browser.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import { signedIn } from './pages/sign-in.ts'
import { PersonPage } from './pages/person.ts'

const t = await browserApp()
// SCREENSHOTS=dir keeps a picture of each page walked, to look at (not part of the assertion).
const shot = async (page: import('playwright-core').Page, name: string) => {
  if (process.env.SCREENSHOTS)
    await page.screenshot({ path: `${process.env.SCREENSHOTS}/${name}.png`, fullPage: true })
}

describe('a COM with a caseload starts from the work queue and sees each person at a glance', () => {
  it('goes from the queue to the readiness list filtered on it, then to a person', async () => {
    const com = await buildUser(t.db, 'com')
    for (let i = 0; i < 12; i++) await buildPerson(t.db, { releaseInDays: 10 + i * 6 })
    const ayo = await buildPerson(t.db, { givenName: 'Ayo', familyName: 'Adeyemi', releaseInDays: 30 })
    const home = await signedIn(t.newPage, com.email)
    const page = home.page
    await checkPage(page, 'COM home')
    await shot(page, 'com-home')
    await navigation(page, () => page.getByRole('link', { name: /Handovers due/ }).click())
    expect(page.url()).toContain('/release-planning/worklist?weeks=12&flag=meeting_not_held')
    await checkPage(page, 'worklist filtered')
    await shot(page, 'com-worklist-handovers-due')
    // The worklist opens the person's release plan; the person's own page is one step on.
    await navigation(page, () => page.getByRole('link', { name: 'Adeyemi, Ayo' }).click())
    await checkPage(page, 'release plan')
    await navigation(page, () => page.goto(`/people/${ayo.id}`))
    const person = await PersonPage.on(page, 'Ayo Adeyemi')
    await checkPage(page, 'person')
    await shot(page, 'com-person')
    const glance = await person.glance()
    expect(glance.Release).toBe('Tuesday 22 December 2026, 30 days to go')
    expect(glance['Community offender manager']).toMatch(/^Not allocated; due by/)
    expect(glance['Next dated event']).toMatch(/\d{4}$/)
  })
})

describe('prison staff see the readiness gaps of their releases and the pre-release measures', () => {
  it('opens the queue and the measures with their intervals', async () => {
    const worker = await buildUser(t.db, 'prison_resettlement_worker')
    for (let i = 0; i < 8; i++) await buildPerson(t.db, { releaseInDays: -20, released: true })
    const home = await signedIn(t.newPage, worker.email)
    const page = home.page
    await checkPage(page, 'prison home')
    await shot(page, 'prison-home')
    await navigation(page, () => page.getByRole('link', { name: /No first-night accommodation/ }).click())
    await checkPage(page, 'worklist no accommodation')
    await navigation(page, () => page.goto('/release-planning/measures?by=prison'))
    await checkPage(page, 'measures')
    await shot(page, 'prison-measures')
    expect(await page.locator('[data-measures]').innerText()).toMatch(/0\.0% to \d+\.\d%/)
  })
})

import { describe, expect, it } from 'vitest'
import { browserApp } from '../support/browser.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import { signedIn } from './pages/sign-in.ts'
import { EditPersonPage } from './pages/edit-person.ts'

const t = await browserApp()

describe('two people change the same record at once', () => {
  it('saves the first, shows the second the conflict with their typing intact, and saves it when they choose', async () => {
    const person = await buildPerson(t.db, { givenName: 'Marta', familyName: 'Kowalska' })
    const first = await buildUser(t.db, 'prison_resettlement_worker')
    const second = await buildUser(t.db, 'com')

    // Two browsers: each user has their own cookies and session.
    const firstHome = await signedIn(async () => t.newPage(await t.newContext()), first.email)
    const secondHome = await signedIn(async () => t.newPage(await t.newContext()), second.email)
    const firstEdit = await EditPersonPage.open(firstHome.page, person.id)
    const secondEdit = await EditPersonPage.open(secondHome.page, person.id)

    await firstEdit.fill({ preferredLanguage: 'Polish' })
    const saved = await firstEdit.save('Marta Kowalska')
    expect(await saved.flash()).toBe('Changes saved')

    await secondEdit.fill({ familyName: 'Kowalska-Nowak', communicationNeeds: 'Needs large print' })
    const conflict = await secondEdit.saveExpectingConflict()
    expect((await conflict.errorSummary()).map((e) => e.text)).toEqual([
      'Someone else changed this person’s details while you were editing. Your changes have not been saved yet: check the current details below and save again.',
    ])
    expect(await conflict.savedDetails()).toContain('language Polish')
    expect(await conflict.values()).toMatchObject({
      givenName: 'Marta',
      familyName: 'Kowalska-Nowak',
      communicationNeeds: 'Needs large print',
      preferredLanguage: '',
    })

    // Saving again is a deliberate choice: the second user's form replaces the saved details.
    const replaced = await conflict.save('Marta Kowalska-Nowak')
    expect(await replaced.flash()).toBe('Changes saved')
    expect(await replaced.details()).toMatchObject({
      'Communication needs': 'Needs large print',
      'Preferred language': 'Not recorded',
    })
  })
})

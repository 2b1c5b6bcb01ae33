import { describe, expect, it } from 'vitest'
import { browserApp } from '../support/browser.ts'
import { buildUser } from '../support/builders/common.ts'
import { signedIn } from './pages/sign-in.ts'

const t = await browserApp()

const AMIRA = {
  givenName: 'Amira',
  familyName: 'Haddad',
  dateOfBirth: ['4', '7', '1988'],
  sex: 'female',
  prisonNumber: 'A7301KD',
  crn: 'X731022',
  sentenceType: 'determinate',
  sentenceLengthBand: '12_months_to_under_4_years',
  sentenceDate: ['14', '2', '2025'],
  expectedReleaseDate: ['3', '6', '2027'],
  pduCode: 'LDNNCAI',
  localAuthorityCode: 'E09000019',
} as const

describe('a prison resettlement worker adds a person and changes their details', () => {
  it('explains every missing answer, keeps what was typed, then adds the person and saves a change', async () => {
    const worker = await buildUser(t.db, 'prison_resettlement_worker')
    const home = await signedIn(t.newPage, worker.email)
    const search = await home.findAPerson()
    const form = await search.addPerson()

    const empty = await form.submitWithErrors()
    expect(await empty.errorSummary()).toEqual([
      { text: 'Enter a first name', href: '#givenName' },
      { text: 'Enter a last name', href: '#familyName' },
      { text: 'Enter date of birth', href: '#dateOfBirth-day' },
      { text: 'Select sex', href: '#sex' },
      { text: 'Select a prison', href: '#prisonCode' },
      { text: 'Select a sentence type', href: '#sentenceType' },
      { text: 'Select a sentence length', href: '#sentenceLengthBand' },
      { text: 'Enter the sentence date', href: '#sentenceDate-day' },
      { text: 'Enter the expected release date', href: '#expectedReleaseDate-day' },
      { text: 'Select the PDU the person will be supervised by', href: '#pduCode' },
    ])
    expect(await empty.errorLinksWithoutTarget()).toEqual([])
    expect(await empty.fieldErrors()).toMatchObject({
      givenName: 'Enter a first name',
      sex: 'Select sex',
      pduCode: 'Select the PDU the person will be supervised by',
    })

    // Another prison is refused: staff add only people they will be able to see.
    await empty.fill({
      ...AMIRA,
      dateOfBirth: [...AMIRA.dateOfBirth],
      sentenceDate: [...AMIRA.sentenceDate],
      expectedReleaseDate: [...AMIRA.expectedReleaseDate],
      prisonCode: 'MRI',
    })
    const wrongPrison = await empty.submitWithErrors()
    expect(await wrongPrison.errorSummary()).toEqual([
      { text: 'You can only add people held in your prison', href: '#prisonCode' },
    ])
    expect(await wrongPrison.values()).toMatchObject({
      givenName: 'Amira',
      familyName: 'Haddad',
      dateOfBirth: ['4', '7', '1988'],
      sex: 'female',
      prisonNumber: 'A7301KD',
    })

    await wrongPrison.fill({ prisonCode: 'PVI' })
    const person = await wrongPrison.submitAndOpen('Amira Haddad')
    expect(await person.flash()).toBe('Person added')
    expect(await person.details()).toMatchObject({
      'Date of birth': '4 July 1988',
      Sex: 'Female',
      'Prison number': 'A7301KD',
      CRN: 'X731022',
      'Preferred language': 'Not recorded',
    })
    expect((await person.episodes()).map((e) => e.heading)).toEqual([
      'Pentonville (HMP & YOI), sentenced 14 February 2025',
    ])

    const edit = await person.changeDetails()
    expect(await edit.values()).toMatchObject({
      givenName: 'Amira',
      familyName: 'Haddad',
      dateOfBirth: ['4', '7', '1988'],
      sex: 'female',
    })
    await edit.fill({ preferredLanguage: 'Arabic', communicationNeeds: 'Needs an interpreter' })
    const saved = await edit.save('Amira Haddad')
    expect(await saved.flash()).toBe('Changes saved')
    expect(await saved.details()).toMatchObject({
      'Preferred language': 'Arabic',
      'Communication needs': 'Needs an interpreter',
    })
  })
})

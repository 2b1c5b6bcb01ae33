import { describe, expect, it } from 'vitest'
import { browserApp } from '../support/browser.ts'
import { buildPerson, buildUser, MANCHESTER } from '../support/builders/common.ts'
import { signedIn } from './pages/sign-in.ts'

const t = await browserApp()

describe('a community offender manager finds the people due out to their PDU', () => {
  it('lists releases in the next 12 and 24 weeks, opens a person and finds people by name and prison number', async () => {
    const com = await buildUser(t.db, 'com')
    const due = await buildPerson(t.db, { givenName: 'Daniel', familyName: 'Okafor', releaseInDays: 30 })
    const later = await buildPerson(t.db, { givenName: 'Liam', familyName: 'Brennan', releaseInDays: 120 })
    const elsewhere = await buildPerson(t.db, {
      givenName: 'Peter',
      familyName: 'Hughes',
      releaseInDays: 30,
      place: MANCHESTER,
    })

    const home = await signedIn(t.newPage, com.email)
    const twelve = await home.upcomingReleases()
    expect(await twelve.currentTab()).toBe('Next 12 weeks')
    expect(await twelve.rows()).toEqual([
      {
        releaseDate: 'Tuesday 22 December 2026',
        name: 'Okafor, Daniel',
        prisonNumber: due.prison_number,
        prison: 'Pentonville (HMP & YOI)',
        pdu: 'Camden, Islington',
        area: 'Islington',
      },
    ])

    const twentyFour = await twelve.showWeeks(24)
    expect(await twentyFour.currentTab()).toBe('Next 24 weeks')
    expect(await twentyFour.names()).toEqual(['Okafor, Daniel', 'Brennan, Liam'])
    expect(await twentyFour.names()).not.toContain('Hughes, Peter')

    const person = await twentyFour.openPerson('Okafor, Daniel')
    expect(await person.heading()).toBe('Daniel Okafor')
    expect(await person.details()).toMatchObject({
      'Date of birth': '21 March 1990',
      Sex: 'Male',
      'Prison number': due.prison_number,
      CRN: due.crn,
    })
    expect(await person.episodes()).toEqual([
      {
        heading: 'Pentonville (HMP & YOI), sentenced 10 January 2025',
        rows: expect.objectContaining({
          'Expected release': 'Tuesday 22 December 2026',
          Released: 'Not yet released',
          'Supervised by': expect.stringContaining('Camden, Islington'),
          'Release area': 'Islington',
        }) as unknown,
      },
    ])
    expect(await person.timeline()).toEqual([
      expect.stringMatching(
        /^Expected release from Pentonville \(HMP & YOI\) Planned \| 22 December 2026 · Custody/,
      ),
      expect.stringMatching(/^Sentenced \(determinate\) \| 10 January 2025 · Custody/),
    ])

    const search = await person.findAPerson()
    const byName = await search.search('Okafor Daniel')
    expect(await byName.outcome()).toBe('1 person found')
    expect((await byName.results()).map((r) => r.name)).toEqual(['Okafor, Daniel'])

    const byPrisonNumber = await byName.search(later.prison_number ?? '')
    expect(await byPrisonNumber.results()).toEqual([
      {
        name: 'Brennan, Liam',
        dateOfBirth: '21 March 1990',
        prisonNumber: later.prison_number,
        crn: later.crn,
        expectedRelease: '22 March 2027',
      },
    ])

    const outOfScope = await byPrisonNumber.search(elsewhere.prison_number ?? '')
    expect(await outOfScope.outcome()).toBe('No people found')
    expect(await outOfScope.results()).toEqual([])
  })
})

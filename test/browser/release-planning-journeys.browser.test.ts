import { describe, expect, it } from 'vitest'
import { browserApp } from '../support/browser.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import { signedIn } from './pages/sign-in.ts'
import { ReadinessWorklistPage, ReleasePlanningPage } from './pages/release-planning.ts'

const t = await browserApp()

describe('release planning journeys', () => {
  it('a prison worker assesses needs, screens, builds a plan and prepares the handover', async () => {
    const worker = await buildUser(t.db, 'prison_resettlement_worker')
    const person = await buildPerson(t.db, { givenName: 'Marcus', familyName: 'Webb', releaseInDays: 84 })
    const home = await signedIn(t.newPage, worker.email)
    const worklist = await ReadinessWorklistPage.open(home.page)
    const rows = await worklist.rows()
    expect(rows.map((r) => r.Name)).toContain('Webb, Marcus')
    expect(rows.find((r) => r.Name === 'Webb, Marcus')?.Flags).toContain('Plan quality failing')
    await worklist.openPerson('Webb, Marcus')

    const planning = new ReleasePlanningPage(home.page, person.id)
    await planning.section('Needs', 'Needs assessment')
    await planning.assessPathway('Finance and ID', 'Support required', [
      'Open a bank account',
      'Apply for ID documents',
    ])
    expect(await planning.needs()).toEqual(['Open a bank account', 'Apply for ID documents'])

    await planning.section('Screenings', 'Screenings')
    await planning.screenAlcohol('2026-11-20', [
      '2 to 3 times a week (3)',
      '3 to 4 (1)',
      'Less than monthly (1)',
    ])
    expect(await planning.flash()).toContain('Alcohol (AUDIT-C): positive (AUDIT-C score 5)')
    await planning.screenWithResult('Veteran status', '2026-11-20', 'Negative')

    await planning.section('Plan', 'Resettlement plan')
    expect(await planning.planQuality()).toBe('fail')
    await planning.proposeStandardActions()
    expect(await planning.actionDescriptions()).toContain(
      'Book a treatment appointment within three weeks of release',
    )
    await planning.addActionFailing('Help with direct debits', '2027-03-01')
    expect(await planning.errorSummary()).toEqual([
      {
        text: 'The due date must be on or before the release date, Sunday 14 February 2027',
        href: '#dueDate-day',
      },
    ])
    expect(await planning.errorLinksWithoutTarget()).toEqual([])
    // The screen's community alcohol need has no action yet, so the plan still fails.
    expect(await planning.planQuality()).toBe('fail')
    await planning.addAction(
      'Refer to community alcohol service',
      'Drugs and alcohol: Support for alcohol issues in the community',
      '2027-02-01',
    )
    expect(await planning.planQuality()).toBe('pass')

    await planning.section('Handover', 'Handover to probation')
    await planning.recordHandover({
      meeting: { status: 'Scheduled', date: '2026-12-10' },
      risks: true,
      address: '4 Caledonian Road, London N1',
    })
    expect(await planning.flash()).toBe('Handover saved')
    expect(await planning.packStatus()).toBe('complete')
  })

  it('a COM records the handover meeting and pre-release contact', async () => {
    const com = await buildUser(t.db, 'com')
    const person = await buildPerson(t.db, { givenName: 'Aisha', familyName: 'Khan', releaseInDays: 40 })
    const home = await signedIn(t.newPage, com.email)
    const planning = await ReleasePlanningPage.open(
      home.page,
      person.id,
      '/handover',
      'Handover to probation',
    )
    await planning.recordHandover({ meeting: { status: 'Not held', date: '2026-11-19' } })
    expect(await planning.fieldErrors()).toMatchObject({
      notHeldReason: 'Enter why the meeting was not held',
    })
    expect(await planning.errorLinksWithoutTarget()).toEqual([])
    await planning.recordHandover({
      com: [com.name, '2026-10-15'],
      meeting: { status: 'Held', date: '2026-11-19', attendees: `POM, ${com.name}, Aisha Khan` },
      contact: ['2026-11-19', 'Video call'],
    })
    expect(await planning.flash()).toBe('Handover saved')
    const worklist = await ReadinessWorklistPage.open(home.page, '?weeks=12')
    const row = (await worklist.rows()).find((r) => r.Name === 'Khan, Aisha')
    expect(row?.Flags).not.toContain('No COM allocated')
    expect(row?.Flags).not.toContain('Handover meeting not held')
    expect(row?.Flags).not.toContain('No pre-release COM contact')
  })

  it('a council officer sees the release and records the Duty to Refer', async () => {
    const officer = await buildUser(t.db, 'council_officer')
    const person = await buildPerson(t.db, { givenName: 'Tom', familyName: 'Price', releaseInDays: 30 })
    const home = await signedIn(t.newPage, officer.email)
    const worklist = await ReadinessWorklistPage.open(home.page)
    const row = (await worklist.rows()).find((r) => r.Name === 'Price, Tom')
    expect(row).toMatchObject({ Accommodation: 'No action', 'Duty to Refer': 'Not received' })
    const planning = await ReleasePlanningPage.open(home.page, person.id, '/duty-to-refer', 'Duty to Refer')
    await planning.recordDutyToRefer('2026-11-20', 'Prevention duty accepted', '2026-11-21')
    expect(await planning.dutyToRefer()).toBe(
      'Received 20 November 2026. Outcome: Prevention duty accepted on 21 November 2026.',
    )
    const after = await ReadinessWorklistPage.open(home.page)
    expect((await after.rows()).find((r) => r.Name === 'Price, Tom')?.['Duty to Refer']).toBe(
      'Prevention duty accepted',
    )
  })
})

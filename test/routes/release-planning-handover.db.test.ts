import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'

const t = await testApp()

async function signedIn(role: Parameters<typeof buildUser>[1], place?: Parameters<typeof buildUser>[2]) {
  const user = await buildUser(t.db, role, place)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return { user, agent }
}

const base = (id: string) => `/people/${id}/release-planning`
const date = (name: string, iso: string) => {
  const [y = '', m = '', d = ''] = iso.split('-')
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y }
}
const blank = (name: string) => ({ [`${name}-day`]: '', [`${name}-month`]: '', [`${name}-year`]: '' })
const handoverForm = (extra: Record<string, string>) => ({
  version: '0',
  comName: '',
  ...blank('comAllocatedOn'),
  meetingStatus: 'not_scheduled',
  ...blank('meetingDate'),
  notHeldReason: '',
  attendees: '',
  ...blank('comContactOn'),
  comContactMethod: '',
  releaseAddress: '',
  ...extra,
})

describe('handover from prison to probation', () => {
  it('needs a reason when the meeting was not held, and records who attended when it was', async () => {
    const person = await buildPerson(t.db, { releaseInDays: 60 })
    const { agent } = await signedIn('com')
    await agent.get(`${base(person.id)}/handover`)
    const noReason = await agent.post(
      `${base(person.id)}/handover`,
      handoverForm({ meetingStatus: 'not_held', ...date('meetingDate', '2026-11-20') }),
    )
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('Enter why the meeting was not held')
    const futureHeld = await agent.post(
      `${base(person.id)}/handover`,
      handoverForm({ meetingStatus: 'held', ...date('meetingDate', '2026-12-01'), attendees: 'POM, COM' }),
    )
    expect(futureHeld.body).toContain('A meeting that was held or missed cannot be in the future')
    const afterRelease = await agent.post(
      `${base(person.id)}/handover`,
      handoverForm({ ...date('comContactOn', '2027-02-01'), comContactMethod: 'phone' }),
    )
    expect(afterRelease.body).toContain(
      'Contact before release must be on or before the release date, Thursday 21 January 2027',
    )

    const saved = await agent.post(
      `${base(person.id)}/handover`,
      handoverForm({
        comName: 'Sam Patel',
        ...date('comAllocatedOn', '2026-10-01'),
        meetingStatus: 'held',
        ...date('meetingDate', '2026-11-18'),
        attendees: 'POM Jo Reid, COM Sam Patel, the person',
        ...date('comContactOn', '2026-11-18'),
        comContactMethod: 'video',
        packRisks: 'yes',
        releaseAddress: '12 Holloway Road, London',
      }),
    )
    expect(saved.statusCode).toBe(303)
    const page = await agent.get(`${base(person.id)}/handover`)
    expect(page.body).toContain('value="Sam Patel"')
    // Standard case, due 21 January 2027: handover 6 September 2026, COM due 4 weeks before that.
    expect(page.body).toContain('No: allocated Thursday 1 October 2026, due by Sunday 9 August 2026')
    // The plan has not been assessed, so the pack is incomplete on that part only.
    expect(page.body).toContain('data-pack="incomplete"')
    expect(page.body).toContain('Missing: Resettlement plan passing the quality check')
    expect(page.body).toContain('Done: Release address')

    const stale = await agent.post(
      `${base(person.id)}/handover`,
      handoverForm({ comName: 'Someone Else', ...date('comAllocatedOn', '2026-10-01') }),
    )
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('Someone else saved the handover')
  })
})

describe('the day of release', () => {
  it('records the presumption, the COM’s further day and the governor’s approval', async () => {
    // Due Friday 29 January 2027: presumed Thursday 28th; a further day makes it Wednesday 27th.
    const person = await buildPerson(t.db, { releaseInDays: 68 })
    const prison = await signedIn('prison_resettlement_worker')
    const com = await signedIn('com')
    await prison.agent.get(`${base(person.id)}/release-day`)
    expect((await prison.agent.post(`${base(person.id)}/release-day`, { version: '0' })).body).toContain(
      'Select how the person will be released',
    )
    expect(
      (await prison.agent.post(`${base(person.id)}/release-day`, { version: '0', releaseRoute: 'standard' }))
        .statusCode,
    ).toBe(303)
    let page = await prison.agent.get(`${base(person.id)}/release-day`)
    expect(page.body).toContain('Thursday 28 January 2027')

    await com.agent.get(`${base(person.id)}/release-day`)
    expect(
      (await prison.agent.post(`${base(person.id)}/release-day/further-day`, { version: '1' })).statusCode,
    ).toBe(403)
    expect(
      (await com.agent.post(`${base(person.id)}/release-day/further-day`, { version: '1' })).statusCode,
    ).toBe(303)
    page = await prison.agent.get(`${base(person.id)}/release-day`)
    expect(page.body).toContain('awaiting the governor')
    // The governor's decision is the prison's to record, not the COM's who asked.
    expect(
      (
        await com.agent.post(`${base(person.id)}/release-day/further-day/decision`, {
          version: '2',
          decision: 'approved',
          decidedBy: 'Governor A. Khan',
        })
      ).statusCode,
    ).toBe(403)
    const noName = await prison.agent.post(`${base(person.id)}/release-day/further-day/decision`, {
      version: '2',
      decision: 'approved',
      decidedBy: '',
    })
    expect(noName.body).toContain('Enter the name of the governor who decided')
    expect(
      (
        await prison.agent.post(`${base(person.id)}/release-day/further-day/decision`, {
          version: '2',
          decision: 'approved',
          decidedBy: 'Governor A. Khan',
        })
      ).statusCode,
    ).toBe(303)
    page = await prison.agent.get(`${base(person.id)}/release-day`)
    expect(page.body).toContain('Wednesday 27 January 2027')
    expect(page.body).toContain('approved by Governor A. Khan')
  })

  it('redoes the decision when the release date changes, and asks for the further day again', async () => {
    const person = await buildPerson(t.db, { releaseInDays: 68 })
    const prison = await signedIn('prison_resettlement_worker')
    const com = await signedIn('com')
    await prison.agent.get(`${base(person.id)}/release-day`)
    await prison.agent.post(`${base(person.id)}/release-day`, { version: '0', releaseRoute: 'standard' })
    await com.agent.get(`${base(person.id)}/release-day`)
    await com.agent.post(`${base(person.id)}/release-day/further-day`, { version: '1' })
    await prison.agent.get(base(person.id))
    const moved = await prison.agent.post(`${base(person.id)}/release-date`, {
      version: '1',
      ...date('newReleaseDate', '2027-02-05'),
      reason: 'Additional days awarded',
    })
    expect(moved.statusCode).toBe(303)
    const overview = await prison.agent.get(base(person.id))
    expect(overview.body).toMatch(
      /Release day<\/td><td class="govuk-table__cell">28 January 2027<\/td><td class="govuk-table__cell">4 February 2027/,
    )
    const page = await prison.agent.get(`${base(person.id)}/release-day`)
    expect(page.body).toContain('Thursday 4 February 2027')
    expect(page.body).toContain('Not requested')
  })

  it('records an HDC release as excluded', async () => {
    const person = await buildPerson(t.db, { releaseInDays: 68 })
    const { agent } = await signedIn('pom')
    await agent.get(`${base(person.id)}/release-day`)
    await agent.post(`${base(person.id)}/release-day`, { version: '0', releaseRoute: 'hdc' })
    const page = await agent.get(`${base(person.id)}/release-day`)
    expect(page.body).toContain('Excluded: Home detention curfew')
    expect(page.body).toContain('Friday 29 January 2027')
  })

  it('records the first night as an accommodation status event with a real code', async () => {
    const person = await buildPerson(t.db, { releaseInDays: -1 })
    const { agent } = await signedIn('prison_resettlement_worker')
    await agent.get(`${base(person.id)}/release-day`)
    const bad = await agent.post(`${base(person.id)}/release-day/first-night`, {
      ...date('releasedOn', '2026-11-21'),
      accommodationTypeCode: 'XYZ',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Select where the person will sleep tonight from the list')
    const future = await agent.post(`${base(person.id)}/release-day/first-night`, {
      ...date('releasedOn', '2026-11-30'),
      accommodationTypeCode: 'A17',
    })
    expect(future.body).toContain('The release date cannot be in the future')
    expect(
      (
        await agent.post(`${base(person.id)}/release-day/first-night`, {
          ...date('releasedOn', '2026-11-21'),
          accommodationTypeCode: 'A17',
        })
      ).statusCode,
    ).toBe(303)
    const events = await t.db
      .selectFrom('status_event')
      .select(['kind', 'accommodation_type_code', 'effective_date', 'source'])
      .where('person_id', '=', person.id)
      .execute()
    expect(events).toEqual([
      {
        kind: 'accommodation',
        accommodation_type_code: 'A17',
        effective_date: '2026-11-21',
        source: 'prison',
      },
    ])
    const episode = await t.db
      .selectFrom('custody_episode')
      .select(['actual_release_date', 'release_type'])
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(episode).toEqual({ actual_release_date: '2026-11-21', release_type: 'conditional_release' })
  })

  it('saves the departure-lounge checklist, which clears the ID and bank flags', async () => {
    const person = await buildPerson(t.db, { releaseInDays: 20, familyName: 'Checklist' })
    const { agent } = await signedIn('prison_resettlement_worker')
    await agent.get(`${base(person.id)}/release-day`)
    expect(
      (
        await agent.post(`${base(person.id)}/release-day/checklist`, {
          version: '0',
          idDocument: 'yes',
          bankCard: 'yes',
          sleepingTonight: 'Approved Premises, Camden',
        })
      ).statusCode,
    ).toBe(303)
    const list = await agent.get('/release-planning/worklist?weeks=12&flag=no_id')
    expect(list.body).not.toContain('Checklist,')
    const all = await agent.get('/release-planning/worklist?weeks=12')
    expect(all.body).toContain('Checklist,')
  })

  it('puts the releases with the most flags first when asked, and the soonest first otherwise', async () => {
    const fewer = await buildPerson(t.db, { releaseInDays: 8, familyName: 'Fewerflags' })
    await buildPerson(t.db, { releaseInDays: 9, familyName: 'Moreflags' })
    const { agent } = await signedIn('prison_resettlement_worker')
    await agent.get(`${base(fewer.id)}/release-day`)
    await agent.post(`${base(fewer.id)}/release-day/checklist`, {
      version: '0',
      idDocument: 'yes',
      bankCard: 'yes',
      sleepingTonight: 'Family home, Islington',
    })
    const order = (html: string) => Math.sign(html.indexOf('Fewerflags,') - html.indexOf('Moreflags,'))
    const bySoonest = await agent.get('/release-planning/worklist?weeks=12&sort=release')
    expect(order(bySoonest.body)).toBe(-1)
    const byFlags = await agent.get('/release-planning/worklist?weeks=12&sort=flags')
    expect(byFlags.body).toContain('Fewerflags,')
    expect(order(byFlags.body)).toBe(1)
  })
})

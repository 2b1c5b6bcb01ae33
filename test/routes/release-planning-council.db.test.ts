import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser, LONDON, MANCHESTER } from '../support/builders/common.ts'

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
describe('the council and the Duty to Refer', () => {
  it('lets the council record receipt and outcome, and no one else', async () => {
    const person = await buildPerson(t.db, { releaseInDays: 40, familyName: 'Referred' })
    const prison = await signedIn('prison_resettlement_worker')
    await prison.agent.get(`${base(person.id)}/duty-to-refer`)
    expect(
      (
        await prison.agent.post(`${base(person.id)}/duty-to-refer`, {
          version: '0',
          ...date('receivedOn', '2026-11-20'),
        })
      ).statusCode,
    ).toBe(403)

    const council = await signedIn('council_officer')
    const list = await council.agent.get('/release-planning/worklist?weeks=12')
    expect(list.body).toContain('Referred,')
    expect(list.body).toContain('Not received')
    await council.agent.get(`${base(person.id)}/duty-to-refer`)
    const backwards = await council.agent.post(`${base(person.id)}/duty-to-refer`, {
      version: '0',
      ...date('receivedOn', '2026-11-20'),
      outcome: 'prevention_duty',
      ...date('outcomeOn', '2026-11-10'),
    })
    expect(backwards.statusCode).toBe(400)
    expect(backwards.body).toContain('The outcome date cannot be before the date the referral was received')
    expect(
      (
        await council.agent.post(`${base(person.id)}/duty-to-refer`, {
          version: '0',
          ...date('receivedOn', '2026-11-20'),
          outcome: 'prevention_duty',
          ...date('outcomeOn', '2026-11-21'),
        })
      ).statusCode,
    ).toBe(303)
    expect((await council.agent.get('/release-planning/worklist?weeks=12')).body).toContain(
      'Prevention duty accepted',
    )

    const other = await signedIn('council_officer', MANCHESTER)
    expect((await other.agent.get(`${base(person.id)}/duty-to-refer`)).statusCode).toBe(404)
  })
})

describe('release-readiness worklist and measures', () => {
  it('flags, filters and sorts the releases in scope', async () => {
    const friday = await buildPerson(t.db, { releaseInDays: 68, familyName: 'Aardvark' }) // Friday 29 January 2027
    await buildPerson(t.db, { releaseInDays: 67, familyName: 'Zebra' }) // Thursday
    await buildPerson(t.db, { releaseInDays: 100, familyName: 'Later' })
    await buildPerson(t.db, { releaseInDays: 68, familyName: 'Elsewhere', place: MANCHESTER })
    const { agent } = await signedIn('com')
    const twelve = await agent.get('/release-planning/worklist?weeks=12&flag=friday_release')
    expect(twelve.body).toContain('Aardvark,')
    expect(twelve.body).not.toContain('Zebra,')
    expect(twelve.body).not.toContain('Elsewhere,')
    expect(twelve.body).not.toContain('Later,')
    expect((await agent.get('/release-planning/worklist?weeks=24')).body).toContain('Later,')
    const byName = await agent.get('/release-planning/worklist?weeks=24&sort=name')
    expect(byName.body.indexOf('Aardvark,')).toBeLessThan(byName.body.indexOf('Zebra,'))
    expect(friday.id).toBeTruthy()
  })

  it('drills a measure down to the people behind it, within scope', async () => {
    const held = await buildPerson(t.db, { releaseInDays: -10, released: true, familyName: 'Heldmeeting' })
    await buildPerson(t.db, { releaseInDays: -10, released: true, familyName: 'Nomeeting' })
    await t.db
      .withTables<{
        handover: {
          custody_episode_id: string
          person_id: string
          meeting_status: string
          meeting_date: string
          attendees: string
        }
      }>()
      .insertInto('handover')
      .values({
        custody_episode_id: held.episode.id,
        person_id: held.id,
        meeting_status: 'held',
        meeting_date: '2026-10-01',
        attendees: 'POM, COM',
      })
      .execute()
    const { agent } = await signedIn('regional_lead')
    const measures = await agent.get('/release-planning/measures?by=prison')
    expect(measures.statusCode).toBe(200)
    expect(measures.body).toContain('Pentonville')
    const yes = await agent.get(
      `/release-planning/measures/people?by=prison&code=${LONDON.prison}&measure=handover_held&met=yes`,
    )
    expect(yes.body).toContain('Heldmeeting')
    expect(yes.body).not.toContain('Nomeeting')
    const no = await agent.get(
      `/release-planning/measures/people?by=prison&code=${LONDON.prison}&measure=handover_held&met=no`,
    )
    expect(no.body).toContain('Nomeeting')
    const manchester = await signedIn('regional_lead', MANCHESTER)
    expect(
      (
        await manchester.agent.get(
          `/release-planning/measures/people?by=prison&code=${LONDON.prison}&measure=handover_held&met=no`,
        )
      ).body,
    ).not.toContain('Nomeeting')
    // A figure that is not one (no such measure, no area) names nothing: 404.
    for (const q of [`by=prison&code=${LONDON.prison}&measure=nope`, 'by=prison&measure=handover_held'])
      expect((await agent.get(`/release-planning/measures/people?${q}`)).statusCode, q).toBe(404)
  })
})

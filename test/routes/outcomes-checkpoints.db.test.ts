import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, LONDON, MANCHESTER } from '../support/builders/common.ts'
import { releasedPerson } from '../support/builders/outcomes.ts'

const t = await testApp()
// Released 10 November 2026: the first-night checkpoint is due, nothing is recorded yet.
const who = await releasedPerson(t.db, LONDON, '2026-11-10', { given: 'Jo', family: 'Checkpoint' })
const elsewhere = await releasedPerson(t.db, MANCHESTER, '2026-11-10', { given: 'Kit', family: 'Elsewhere' })

async function signedIn(role: Parameters<typeof buildUser>[1], place = LONDON) {
  const user = await buildUser(t.db, role, place)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return agent
}

const recordUrl = (p: { id: string; episodeId: string }) =>
  `/outcomes/checkpoints/record?${new URLSearchParams({ person: p.id, episode: p.episodeId, checkpoint: 'accommodation_first_night', date: '2026-11-10' }).toString()}`

describe('the COM’s checkpoint worklist', () => {
  it('sends a visitor who is not signed in to sign in', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/outcomes/checkpoints' })).statusCode).toBe(302)
  })

  it('lists the due checkpoint in the COM’s PDU only', async () => {
    const agent = await signedIn('com')
    const res = await agent.get('/outcomes/checkpoints')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Checkpoint, Jo')
    expect(res.body).not.toContain('Elsewhere, Kit')
  })

  it('refuses a future date or one before the release, keeping the choice', async () => {
    const agent = await signedIn('com')
    await agent.get(recordUrl(who))
    const future = await agent.post(recordUrl(who), {
      accommodationTypeCode: 'A01C',
      'effectiveDate-day': '23',
      'effectiveDate-month': '11',
      'effectiveDate-year': '2026',
      source: 'com',
    })
    expect(future.statusCode).toBe(400)
    expect(future.body).toContain('The date cannot be in the future')
    expect(future.body.match(/There is a problem/g)).toHaveLength(1)
    const before = await agent.post(recordUrl(who), {
      accommodationTypeCode: 'A01C',
      'effectiveDate-day': '9',
      'effectiveDate-month': '11',
      'effectiveDate-year': '2026',
      source: 'com',
    })
    expect(before.body).toContain('The date must be on or after the release date')
    expect(before.body).toMatch(/<option value="A01C" selected/)
  })

  it('treats a person outside the COM’s scope as not found', async () => {
    const agent = await signedIn('com')
    await agent.get(recordUrl(who))
    const res = await agent.post(recordUrl(elsewhere), {
      accommodationTypeCode: 'A01C',
      'effectiveDate-day': '10',
      'effectiveDate-month': '11',
      'effectiveDate-year': '2026',
      source: 'com',
    })
    expect(res.statusCode).toBe(404)
  })

  it('records the status, which leaves the worklist and enters the measure', async () => {
    const agent = await signedIn('com')
    await agent.get(recordUrl(who))
    const res = await agent.post(recordUrl(who), {
      accommodationTypeCode: 'A01C',
      'effectiveDate-day': '10',
      'effectiveDate-month': '11',
      'effectiveDate-year': '2026',
      source: 'com',
    })
    expect(res.statusCode).toBe(303)
    expect((await agent.get('/outcomes/checkpoints')).body).not.toContain('Checkpoint, Jo')
    const fact = await t.db
      .selectFrom('status_event')
      .where('person_id', '=', who.id)
      .select(['source', 'accommodation_type_code'])
      .executeTakeFirstOrThrow()
    expect(fact).toEqual({ source: 'com', accommodation_type_code: 'A01C' })
  })
})

import { describe, expect, it } from 'vitest'
import type { Role } from '../../src/platform/db/schema.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser, LONDON, MANCHESTER } from '../support/builders/common.ts'

const t = await testApp()

// Three people: one due out of Pentonville to Camden and Islington PDU and Islington council;
// one from Pentonville to Greenwich and Bexley PDU; one in Greater Manchester.
const camden = await buildPerson(t.db, { familyName: 'Camden' })
const greenwich = await buildPerson(t.db, {
  familyName: 'Greenwich',
  place: { ...LONDON, pdu: 'LDNBBG', la: 'E09000011' },
})
const manchester = await buildPerson(t.db, { familyName: 'Manchester', place: MANCHESTER })

/** Who sees whom: domain.md section 2, as a table of roles against records. */
const MATRIX: [Role, camden: boolean, greenwich: boolean, manchester: boolean][] = [
  ['prison_resettlement_worker', true, true, false],
  ['pom', true, true, false],
  ['com', true, false, false],
  ['provider_caseworker', false, false, false],
  ['cas3_officer', true, true, false],
  ['council_officer', true, false, false],
  ['health_coordinator', false, false, false],
  ['regional_lead', true, true, false],
  ['national_analyst', true, true, true],
  ['admin', true, true, true],
]

describe('each role sees exactly its scope', () => {
  it.each(MATRIX)('%s: Camden %s, Greenwich %s, Manchester %s', async (role, ...expected) => {
    const user = await buildUser(t.db, role)
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    const people = [camden, greenwich, manchester]
    const statuses = await Promise.all(
      people.map((p) => agent.get(`/people/${p.id}`).then((r) => r.statusCode)),
    )
    expect(statuses).toEqual(expected.map((seen) => (seen ? 200 : 404)))

    // Search and the API give the same answer as the page.
    for (const [i, p] of people.entries()) {
      const found = await agent.get(`/people?q=${p.prison_number}`)
      expect(found.body.includes(`/people/${p.id}`)).toBe(expected[i])
    }

    // Every attempt is audited with its outcome; out of scope is 'denied', never revealed.
    const audit = await t.db
      .selectFrom('audit_event')
      .where('user_id', '=', user.id)
      .where('action', '=', 'read')
      .select(['record_id', 'outcome'])
      .execute()
    expect(audit.map((a) => [a.record_id, a.outcome]).sort()).toEqual(
      people.map((p, i) => [p.id, expected[i] ? 'allowed' : 'denied']).sort(),
    )
  })
})

describe('records out of scope look exactly like missing ones', () => {
  it('answers a foreign record and a non-existent one with the same page', async () => {
    const user = await buildUser(t.db, 'com')
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    const foreign = await agent.get(`/people/${manchester.id}`)
    const missing = await agent.get('/people/00000000-0000-4000-8000-000000000000')
    const garbage = await agent.get('/people/not-a-uuid')
    expect([foreign.statusCode, missing.statusCode, garbage.statusCode]).toEqual([404, 404, 404])
    const strip = (html: string) => html.replace(/value="[^"]*"|nonce="[^"]*"/g, '')
    expect(strip(foreign.body)).toBe(strip(missing.body))
    const outcomes = await t.db
      .selectFrom('audit_event')
      .where('user_id', '=', user.id)
      .where('action', '=', 'read')
      .select('outcome')
      .execute()
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['denied', 'not_found', 'not_found'])
  })
})

describe('upcoming releases worklist', () => {
  it('lists releases due in the window for the user’s PDU only', async () => {
    const soon = await buildPerson(t.db, { familyName: 'Soonrelease', releaseInDays: 10 })
    const later = await buildPerson(t.db, { familyName: 'Laterrelease', releaseInDays: 120 })
    const gone = await buildPerson(t.db, { familyName: 'Alreadygone', releaseInDays: -5, released: true })
    const user = await buildUser(t.db, 'com')
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    const twelve = await agent.get('/releases/upcoming?weeks=12')
    expect(twelve.statusCode).toBe(200)
    expect(twelve.body).toContain('Soonrelease')
    expect(twelve.body).not.toContain('Laterrelease')
    expect(twelve.body).not.toContain('Alreadygone')
    expect(twelve.body).not.toContain('Manchester, ')
    const twentyFour = await agent.get('/releases/upcoming?weeks=24')
    expect(twentyFour.body).toContain('Laterrelease')
    expect([soon.id, later.id, gone.id]).toHaveLength(3)
    // An unknown window falls back to 12 weeks rather than failing.
    expect((await agent.get('/releases/upcoming?weeks=banana')).statusCode).toBe(200)
  })
})

import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser, LONDON, MANCHESTER } from '../support/builders/common.ts'

// Issue 17 finding 7: adding a person told a prison worker whether a prison number was held by
// anyone anywhere, and nothing recorded the question. Now the answer is the same whether the
// holder is in the worker's caseload or not, and the holder's own access log shows the probe.
const t = await testApp()
const worker = await buildUser(t.db, 'prison_resettlement_worker', LONDON)
const agent = new Agent(t.app)
await agent.signIn(worker.email)

const form = (prisonNumber: string) => ({
  givenName: 'Probe',
  familyName: 'Person',
  'dateOfBirth-day': '1',
  'dateOfBirth-month': '2',
  'dateOfBirth-year': '1990',
  sex: 'male',
  ethnicGroupCode: 'W1',
  prisonNumber,
  prisonCode: LONDON.prison,
  pduCode: LONDON.pdu,
  sentenceType: 'determinate',
  sentenceLengthBand: '12_months_to_under_4_years',
  'sentenceDate-day': '1',
  'sentenceDate-month': '1',
  'sentenceDate-year': '2025',
  'expectedReleaseDate-day': '1',
  'expectedReleaseDate-month': '3',
  'expectedReleaseDate-year': '2027',
})

const errorFor = (body: string) => /href="#prisonNumber">([^<]+)</.exec(body)?.[1]

describe('a taken prison number', () => {
  it('answers the same for a holder in and out of scope, and audits the probe on the holder', async () => {
    const inScope = await buildPerson(t.db, { place: LONDON })
    const outOfScope = await buildPerson(t.db, { place: MANCHESTER })
    await agent.get('/people/new')
    const a = await agent.post('/people', form(inScope.prison_number!))
    const b = await agent.post('/people', form(outOfScope.prison_number!))
    expect(a.statusCode).toBe(400)
    expect(b.statusCode).toBe(400)
    expect(errorFor(a.body)).toBeTruthy()
    expect(errorFor(b.body)).toBe(errorFor(a.body))
    const probes = await t.db
      .selectFrom('audit_event')
      .select(['person_id', 'outcome'])
      .where('user_id', '=', worker.id)
      .where('record_type', '=', 'person_identifier')
      .execute()
    expect(probes).toEqual(
      expect.arrayContaining([
        { person_id: inScope.id, outcome: 'allowed' },
        { person_id: outOfScope.id, outcome: 'denied' },
      ]),
    )
  })
})

import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser, LONDON } from '../support/builders/common.ts'

const t = await testApp()

const validForm = {
  givenName: 'Tomasz',
  familyName: 'Nowakowski',
  'dateOfBirth-day': '3',
  'dateOfBirth-month': '11',
  'dateOfBirth-year': '1992',
  sex: 'male',
  ethnicGroupCode: 'W3',
  prisonNumber: 'b7719qd',
  crn: '',
  prisonCode: LONDON.prison,
  sentenceType: 'determinate',
  sentenceLengthBand: '12_months_to_under_4_years',
  'sentenceDate-day': '10',
  'sentenceDate-month': '2',
  'sentenceDate-year': '2026',
  'expectedReleaseDate-day': '20',
  'expectedReleaseDate-month': '1',
  'expectedReleaseDate-year': '2027',
  pduCode: LONDON.pdu,
  localAuthorityCode: LONDON.la,
}

async function signedIn(role: Parameters<typeof buildUser>[1]) {
  const user = await buildUser(t.db, role)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return { user, agent }
}

describe('adding a person', () => {
  it('shows each problem by its field and keeps what was typed', async () => {
    const { agent } = await signedIn('prison_resettlement_worker')
    await agent.get('/people/new')
    const res = await agent.post('/people', {
      ...validForm,
      givenName: '',
      'dateOfBirth-day': '31',
      'dateOfBirth-month': '2',
      'expectedReleaseDate-year': '2025',
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('There is a problem')
    expect(res.body).toContain('<a href="#givenName">Enter a first name</a>')
    expect(res.body).toContain('<a href="#dateOfBirth-day">Date of birth must be a real date</a>')
    expect(res.body).toContain(
      '<a href="#expectedReleaseDate-day">The expected release date must be on or after the sentence date</a>',
    )
    expect(res.body).toContain('value="Nowakowski"')
    expect(res.body).toContain('value="31"')
    expect(
      await t.db.selectFrom('person').where('family_name', '=', 'Nowakowski').select('id').execute(),
    ).toHaveLength(0)
  })

  it('adds the person and shows their page', async () => {
    const { agent } = await signedIn('prison_resettlement_worker')
    await agent.get('/people/new')
    const res = await agent.post('/people', validForm)
    expect(res.statusCode).toBe(303)
    const page = await agent.get(res.headers.location as string)
    expect(page.body).toContain('Person added')
    expect(page.body).toContain('Tomasz Nowakowski')
    expect(page.body).toContain('B7719QD')
    expect(page.body).toContain('Expected release from Pentonville')
  })
})

describe('editing a person', () => {
  it('tells the second of two editors what changed and keeps their input', async () => {
    const person = await buildPerson(t.db, { familyName: 'Concurrent' })
    const first = await signedIn('pom')
    const second = await signedIn('pom')
    await first.agent.get(`/people/${person.id}/edit`)
    await second.agent.get(`/people/${person.id}/edit`)
    const form = (language: string) => ({
      givenName: person.given_name,
      familyName: 'Concurrent',
      'dateOfBirth-day': '21',
      'dateOfBirth-month': '3',
      'dateOfBirth-year': '1990',
      sex: 'male',
      preferredLanguage: language,
      version: String(person.version),
    })
    expect((await first.agent.post(`/people/${person.id}/edit`, form('Welsh'))).statusCode).toBe(303)
    const clash = await second.agent.post(`/people/${person.id}/edit`, form('Tigrinya'))
    expect(clash.statusCode).toBe(409)
    expect(clash.body).toContain('Someone else changed this person’s details')
    expect(clash.body).toContain('language Welsh')
    expect(clash.body).toContain('value="Tigrinya"')
    // Saving again is now a deliberate overwrite, made after seeing the other change.
    const retry = await second.agent.post(`/people/${person.id}/edit`, {
      ...form('Tigrinya'),
      version: String(person.version + 1),
    })
    expect(retry.statusCode).toBe(303)
    const saved = await t.db
      .selectFrom('person')
      .where('id', '=', person.id)
      .select(['preferred_language', 'version'])
      .executeTakeFirstOrThrow()
    expect(saved).toEqual({ preferred_language: 'Tigrinya', version: person.version + 2 })
  })
})

describe('subject access and the access log', () => {
  it('gathers everything held about a person for an administrator, and logs the export', async () => {
    const person = await buildPerson(t.db, { familyName: 'Subjectaccess' })
    const com = await signedIn('com')
    await com.agent.get(`/people/${person.id}`)
    const admin = await signedIn('admin')
    const res = await admin.agent.get(`/people/${person.id}/subject-access.json`)
    expect(res.statusCode).toBe(200)
    const data = res.json<{
      person: { id: string }
      custodyEpisodes: unknown[]
      accessLog: { user_email: string; action: string }[]
    }>()
    expect(data.person.id).toBe(person.id)
    expect(data.custodyEpisodes).toHaveLength(1)
    expect(data.accessLog.map((a) => [a.user_email, a.action])).toEqual(
      expect.arrayContaining([
        [com.user.email, 'read'],
        [admin.user.email, 'export'],
      ]),
    )
    const log = await admin.agent.get(`/people/${person.id}/audit-trail`)
    expect(log.body).toContain(com.user.name)
  })

  it('refuses the export to anyone but an administrator', async () => {
    const person = await buildPerson(t.db)
    const { agent } = await signedIn('com')
    expect((await agent.get(`/people/${person.id}/subject-access.json`)).statusCode).toBe(403)
  })
})

describe('a failed save keeps the version the user started from', () => {
  it('still detects a conflict after the user first corrects a mistake', async () => {
    const person = await buildPerson(t.db, { familyName: 'Keepversion' })
    const slow = await signedIn('pom')
    const fast = await signedIn('pom')
    await slow.agent.get(`/people/${person.id}/edit`)
    const form = (familyName: string) => ({
      givenName: person.given_name,
      familyName,
      'dateOfBirth-day': '21',
      'dateOfBirth-month': '3',
      'dateOfBirth-year': '1990',
      sex: 'male',
      version: String(person.version),
    })
    await fast.agent.get(`/people/${person.id}/edit`)
    expect((await fast.agent.post(`/people/${person.id}/edit`, form('Changedbyfast'))).statusCode).toBe(303)
    const invalid = await slow.agent.post(`/people/${person.id}/edit`, form(''))
    expect(invalid.statusCode).toBe(400)
    expect(invalid.body).toContain(`name="version" value="${person.version}"`)
    const corrected = await slow.agent.post(`/people/${person.id}/edit`, form('Changedbyslow'))
    expect(corrected.statusCode).toBe(409)
  })
})

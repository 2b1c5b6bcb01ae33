import { describe, expect, it } from 'vitest'
import { buildContract, buildSentReferral } from '../support/builders/referrals.ts'
import { Agent, PASSWORD, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import { hashPassword } from '../../src/platform/auth/passwords.ts'

// Issue 17 finding 6: a provider saw other providers' referrals (reference, category, status and
// provider name) on a person's timeline, though each referral itself was correctly a 404.
const t = await testApp()
const com = await buildUser(t.db, 'com')
const a = await buildContract(t.db, { reference: 'TA-1' })
const b = await buildContract(t.db, { reference: 'TB-1' })
const hash = await hashPassword(PASSWORD)
const caseworker = (org: string, email: string) =>
  t.db
    .insertInto('app_user')
    .values({ email, name: email, organisation_id: org, role: 'provider_caseworker', password_hash: hash })
    .returning(['id', 'email'])
    .executeTakeFirstOrThrow()
const referrer = { referrerUserId: com.id, referrerOrganisationId: com.organisationId }
const person = await buildPerson(t.db)
const toA = await buildSentReferral(t.db, { personId: person.id, contract: a, ...referrer })
const toB = await buildSentReferral(t.db, { personId: person.id, contract: b, ...referrer })

describe('a person’s timeline shows each reader only what they may open', () => {
  it('shows a provider its own referral and not another provider’s', async () => {
    const agent = new Agent(t.app)
    await agent.signIn((await caseworker(a.providerId, 'timeline-a@provider-a.test')).email)
    const page = await agent.get(`/people/${person.id}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(toA.reference)
    expect(page.body).not.toContain(toB.reference)
    expect((await agent.get(`/referrals/${toB.id}`)).statusCode).toBe(404)
  })

  it('still shows the referrer both', async () => {
    const agent = new Agent(t.app)
    await agent.signIn(com.email)
    const page = await agent.get(`/people/${person.id}`)
    expect(page.body).toContain(toA.reference)
    expect(page.body).toContain(toB.reference)
  })
})

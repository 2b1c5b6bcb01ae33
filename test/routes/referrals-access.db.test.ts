import { describe, expect, it } from 'vitest'
import { referralDb } from '../../src/domains/referrals/tables.ts'
import { buildContract, buildSentReferral } from '../support/builders/referrals.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'

const t = await testApp()
const rdb = referralDb(t.db)

// Two providers, each with a London contract and a caseworker; one referral to each, and one
// person referred to both. A draft to provider A has not been sent, so A must not see it.
const com = await buildUser(t.db, 'com')
const a = await buildContract(t.db, { reference: 'A-1' })
const b = await buildContract(t.db, { reference: 'B-1' })
const hash = (
  await t.db.selectFrom('app_user').select('password_hash').where('id', '=', com.id).executeTakeFirstOrThrow()
).password_hash
const caseworker = (org: string, email: string) =>
  t.db
    .insertInto('app_user')
    .values({ email, name: email, organisation_id: org, role: 'provider_caseworker', password_hash: hash })
    .returning(['id', 'email'])
    .executeTakeFirstOrThrow()
const workerA = await caseworker(a.providerId, 'a@provider-a.test')
const workerB = await caseworker(b.providerId, 'b@provider-b.test')
const referrer = { referrerUserId: com.id, referrerOrganisationId: com.organisationId }

const toA = await buildPerson(t.db, { familyName: 'Onlya' })
const toB = await buildPerson(t.db, { familyName: 'Onlyb' })
const both = await buildPerson(t.db, { familyName: 'Botha' })
const neither = await buildPerson(t.db, { familyName: 'Neither' })
const refA = await buildSentReferral(t.db, { personId: toA.id, contract: a, ...referrer })
const refB = await buildSentReferral(t.db, { personId: toB.id, contract: b, ...referrer })
await buildSentReferral(t.db, { personId: both.id, contract: a, ...referrer })
const bothB = await buildSentReferral(t.db, { personId: both.id, contract: b, ...referrer })
const draftA = await rdb
  .insertInto('referral')
  .values({
    reference: 'DR0001AA',
    person_id: neither.id,
    custody_episode_id: neither.episode.id,
    state: 'draft',
    contract_id: a.id,
    referrer_organisation_id: com.organisationId,
    draft_expires_on: '2027-01-01',
  })
  .returning('id')
  .executeTakeFirstOrThrow()

async function signedIn(email: string) {
  const agent = new Agent(t.app)
  await agent.signIn(email)
  return agent
}

describe('a provider sees exactly the people and referrals sent to it', () => {
  it('finds the people referred to it, and no one else, through the shared scope predicate', async () => {
    const agent = await signedIn(workerA.email)
    const statuses = await Promise.all(
      [toA, toB, both, neither].map((p) => agent.get(`/people/${p.id}`).then((r) => r.statusCode)),
    )
    expect(statuses).toEqual([200, 404, 200, 404])
    const search = await agent.get(`/people?q=${toB.prison_number}`)
    expect(search.body).not.toContain(`/people/${toB.id}`)
  })

  it('cannot see or change another provider’s referral, even for a person it also works with: 404, audited', async () => {
    const agent = await signedIn(workerA.email)
    expect((await agent.get(`/referrals/${refA.id}`)).statusCode).toBe(200)
    const before = await rdb
      .selectFrom('referral')
      .where('id', 'in', [refB.id, bothB.id])
      .select(['id', 'state', 'version'])
      .orderBy('id')
      .execute()
    for (const id of [refB.id, bothB.id, draftA.id]) {
      expect((await agent.get(`/referrals/${id}`)).statusCode).toBe(404)
      expect((await agent.post(`/referrals/${id}/assign`, {})).statusCode).toBe(404)
      expect((await agent.get(`/referrals/${id}/quality`)).statusCode).toBe(404)
      expect((await agent.post(`/referrals/${id}/cancel`, { reasonCode: 'MIS' })).statusCode).toBe(404)
    }
    expect(
      await rdb
        .selectFrom('referral')
        .where('id', 'in', [refB.id, bothB.id])
        .select(['id', 'state', 'version'])
        .orderBy('id')
        .execute(),
    ).toEqual(before)
    expect(
      await rdb
        .selectFrom('referral_event')
        .where('referral_id', 'in', [refB.id, bothB.id])
        .selectAll()
        .execute(),
    ).toEqual([])

    // A foreign referral, a missing one and nonsense read the same; each attempt is in the audit log.
    const strip = (html: string) => html.replace(/value="[^"]*"|nonce="[^"]*"/g, '')
    const foreign = await agent.get(`/referrals/${refB.id}`)
    const missing = await agent.get('/referrals/00000000-0000-4000-8000-000000000000')
    expect(strip(foreign.body)).toBe(strip(missing.body))
    const denied = await t.db
      .selectFrom('audit_event')
      .where('user_id', '=', workerA.id)
      .where('record_type', '=', 'referral')
      .where('outcome', '=', 'denied')
      .select(['record_id', 'action'])
      .execute()
    expect(new Set(denied.map((d) => d.record_id))).toEqual(new Set([refB.id, bothB.id, draftA.id]))
    expect(denied.some((d) => d.action === 'update')).toBe(true)
  })

  it('lists only its own referrals on its dashboards and its own contracts’ performance', async () => {
    const agent = await signedIn(workerB.email)
    const open = await agent.get('/provider/referrals?tab=open')
    expect(open.body).toContain(refB.reference)
    expect(open.body).toContain(bothB.reference)
    expect(open.body).not.toContain(refA.reference)
    const overview = await agent.get('/contracts/performance')
    expect(overview.body).toContain('B-1')
    expect(overview.body).not.toContain('A-1')
    expect((await agent.get(`/contracts/${a.id}/performance`)).statusCode).toBe(404)
    expect((await agent.get(`/contracts/${a.id}/performance/export?format=csv`)).statusCode).toBe(404)
  })

  it('keeps referral pages from users who may not make or deliver them', async () => {
    const council = await buildUser(t.db, 'council_officer')
    const agent = await signedIn(council.email)
    expect((await agent.get('/provider/referrals')).statusCode).toBe(403)
    expect((await agent.get('/contracts/performance')).statusCode).toBe(403)
    expect((await agent.get('/admin/contracts/new')).statusCode).toBe(403)
  })
})

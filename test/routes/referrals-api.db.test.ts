import { describe, expect, it } from 'vitest'
import { buildContract, buildSentReferral } from '../support/builders/referrals.ts'
import { referralDb } from '../../src/domains/referrals/tables.ts'
import { testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'

const t = await testApp()
const contract = await buildContract(t.db)
const other = await buildContract(t.db)
const com = await buildUser(t.db, 'com')
const person = await buildPerson(t.db)
const referral = await buildSentReferral(t.db, {
  personId: person.id,
  contract,
  referrerUserId: com.id,
  referrerOrganisationId: com.organisationId,
})

const tokenFor = async (organisationId: string) => {
  const issued = await t.svc.identity.issueToken(null, {
    name: 'provider client',
    organisationId,
    role: 'provider_caseworker',
  })
  return { authorization: `Bearer ${issued.secret}` }
}

describe('the referrals API', () => {
  it('refuses a client without a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/referrals/${referral.id}` })
    expect(res.statusCode).toBe(401)
  })

  it('answers a disallowed event with 409, the current state, and no change', async () => {
    const headers = await tokenFor(contract.providerId)
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/referrals/${referral.id}/transitions`,
      headers,
      payload: { event: 'conclude' },
    })
    expect(res.statusCode).toBe(409)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json()).toMatchObject({ status: 409, code: 'conflict', current: { state: 'sent' } })
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/referrals/${referral.id}/transitions`,
      headers,
      payload: { event: 'explode' },
    })
    expect(bad.statusCode).toBe(400)
    const row = await referralDb(t.db)
      .selectFrom('referral')
      .where('id', '=', referral.id)
      .select(['state', 'version'])
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ state: 'sent', version: 1 })
  })

  it('hides the referral from another provider’s client', async () => {
    const headers = await tokenFor(other.providerId)
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/referrals/${referral.id}/transitions`,
      headers,
      payload: { event: 'assign' },
    })
    expect(res.statusCode).toBe(404)
  })

  it('lets only a person, not an API client, take a referral as its caseworker', async () => {
    const headers = await tokenFor(contract.providerId)
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/referrals/${referral.id}/transitions`,
      headers,
      payload: { event: 'assign' },
    })
    expect(res.statusCode).toBe(403)
  })

  it('approves an action plan for the referrer’s client, then lists what it can do next', async () => {
    const submitted = await buildSentReferral(t.db, {
      personId: person.id,
      contract,
      referrerUserId: com.id,
      referrerOrganisationId: com.organisationId,
    })
    await referralDb(t.db)
      .updateTable('referral')
      .set({ state: 'action_plan_submitted', caseworker_user_id: com.id, action_plan_sessions: 2 })
      .where('id', '=', submitted.id)
      .execute()
    const issued = await t.svc.identity.issueToken(null, {
      name: 'case management system',
      organisationId: com.organisationId,
      role: 'com',
    })
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/referrals/${submitted.id}/transitions`,
      headers: { authorization: `Bearer ${issued.secret}` },
      payload: { event: 'approve_action_plan' },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      state: 'action_plan_approved',
      availableEvents: ['withdraw'],
      history: [
        {
          event: 'approve_action_plan',
          fromState: 'action_plan_submitted',
          toState: 'action_plan_approved',
          by: null,
        },
      ],
    })
  })
})

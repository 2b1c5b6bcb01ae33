import { describe, expect, it } from 'vitest'
import { referralDb } from '../../src/domains/referrals/tables.ts'
import {
  ACCOMMODATION,
  buildContract,
  buildSentReferral,
  categoryChoices,
  ETE,
} from '../support/builders/referrals.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser, MANCHESTER } from '../support/builders/common.ts'

const t = await testApp()
const rdb = referralDb(t.db)

// A London accommodation contract and a caseworker of its provider; an expired London contract
// and a Manchester one that must never be offered; an ETE contract only in Manchester.
const london = await buildContract(t.db, { reference: 'LDN-ACC-1' })
await buildContract(t.db, { reference: 'LDN-ACC-OLD', startDate: '2024-01-01', endDate: '2025-12-31' })
await buildContract(t.db, { reference: 'MAN-ACC-1', regionCodes: [MANCHESTER.region] })
await buildContract(t.db, { reference: 'MAN-ETE-1', regionCodes: [MANCHESTER.region], categoryIds: [ETE] })
const com = await buildUser(t.db, 'com')
const caseworker = await t.db
  .insertInto('app_user')
  .values({
    email: 'caseworker.one@provider.test',
    name: 'Casey Worker',
    organisation_id: london.providerId,
    role: 'provider_caseworker',
    password_hash: (
      await t.db
        .selectFrom('app_user')
        .select('password_hash')
        .where('id', '=', com.id)
        .executeTakeFirstOrThrow()
    ).password_hash,
  })
  .returning(['id', 'email'])
  .executeTakeFirstOrThrow()
const choices = await categoryChoices(t.db)

async function signedIn(email: string) {
  const agent = new Agent(t.app)
  await agent.signIn(email)
  return agent
}
const eventsOf = (id: string) =>
  rdb
    .selectFrom('referral_event')
    .where('referral_id', '=', id)
    .select(['event', 'from_state', 'to_state', 'user_id'])
    .orderBy('id')
    .execute()
const stateOf = (id: string) =>
  rdb.selectFrom('referral').where('id', '=', id).select(['state', 'version']).executeTakeFirstOrThrow()

describe('making a referral', () => {
  it('asks you to sign in first', async () => {
    const res = await new Agent(t.app).get('/referrals')
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toMatch(/^\/sign-in/)
  })

  it('saves a draft as you go, offers only contracts for the person’s region and category, and sends when complete', async () => {
    const person = await buildPerson(t.db, { familyName: 'Referred' })
    const agent = await signedIn(com.email)
    await agent.get(`/people/${person.id}/referrals/new`)
    const started = await agent.post(`/people/${person.id}/referrals`, {})
    expect(started.statusCode).toBe(303)
    const id = /\/referrals\/([0-9a-f-]{36})\/category/.exec(started.headers.location as string)![1]!

    const category = await agent.get(`/referrals/${id}/category`)
    expect(category.body).toContain('Accommodation')
    expect(category.body).not.toContain('Education, Training and Employment')
    const version = /name="version" value="(\d+)"/.exec(category.body)![1]!

    const noCategory = await agent.post(`/referrals/${id}/category`, { version })
    expect(noCategory.statusCode).toBe(400)
    expect(noCategory.body).toContain('Select a service category')
    const ete = await agent.post(`/referrals/${id}/category`, { version, serviceCategoryId: ETE })
    expect(ete.statusCode).toBe(400)
    expect(ete.body).toContain('offered in the person’s region')
    expect(
      (await agent.post(`/referrals/${id}/category`, { version, serviceCategoryId: ACCOMMODATION }))
        .statusCode,
    ).toBe(303)

    const details = await agent.get(`/referrals/${id}/details`)
    expect(details.body).toContain('LDN-ACC-1')
    expect(details.body).not.toContain('LDN-ACC-OLD')
    expect(details.body).not.toContain('MAN-ACC-1')
    expect(details.body).toContain(choices.choosable[0]!.description.slice(0, 30))
    expect(details.body).not.toContain(`value="${choices.deprecated[0]!.id}"`)
    const v2 = /name="version" value="(\d+)"/.exec(details.body)![1]!

    // Sending an incomplete draft saves it and names what is missing, keeping the input.
    const incomplete = await agent.post(`/referrals/${id}/details`, {
      version: v2,
      intent: 'send',
      needs: 'Housing on release',
    })
    expect(incomplete.statusCode).toBe(400)
    expect(incomplete.body).toContain('Enter the reason for referral')
    expect(incomplete.body).toContain('href="#completionDeadline-day"')
    expect(incomplete.body).toContain('Housing on release')
    expect((await stateOf(id)).state).toBe('draft')
    const saved = await rdb
      .selectFrom('referral')
      .where('id', '=', id)
      .select('needs')
      .executeTakeFirstOrThrow()
    expect(saved.needs).toBe('Housing on release')

    const v3 = String((await stateOf(id)).version)
    const deprecated = await agent.post(`/referrals/${id}/details`, {
      version: v3,
      desiredOutcomeIds: choices.deprecated[0]!.id,
    })
    expect(deprecated.statusCode).toBe(400)
    expect(deprecated.body).toContain('Select desired outcomes from the list')

    const sent = await agent.post(`/referrals/${id}/details`, {
      version: v3,
      intent: 'send',
      contractId: london.id,
      complexityLevelId: choices.complexity[0]!.id,
      desiredOutcomeIds: [choices.choosable[0]!.id, choices.choosable[1]!.id],
      reason: 'No fixed address on release',
      needs: 'Housing on release',
      riskInformation: 'Low risk of serious harm',
      contactDetails: '07700 900123',
      'completionDeadline-day': '31',
      'completionDeadline-month': '3',
      'completionDeadline-year': '2027',
    })
    expect(sent.statusCode).toBe(303)
    expect(sent.headers.location).toBe(`/referrals/${id}?done=sent`)
    const row = await rdb.selectFrom('referral').where('id', '=', id).selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      state: 'sent',
      provider_organisation_id: london.providerId,
      release_date: person.episode.expected_release_date,
      prison_code: 'PVI',
    })
    expect(await eventsOf(id)).toEqual([
      { event: 'send', from_state: 'draft', to_state: 'sent', user_id: com.id },
    ])
    // The provider now has the person in scope through the shared predicate.
    const keys = await t.db
      .selectFrom('person')
      .where('id', '=', person.id)
      .select('scope_keys')
      .executeTakeFirstOrThrow()
    expect(keys.scope_keys).toContain(`provider:${london.providerId}`)

    // Sending twice is refused with the current state.
    const again = await agent.post(`/referrals/${id}/details`, {
      version: String(row.version),
      intent: 'send',
    })
    expect(again.statusCode).toBe(409)
    expect(again.body).toContain('It is now: Sent')
  })

  it('refuses a plan action that is not the person’s, and starts nothing', async () => {
    const person = await buildPerson(t.db)
    const agent = await signedIn(com.email)
    await agent.get(`/people/${person.id}/referrals/new`)
    const res = await agent.post(`/people/${person.id}/referrals`, {
      planAction: '00000000-0000-4000-8000-000000000000',
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('That plan action is not one of this person’s')
    expect(
      await rdb.selectFrom('referral').where('person_id', '=', person.id).select('id').execute(),
    ).toEqual([])
  })

  it('refuses to change a draft after 90 days', async () => {
    const person = await buildPerson(t.db)
    const agent = await signedIn(com.email)
    await agent.get(`/people/${person.id}/referrals/new`)
    const started = await agent.post(`/people/${person.id}/referrals`, {})
    const id = /\/referrals\/([0-9a-f-]{36})\//.exec(started.headers.location as string)![1]!
    const draft = await rdb
      .selectFrom('referral')
      .where('id', '=', id)
      .select(['draft_expires_on'])
      .executeTakeFirstOrThrow()
    expect(draft.draft_expires_on).toBe('2027-02-20')
    await rdb.updateTable('referral').set({ draft_expires_on: '2026-11-21' }).where('id', '=', id).execute()
    const expired = await agent.get(`/referrals/${id}/category`)
    expect(expired.statusCode).toBe(409)
    expect(expired.body).toContain('This draft expired')
  })
})

describe('the provider’s side of the lifecycle', () => {
  it('refuses a transition the state machine does not allow, with the current state, changing nothing', async () => {
    const person = await buildPerson(t.db)
    const referral = await buildSentReferral(t.db, {
      personId: person.id,
      contract: london,
      referrerUserId: com.id,
      referrerOrganisationId: com.organisationId,
    })
    const provider = await signedIn(caseworker.email)
    await provider.get(`/referrals/${referral.id}`)
    const before = await stateOf(referral.id)
    const res = await provider.post(`/referrals/${referral.id}/conclude`, {})
    expect(res.statusCode).toBe(409)
    expect(res.body).toContain('This referral is sent')
    const api = await provider.request({
      method: 'POST',
      url: `/referrals/${referral.id}/conclude`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      payload: `_csrf=${provider.csrf}`,
    })
    expect(api.statusCode).toBe(409)
    expect(await stateOf(referral.id)).toEqual(before)
    expect(await eventsOf(referral.id)).toEqual([])
  })

  it('lets exactly one of two caseworkers claiming at once succeed', async () => {
    const person = await buildPerson(t.db)
    const referral = await buildSentReferral(t.db, {
      personId: person.id,
      contract: london,
      referrerUserId: com.id,
      referrerOrganisationId: com.organisationId,
    })
    const second = await t.db
      .insertInto('app_user')
      .values({
        email: `second.${referral.id}@provider.test`,
        name: 'Sam Second',
        organisation_id: london.providerId,
        role: 'provider_caseworker',
        password_hash: (
          await t.db
            .selectFrom('app_user')
            .select('password_hash')
            .where('id', '=', com.id)
            .executeTakeFirstOrThrow()
        ).password_hash,
      })
      .returning('email')
      .executeTakeFirstOrThrow()
    const [a, b] = await Promise.all([signedIn(caseworker.email), signedIn(second.email)])
    await Promise.all([a.get(`/referrals/${referral.id}`), b.get(`/referrals/${referral.id}`)])
    const results = await Promise.all([
      a.post(`/referrals/${referral.id}/assign`, {}),
      b.post(`/referrals/${referral.id}/assign`, {}),
    ])
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 409])
    expect((await eventsOf(referral.id)).filter((e) => e.event === 'assign')).toHaveLength(1)
  })

  it('runs from rating and assignment to a completed referral the COM can read', async () => {
    const person = await buildPerson(t.db, { released: true, releaseInDays: -200 })
    const referral = await buildSentReferral(t.db, {
      personId: person.id,
      contract: london,
      referrerUserId: com.id,
      referrerOrganisationId: com.organisationId,
    })
    const id = referral.id
    const provider = await signedIn(caseworker.email)
    const dashboard = await provider.get('/provider/referrals?tab=unassigned')
    expect(dashboard.body).toContain(referral.reference)

    await provider.get(`/referrals/${id}/quality`)
    expect(
      (
        await provider.post(`/referrals/${id}/quality`, {
          checklist: ['reasonClear', 'needsIdentified', 'riskPresent'],
          comments: 'No contact number',
        })
      ).statusCode,
    ).toBe(303)
    expect((await provider.post(`/referrals/${id}/quality`, { checklist: ['reasonClear'] })).statusCode).toBe(
      409,
    )
    expect((await provider.post(`/referrals/${id}/assign`, {})).statusCode).toBe(303)
    expect((await provider.get('/provider/referrals?tab=mine')).body).toContain(referral.reference)

    await provider.get(`/referrals/${id}/assessment`)
    const badDate = await provider.post(`/referrals/${id}/assessment`, {
      'appointmentDate-day': '31',
      'appointmentDate-month': '2',
      'appointmentDate-year': '2026',
    })
    expect(badDate.statusCode).toBe(400)
    expect(badDate.body).toContain('The appointment date must be a real date')
    expect(badDate.body).toMatch(/name="appointmentDate-day"[^>]*value="31"/)
    expect(
      (
        await provider.post(`/referrals/${id}/assessment`, {
          'appointmentDate-day': '5',
          'appointmentDate-month': '11',
          'appointmentDate-year': '2026',
        })
      ).statusCode,
    ).toBe(303)
    expect(
      (await provider.post(`/referrals/${id}/assessment/attended`, { feedback: 'Good engagement' }))
        .statusCode,
    ).toBe(303)
    const noPlan = await provider.post(`/referrals/${id}/action-plan`, { sessions: '0' })
    expect(noPlan.statusCode).toBe(400)
    expect(noPlan.body).toContain('Enter the action plan')
    expect(
      (await provider.post(`/referrals/${id}/action-plan`, { actionPlan: 'Find a tenancy', sessions: '2' }))
        .statusCode,
    ).toBe(303)
    // Sessions wait for the COM's approval of the plan.
    expect(
      (
        await provider.post(`/referrals/${id}/sessions/new`, {
          'appointmentDate-day': '10',
          'appointmentDate-month': '11',
          'appointmentDate-year': '2026',
          attendance: 'attended',
        })
      ).statusCode,
    ).toBe(409)

    const referrer = await signedIn(com.email)
    const page = await referrer.get(`/referrals/${id}`)
    expect(page.body).toContain('Quality score: <strong>60 out of 100</strong>')
    expect(page.body).toContain('No contact number')
    expect((await referrer.post(`/referrals/${id}/approve-action-plan`, {})).statusCode).toBe(303)

    await provider.get(`/referrals/${id}/sessions/new`)
    const noAttendance = await provider.post(`/referrals/${id}/sessions/new`, {
      'appointmentDate-day': '10',
      'appointmentDate-month': '11',
      'appointmentDate-year': '2026',
    })
    expect(noAttendance.statusCode).toBe(400)
    expect(noAttendance.body).toContain('Select whether the person attended')
    for (const [d, attendance] of [
      ['10', 'attended'],
      ['17', 'late'],
    ] as const) {
      expect(
        (
          await provider.post(`/referrals/${id}/sessions/new`, {
            'appointmentDate-day': d,
            'appointmentDate-month': '11',
            'appointmentDate-year': '2026',
            attendance,
            feedback: 'ok',
          })
        ).statusCode,
      ).toBe(303)
    }
    const [outcome] = await rdb
      .selectFrom('referral_desired_outcome')
      .where('referral_id', '=', id)
      .select('desired_outcome_id')
      .execute()
    await provider.get(`/referrals/${id}/report`)
    const unrated = await provider.post(`/referrals/${id}/report`, { summary: 'Housed' })
    expect(unrated.statusCode).toBe(400)
    expect(unrated.body).toContain('was achieved')
    expect(
      (
        await provider.post(`/referrals/${id}/report`, {
          summary: 'Housed in a tenancy',
          [`outcome-${outcome!.desired_outcome_id}`]: 'achieved',
        })
      ).statusCode,
    ).toBe(303)
    expect((await provider.post(`/referrals/${id}/conclude`, {})).statusCode).toBe(303)
    expect((await stateOf(id)).state).toBe('completed')
    expect((await eventsOf(id)).map((e) => e.to_state)).toEqual([
      'assigned',
      'assessment_booked',
      'assessed',
      'action_plan_submitted',
      'action_plan_approved',
      'in_delivery',
      'in_delivery',
      'report_submitted',
      'completed',
    ])
    expect((await provider.get('/provider/referrals?tab=completed')).body).toContain(referral.reference)

    // Outcomes after the service: the release was 200 days ago; the service "ended" 150 days ago.
    const episode = await t.db
      .selectFrom('custody_episode')
      .where('person_id', '=', person.id)
      .select(['id', 'actual_release_date'])
      .executeTakeFirstOrThrow()
    await rdb
      .updateTable('referral')
      .set({ concluded_at: new Date('2026-06-25T12:00:00Z') })
      .where('id', '=', id)
      .execute()
    await t.db
      .insertInto('status_event')
      .values({
        person_id: person.id,
        custody_episode_id: episode.id,
        kind: 'accommodation',
        accommodation_type_code: 'A01A',
        effective_date: '2026-06-20',
        source: 'com',
      })
      .execute()
    const done = await referrer.get(`/referrals/${id}`)
    expect(done.body).toContain('Outcomes after the service')
    expect(done.body).toMatch(
      /3 months: settled accommodation<\/td><td class="govuk-table__cell">[^<]+<\/td><td class="govuk-table__cell">Settled/,
    )
    expect(done.body).toContain('Achieved')
  })

  it('lets the referrer withdraw with a reason from the CRS list', async () => {
    const person = await buildPerson(t.db)
    const referral = await buildSentReferral(t.db, {
      personId: person.id,
      contract: london,
      referrerUserId: com.id,
      referrerOrganisationId: com.organisationId,
    })
    const referrer = await signedIn(com.email)
    const form = await referrer.get(`/referrals/${referral.id}/withdraw`)
    expect(form.body).toContain('Mistaken or duplicate referral')
    const none = await referrer.post(`/referrals/${referral.id}/withdraw`, { comments: 'Oops' })
    expect(none.statusCode).toBe(400)
    expect(none.body).toContain('Select a reason')
    expect(none.body).toContain('Oops')
    expect(
      (await referrer.post(`/referrals/${referral.id}/withdraw`, { reasonCode: 'NOT-A-CODE' })).statusCode,
    ).toBe(400)
    expect(
      (await referrer.post(`/referrals/${referral.id}/withdraw`, { reasonCode: 'MIS' })).statusCode,
    ).toBe(303)
    expect(
      await rdb
        .selectFrom('referral')
        .where('id', '=', referral.id)
        .select(['state', 'end_reason_kind', 'end_reason_code'])
        .executeTakeFirstOrThrow(),
    ).toEqual({
      state: 'cancelled',
      end_reason_kind: 'withdrawal',
      end_reason_code: 'MIS',
    })
    // The provider cannot act on it any more.
    const provider = await signedIn(caseworker.email)
    await provider.get(`/referrals/${referral.id}`)
    expect((await provider.post(`/referrals/${referral.id}/assign`, {})).statusCode).toBe(409)
  })
})

import { describe, expect, it } from 'vitest'
import { buildSentReferral } from '../support/builders/referrals.ts'
import { referralWorld } from '../support/referral-world.ts'
import { buildPerson } from '../support/builders/common.ts'

const { t, rdb, london, com, caseworker, signedIn, eventsOf, stateOf } = await referralWorld()

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

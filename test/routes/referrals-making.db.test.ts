import { describe, expect, it } from 'vitest'
import { ACCOMMODATION, ETE } from '../support/builders/referrals.ts'
import { Agent } from '../support/app.ts'
import { referralWorld } from '../support/referral-world.ts'
import { buildPerson } from '../support/builders/common.ts'

const { t, rdb, london, com, choices, signedIn, eventsOf, stateOf } = await referralWorld()

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
    // The confirmation rides in a one-time cookie (platform form page), not the address.
    expect(sent.headers.location).toBe(`/referrals/${id}`)
    expect((await agent.get(`/referrals/${id}`)).body).toContain('Referral sent')
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

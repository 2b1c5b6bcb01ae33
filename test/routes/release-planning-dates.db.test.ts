import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'

const t = await testApp()

async function signedIn(role: Parameters<typeof buildUser>[1], place?: Parameters<typeof buildUser>[2]) {
  const user = await buildUser(t.db, role, place)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return { user, agent }
}

const base = (id: string) => `/people/${id}/release-planning`
const date = (name: string, iso: string) => {
  const [y = '', m = '', d = ''] = iso.split('-')
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y }
}

describe('release planning: concurrent edits and release date changes', () => {
  it('never loses a concurrent edit of one action', async () => {
    const person = await buildPerson(t.db, { releaseInDays: 84 })
    const a = await signedIn('prison_resettlement_worker')
    const b = await signedIn('pom')
    await a.agent.get(`${base(person.id)}/plan`)
    await a.agent.post(`${base(person.id)}/plan/propose`, {})
    const action = await t.db
      .withTables<{
        plan_action: { id: string; person_id: string; standard_action: string | null; version: number }
      }>()
      .selectFrom('plan_action')
      .select(['id', 'version'])
      .where('person_id', '=', person.id)
      .where('standard_action', '=', 'bank_account')
      .executeTakeFirstOrThrow()
    const form = (description: string) => ({
      version: String(action.version),
      description,
      ownerParty: 'prison',
      ...date('dueDate', '2026-12-20'),
      status: 'in_progress',
    })
    const page = await a.agent.get(`${base(person.id)}/plan/actions/${action.id}`)
    // An action can be handed to a commissioned service: the link starts a referral for it.
    const referralHref = `/people/${person.id}/referrals/new?planAction=${action.id}`
    expect(page.body).toContain(`href="${referralHref.replace('&', '&amp;')}"`)
    expect((await a.agent.get(referralHref)).statusCode).toBe(200)
    await b.agent.get(`${base(person.id)}/plan/actions/${action.id}`)
    expect(
      (await a.agent.post(`${base(person.id)}/plan/actions/${action.id}`, form('Open a basic bank account')))
        .statusCode,
    ).toBe(303)
    const second = await b.agent.post(
      `${base(person.id)}/plan/actions/${action.id}`,
      form('Open a Post Office account'),
    )
    expect(second.statusCode).toBe(409)
    expect(second.body).toContain('Someone else changed this action')
    expect(second.body).toContain('Open a basic bank account')
    expect(second.body).toContain('value="Open a Post Office account"')
    expect(second.body).toContain(`name="version" value="${action.version + 1}"`)
  })

  it('rejects a release date before the sentence date, and moves dependent dates with history', async () => {
    const person = await buildPerson(t.db, { releaseInDays: 84 })
    const { agent } = await signedIn('prison_resettlement_worker')
    await agent.get(`${base(person.id)}/plan`)
    await agent.post(`${base(person.id)}/plan/propose`, {})
    const page = await agent.get(base(person.id))
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? ''
    const before = await agent.post(`${base(person.id)}/release-date`, {
      version,
      ...date('newReleaseDate', '2024-12-01'),
      reason: 'Recalculated',
    })
    expect(before.statusCode).toBe(400)
    expect(before.body).toContain(
      'The release date cannot be before the sentence date, Friday 10 January 2025',
    )
    const impossible = await agent.post(`${base(person.id)}/release-date`, {
      version,
      ...date('newReleaseDate', '2027-02-30'),
      reason: 'Recalculated',
    })
    expect(impossible.body).toContain('The new release date must be a real date')

    const moved = await agent.post(`${base(person.id)}/release-date`, {
      version,
      ...date('newReleaseDate', '2027-02-28'),
      reason: 'Sentence recalculated after an appeal',
    })
    expect(moved.statusCode).toBe(303)
    const after = await agent.get(base(person.id))
    expect(after.body).toContain('Sentence recalculated after an appeal')
    expect(after.body).toMatch(
      /Apply for ID documents<\/td><td class="govuk-table__cell">22 November 2026<\/td><td class="govuk-table__cell">6 December 2026/,
    )
    expect(after.body).toContain('Handover to probation')
    const stale = await agent.post(`${base(person.id)}/release-date`, {
      version,
      ...date('newReleaseDate', '2027-03-07'),
      reason: 'Again',
    })
    expect(stale.statusCode).toBe(409)
  })
})

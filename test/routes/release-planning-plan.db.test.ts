import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser, MANCHESTER } from '../support/builders/common.ts'

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

describe('release planning pages', () => {
  it('sends someone not signed in to sign in', async () => {
    const person = await buildPerson(t.db)
    const res = await new Agent(t.app).get(base(person.id))
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toContain('/sign-in')
  })

  it('answers a person outside the scope as not found, and audits the attempt', async () => {
    const elsewhere = await buildPerson(t.db, { place: MANCHESTER })
    const { agent, user } = await signedIn('prison_resettlement_worker')
    for (const path of [
      '',
      '/plan',
      '/handover',
      '/release-day',
      '/screenings',
      '/duty-to-refer',
      '/pathways/accommodation',
    ]) {
      expect((await agent.get(`${base(elsewhere.id)}${path}`)).statusCode).toBe(404)
    }
    await agent.get('/release-planning/worklist')
    for (const path of ['/plan/propose', '/screenings', '/handover', '/release-day/checklist']) {
      expect((await agent.post(`${base(elsewhere.id)}${path}`, { version: '0' })).statusCode).toBe(404)
    }
    expect(
      await t.db
        .withTables<{ plan_action: { person_id: string } }>()
        .selectFrom('plan_action')
        .select('person_id')
        .where('person_id', '=', elsewhere.id)
        .execute(),
    ).toEqual([])
    const denied = await t.db
      .selectFrom('audit_event')
      .select(['outcome', 'detail'])
      .where('user_id', '=', user.id)
      .where('person_id', '=', elsewhere.id)
      .execute()
    expect(denied.length).toBeGreaterThan(0)
    expect(denied.every((d) => d.outcome === 'denied')).toBe(true)
  })

  it('assesses a pathway, keeping answers under their question version and adding needs with history', async () => {
    const person = await buildPerson(t.db, { releaseInDays: 70 })
    const { agent } = await signedIn('prison_resettlement_worker')
    await agent.get(`${base(person.id)}/pathways/finance-and-id`)
    const invalid = await agent.post(`${base(person.id)}/pathways/finance-and-id`, {
      version: '0',
      responsibleParty: 'prison',
      needIds: ['83'],
    })
    expect(invalid.statusCode).toBe(400)
    expect(invalid.body).toContain('Select the pathway status')
    expect(invalid.body).toMatch(/value="83"[^>]*checked/)

    const contradictory = await agent.post(`${base(person.id)}/pathways/finance-and-id`, {
      version: '0',
      status: 'support_not_required',
      responsibleParty: 'prison',
      needIds: ['83'],
    })
    expect(contradictory.statusCode).toBe(400)
    expect(contradictory.body).toContain('You selected needs, so support is required')

    const wrongPathway = await agent.post(`${base(person.id)}/pathways/finance-and-id`, {
      version: '0',
      status: 'support_required',
      responsibleParty: 'prison',
      needIds: ['8'],
    })
    expect(wrongPathway.body).toContain('Select needs from the Finance and ID list')

    const saved = await agent.post(`${base(person.id)}/pathways/finance-and-id`, {
      version: '0',
      status: 'support_required',
      responsibleParty: 'prison',
      needIds: ['83', '90'],
      answer_id_held: 'None',
    })
    expect(saved.statusCode).toBe(303)
    const page = await agent.get(`${base(person.id)}/pathways/finance-and-id`)
    expect(page.body).toContain('Open a bank account')
    expect(page.body).toContain('Apply for ID documents')
    const row = await t.db
      .withTables<{
        pathway_assessment: { answers: unknown; question_set_version: number; person_id: string }
      }>()
      .selectFrom('pathway_assessment')
      .select(['answers', 'question_set_version'])
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ answers: { id_held: 'None' }, question_set_version: 1 })

    // A second save from a stale form is refused, not silently merged.
    const stale = await agent.post(`${base(person.id)}/pathways/finance-and-id`, {
      version: '0',
      status: 'done',
      responsibleParty: 'prison',
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('Someone else saved this pathway')
  })

  it('scores AUDIT-C and proposes the alcohol needs on a positive screen', async () => {
    const person = await buildPerson(t.db, { releaseInDays: 70 })
    const { agent } = await signedIn('prison_resettlement_worker')
    await agent.get(`${base(person.id)}/screenings`)
    const missing = await agent.post(`${base(person.id)}/screenings`, {
      kind: 'alcohol',
      ...date('screenedOn', '2026-11-20'),
      frequency: '4',
    })
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('Answer how many units they drink on a typical day')
    const future = await agent.post(`${base(person.id)}/screenings`, {
      kind: 'gambling',
      ...date('screenedOn', '2026-12-20'),
      result: 'negative',
    })
    expect(future.body).toContain('The screening date cannot be in the future')

    const positive = await agent.post(`${base(person.id)}/screenings`, {
      kind: 'alcohol',
      ...date('screenedOn', '2026-11-20'),
      frequency: '3',
      units: '1',
      binge: '1',
    })
    expect(positive.statusCode).toBe(303)
    // The outcome is said in the confirmation on the page the user lands on (issue 12, defect 9).
    expect((await agent.get(positive.headers.location as string)).body).toContain(
      'positive (AUDIT-C score 5). 2 matching needs were added',
    )
    const needs = await agent.get(`${base(person.id)}/pathways/drugs-and-alcohol`)
    expect(needs.body).toContain('Support for alcohol issues in the community')

    const negative = await agent.post(`${base(person.id)}/screenings`, {
      kind: 'alcohol',
      ...date('screenedOn', '2026-11-21'),
      frequency: '2',
      units: '1',
      binge: '1',
    })
    expect((await agent.get(negative.headers.location as string)).body).toContain(
      'negative (AUDIT-C score 4)',
    )
  })

  it('proposes standard actions due by weeks before release, and the quality check follows the actions', async () => {
    const person = await buildPerson(t.db, { releaseInDays: 84 })
    const { agent } = await signedIn('prison_resettlement_worker')
    await agent.get(`${base(person.id)}/pathways/finance-and-id`)
    await agent.post(`${base(person.id)}/pathways/finance-and-id`, {
      version: '0',
      status: 'support_required',
      responsibleParty: 'prison',
      needIds: ['83', '86'],
    })
    let plan = await agent.get(`${base(person.id)}/plan`)
    expect(plan.body).toContain('data-plan-quality="fail"')
    expect(plan.body).toContain('“Open a bank account” has no action')

    // The count is said once on the plan page, by the same signed confirmation as every save,
    // not in the address (issue 12, defect 9): a bookmarked plan never repeats it.
    const proposed = await agent.post(`${base(person.id)}/plan/propose`, {})
    expect(proposed.headers.location).toBe(`${base(person.id)}/plan`)
    expect((await agent.get(`${base(person.id)}/plan`)).body).toContain('9 standard actions added')
    // Treatment is proposed only with a substance-misuse need; proposing again adds nothing.
    expect((await agent.post(`${base(person.id)}/plan/propose`, {})).headers.location).toBe(
      `${base(person.id)}/plan`,
    )
    expect((await agent.get(`${base(person.id)}/plan`)).body).toContain('0 standard actions added')
    plan = await agent.get(`${base(person.id)}/plan`)
    expect(plan.body).not.toContain('standard actions added')
    expect(plan.body).not.toContain('Book a treatment appointment')
    // Release on 14 February 2027; ID 12 weeks before, bank account 8 weeks before.
    expect(plan.body).toMatch(/Apply for ID documents[\s\S]*?22 November 2026/)
    expect(plan.body).toMatch(/Open a bank account[\s\S]*?20 December 2026/)
    expect(plan.body).toContain('has no action with an owner due by the release date')

    const need = await t.db
      .withTables<{ person_need: { id: string; person_id: string; support_need_id: number } }>()
      .selectFrom('person_need')
      .select('id')
      .where('person_id', '=', person.id)
      .where('support_need_id', '=', 86)
      .executeTakeFirstOrThrow()
    const late = await agent.post(`${base(person.id)}/plan/actions`, {
      version: '0',
      description: 'Stop direct debits',
      personNeedId: need.id,
      ownerParty: 'prison',
      ...date('dueDate', '2027-03-01'),
      status: 'not_started',
    })
    expect(late.statusCode).toBe(400)
    expect(late.body).toContain('The due date must be on or before the release date, Sunday 14 February 2027')
    expect(late.body).toContain('value="Stop direct debits"')
    const ok = await agent.post(`${base(person.id)}/plan/actions`, {
      version: '0',
      description: 'Stop direct debits',
      personNeedId: need.id,
      ownerParty: 'prison',
      ...date('dueDate', '2027-01-10'),
      status: 'not_started',
    })
    expect(ok.statusCode).toBe(303)
    expect((await agent.get(`${base(person.id)}/plan`)).body).toContain('data-plan-quality="pass"')
  })
})

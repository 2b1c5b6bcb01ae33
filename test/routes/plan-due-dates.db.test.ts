import { describe, expect, it } from 'vitest'
import { Agent, TODAY, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'

// Issue 12, defect 7: standard actions are not created already overdue, and overdue work is marked.
const t = await testApp()

async function com() {
  const user = await buildUser(t.db, 'com')
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return agent
}

describe('standard plan actions', () => {
  it('are due no earlier than today when the plan is made close to release', async () => {
    const person = await buildPerson(t.db, { releaseInDays: 20 })
    const agent = await com()
    await agent.get(`/people/${person.id}/release-planning/plan`)
    const res = await agent.post(`/people/${person.id}/release-planning/plan/propose`, {})
    expect(res.statusCode).toBe(303)
    const rows = await t.db
      .selectFrom('plan_action' as never)
      .select(['due_date' as never])
      .where('person_id' as never, '=', person.id as never)
      .execute()
    expect(rows.length).toBeGreaterThan(0)
    for (const r of rows as { due_date: string }[]) {
      expect(r.due_date >= TODAY).toBe(true)
      expect(r.due_date <= person.episode.expected_release_date).toBe(true)
    }
    const page = await agent.get(`/people/${person.id}/release-planning/plan`)
    expect(page.body).not.toContain('Overdue')
  })

  it('are marked overdue once their date has passed and they are still open', async () => {
    const person = await buildPerson(t.db, { releaseInDays: 20 })
    const agent = await com()
    await agent.get(`/people/${person.id}/release-planning/plan`)
    await agent.post(`/people/${person.id}/release-planning/plan/propose`, {})
    await t.db
      .updateTable('plan_action' as never)
      .set({ due_date: '2026-11-01' } as never)
      .where('person_id' as never, '=', person.id as never)
      .execute()
    const page = await agent.get(`/people/${person.id}/release-planning/plan`)
    expect(page.body).toContain('<strong class="govuk-tag govuk-tag--red">Overdue</strong>')
  })
})

import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { Agent, TODAY, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import { generateReleasePlanningDemo } from '../../src/demo/release-planning/generate.ts'

// The journeys' untraced finding (docs/defects.md): on the demo, adding the standard actions for a
// release five days away "showed one action as Overdue". Traced: the demo gives many plans standard
// actions of their own, dated their set weeks before release and half of them still in progress, so
// a release five days away already has overdue actions (Apply for ID documents, 12 weeks before).
// The journey took the first release on an unfiltered worklist, assuming it had no plan; the
// button adds only the missing actions, and the page then marks the demo's old one, rightly. None
// that the button adds is overdue (rules/action-due.properties.test.ts for any dates).
const t = await testApp()

interface Action {
  id: string
  standard_action: string
  due_date: string
  status: string
}
const actionsOf = async (personId: string) =>
  (
    await sql<Action>`select id, standard_action, due_date::text as due_date, status from plan_action
      where person_id = ${personId} order by created_at, standard_action`.execute(t.db)
  ).rows

describe('standard actions added five days before a demo release', () => {
  it('add none overdue; the Overdue marker is on an action the demo made earlier', async () => {
    const people = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        buildPerson(t.db, { releaseInDays: 5, familyName: `Fivedays${i}` }),
      ),
    )
    await generateReleasePlanningDemo(t.db, { seed: 20231212, today: TODAY })
    const before = await Promise.all(people.map(async (p) => ({ p, actions: await actionsOf(p.id) })))
    // The demo's own data: releases five days away with in-progress actions already past due.
    const stale = before.filter(({ actions }) =>
      actions.some((a) => a.status !== 'done' && a.due_date < TODAY),
    )
    expect(stale.length, 'demo plans with overdue actions five days before release').toBeGreaterThan(0)
    const { p: person, actions: old } = stale[0]!

    const user = await buildUser(t.db, 'prison_resettlement_worker')
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    await agent.get(`/people/${person.id}/release-planning/plan`)
    expect((await agent.post(`/people/${person.id}/release-planning/plan/propose`, {})).statusCode).toBe(303)

    const after = await actionsOf(person.id)
    const added = after.filter((a) => !old.some((o) => o.id === a.id))
    expect(added.length).toBeGreaterThan(0)
    for (const a of added) {
      expect(a.due_date >= TODAY, a.standard_action).toBe(true)
      expect(a.due_date <= person.episode.expected_release_date, a.standard_action).toBe(true)
    }
    const page = (await agent.get(`/people/${person.id}/release-planning/plan`)).body
    const overdueRows = [...page.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
      .map((m) => m[1]!)
      .filter((row) => row.includes('Overdue'))
    const staleCount = old.filter((a) => a.status !== 'done' && a.due_date < TODAY).length
    expect(overdueRows).toHaveLength(staleCount)

    // The worklist's "no plan actions yet" flag, which the prison's queue now opens, leaves out
    // every release the demo gave actions to, so a journey starting there finds a plan to start.
    const list = (await agent.get('/release-planning/worklist?weeks=12&flag=no_plan_actions')).body
    for (const { p, actions } of before)
      expect(list.includes(`>Fivedays${people.indexOf(p)}, `), p.family_name).toBe(actions.length === 0)
  })

  it('are due by the day the person leaves when the release date is a weekend (CJA 1961 s.23(3))', async () => {
    // Released on Sunday 29 November 2026 by the sentence, so out on Friday 27 November.
    const person = await buildPerson(t.db, { releaseInDays: 7, familyName: 'Sundayrelease' })
    expect(person.episode.expected_release_date).toBe('2026-11-29')
    const user = await buildUser(t.db, 'prison_resettlement_worker')
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    await agent.get(`/people/${person.id}/release-planning/plan`)
    expect((await agent.post(`/people/${person.id}/release-planning/plan/propose`, {})).statusCode).toBe(303)
    const added = await actionsOf(person.id)
    expect(added.length).toBeGreaterThan(0)
    for (const a of added) {
      expect(a.due_date >= TODAY, a.standard_action).toBe(true)
      expect(a.due_date <= '2026-11-27', `${a.standard_action}: ${a.due_date}`).toBe(true)
    }
    // Those whose set point has passed are due on the Friday (they were due on the Sunday).
    expect(added.filter((a) => a.due_date === '2026-11-27').length).toBeGreaterThan(0)
  })
})

import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import { issueTokenFor } from './support.ts'

// Issue 17 finding 5: refusals by role (403) were not audited, though every attempt should be.
const t = await testApp()
const person = await buildPerson(t.db)

const refusals = (userId: string | null, tokenRole?: string) =>
  t.db
    .selectFrom('audit_event')
    .select(['outcome', 'person_id', 'route', 'detail'])
    .$if(userId !== null, (q) => q.where('user_id', '=', userId!))
    .$if(tokenRole !== undefined, (q) => q.where('role', '=', tokenRole as 'council_officer'))
    .where('outcome', '=', 'denied')
    .execute()

describe('a refusal by role is audited as denied', () => {
  for (const [role, path] of [
    ['com', `/people/${person.id}/audit-trail`],
    ['national_analyst', `/people/${person.id}/subject-access.json`],
    ['council_officer', `/people/${person.id}/outcome-records`],
  ] as const) {
    it(`${role} on ${path.replace(person.id, ':id')}`, async () => {
      const user = await buildUser(t.db, role)
      const agent = new Agent(t.app)
      await agent.signIn(user.email)
      const res = await agent.get(path)
      expect(res.statusCode).toBe(403)
      const rows = await refusals(user.id)
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ outcome: 'denied', person_id: person.id, detail: 'role' })
    })
  }

  it('on the API too', async () => {
    const token = await issueTokenFor(t, 'council_officer')
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/people/${person.id}/outcome-records`,
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.statusCode).toBe(403)
    const rows = await refusals(null, 'council_officer')
    expect(rows.some((r) => r.route.startsWith('GET /api/v1/people/:id/outcome-records'))).toBe(true)
  })
})

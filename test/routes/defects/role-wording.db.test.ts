import { describe, expect, it } from 'vitest'
import { testApp } from '../../support/app.ts'
import { signedInNational } from './signed-in.ts'

// Issue 12, defect 12: "a administrator" and lowercase role names in what an administrator reads.
const t = await testApp()

describe('a role named in a sentence (issue 12, defect 12)', () => {
  it('keeps the role’s capital and takes "an" before a vowel', async () => {
    const agent = await signedInNational(t, 'admin')
    const pdu = await t.db
      .selectFrom('organisation')
      .select('id')
      .where('kind', '=', 'pdu')
      .executeTakeFirstOrThrow()
    await agent.get('/admin/users/new')
    const res = await agent.post('/admin/users/new', {
      email: 'ola.admin@example.gov.uk',
      name: 'Ola Admin',
      organisationId: pdu.id,
      role: 'admin',
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toMatch(/\b[Aa]n Administrator must belong to a national organisation/)
    expect(res.body).not.toMatch(/\ba administrator/i)
  })
})

import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'

// Issue 12, defect 3: every link from one journey into another carries the right context.
const t = await testApp()

async function signedIn(role: Parameters<typeof buildUser>[1]) {
  const user = await buildUser(t.db, role)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return agent
}

describe('Refer for CAS3 from a person’s page', () => {
  it('prefills the CRN (not the internal id), the release date and the PDU', async () => {
    const person = await buildPerson(t.db, { releaseInDays: 20 })
    const agent = await signedIn('com')
    const page = await agent.get(`/people/${person.id}`)
    const href = /href="(\/cas3\/referrals\/new\?[^"]+)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&')
    expect(href).toBeDefined()
    const form = await agent.get(href!)
    expect(form.statusCode).toBe(200)
    expect(form.body).not.toContain(`value="${person.id}"`)
    expect(form.body).toContain(`value="${person.crn}"`)
    // 22 November 2026 + 20 days
    expect(form.body).toMatch(/id="releaseDate-day" name="releaseDate-day" type="text"[^>]*value="12"/)
    expect(form.body).toMatch(/<option value="LDNNCAI" selected>/)
  })

  it('prefills nothing for someone outside the caseload, as for someone missing', async () => {
    const agent = await signedIn('com')
    const form = await agent.get('/cas3/referrals/new?person=00000000-0000-4000-8000-000000000000')
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain(
      'id="personIdentifier" name="personIdentifier" type="text" spellcheck="false"',
    )
  })
})

import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'

// Issue 12, defect 6: a read-only user is shown no action they cannot take, and the 403 page
// says in words what happened.
const t = await testApp()

async function signedIn(role: Parameters<typeof buildUser>[1]) {
  const user = await buildUser(t.db, role)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return agent
}

/** Forms that post somewhere other than sign-out, in the page's main content. */
const writeForms = (html: string) =>
  [...html.matchAll(/<form[^>]*method="post"[^>]*action="([^"]*)"/g)]
    .map((m) => m[1])
    .filter((a) => a !== '/sign-out')

describe('a national analyst (read-only)', () => {
  it('sees no write forms or buttons on a person’s planning pages', async () => {
    const person = await buildPerson(t.db)
    const agent = await signedIn('national_analyst')
    const base = `/people/${person.id}/release-planning`
    for (const url of [
      base,
      `${base}/pathways/accommodation`,
      `${base}/screenings`,
      `${base}/plan`,
      `${base}/handover`,
      `${base}/release-day`,
      `${base}/duty-to-refer`,
    ]) {
      const res = await agent.get(url)
      expect(res.statusCode, url).toBe(200)
      expect(writeForms(res.body), url).toEqual([])
      expect(res.body, url).not.toContain('href="/cas3/referrals/new"')
    }
  })

  it('is told in words that their role can view but not change records', async () => {
    const person = await buildPerson(t.db)
    const agent = await signedIn('national_analyst')
    await agent.get(`/people/${person.id}/release-planning/screenings`)
    const res = await agent.post(`/people/${person.id}/release-planning/plan/propose`, {})
    expect(res.statusCode).toBe(403)
    expect(res.body).toContain('You do not have permission to make this change')
    expect(res.body).toContain('The National analyst role cannot make this change, so nothing was saved.')
    expect(res.body).not.toContain('You do not have permission to view this page')
  })

  it('offers a CAS3 officer no referral of their own (they assess, they do not refer)', async () => {
    const agent = await signedIn('cas3_officer')
    const res = await agent.get('/cas3/referrals')
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toContain('href="/cas3/referrals/new"')
  })

  it('still lets a COM see the forms', async () => {
    const person = await buildPerson(t.db)
    const agent = await signedIn('com')
    const res = await agent.get(`/people/${person.id}/release-planning/plan`)
    expect(writeForms(res.body).length).toBeGreaterThan(0)
  })
})

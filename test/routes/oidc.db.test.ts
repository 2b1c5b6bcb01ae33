import { afterAll, describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildUser } from '../support/builders/common.ts'
import { startOidcProvider } from '../support/oidc-provider.ts'

const client = { id: 'resettle-test', secret: 'a-client-secret-for-tests' }
let email = 'placeholder@test.resettle'
const provider = await startOidcProvider(client, {
  sub: 'idp-subject-123',
  get email() {
    return email
  },
})
afterAll(() => provider.close())

const t = await testApp({
  OIDC_ISSUER: provider.issuer,
  OIDC_CLIENT_ID: client.id,
  OIDC_CLIENT_SECRET: client.secret,
  OIDC_REDIRECT_URL: 'http://localhost:3000/sign-in/oidc/callback',
})

/** Follows the redirect to the provider and back, as a browser would. */
async function throughProvider(agent: Agent) {
  const start = await agent.get('/sign-in/oidc')
  expect(start.statusCode).toBe(302)
  const authorize = await fetch(start.headers.location as string, { redirect: 'manual' })
  const back = new URL(authorize.headers.get('location') ?? '')
  return agent.get(back.pathname + back.search)
}

describe('signing in with OpenID Connect', () => {
  it('offers the option on the sign-in page', async () => {
    expect((await new Agent(t.app).get('/sign-in')).body).toContain(
      'Sign in with your organisation’s account',
    )
  })

  it('signs in an existing user by email, then links their subject', async () => {
    const user = await buildUser(t.db, 'com')
    email = user.email
    const agent = new Agent(t.app)
    const callback = await throughProvider(agent)
    expect(callback.statusCode).toBe(303)
    expect((await agent.get('/')).body).toContain(`Welcome, ${user.name}`)
    const linked = await t.db
      .selectFrom('app_user')
      .where('id', '=', user.id)
      .select('oidc_subject')
      .executeTakeFirstOrThrow()
    expect(linked.oidc_subject).toBe('idp-subject-123')
  })

  it('refuses someone the provider knows but Resettle does not', async () => {
    await t.db.updateTable('app_user').set({ oidc_subject: null }).execute()
    email = 'stranger@elsewhere.example'
    const agent = new Agent(t.app)
    const callback = await throughProvider(agent)
    expect(callback.statusCode).toBe(403)
    expect(callback.body).toContain('you do not have a Resettle account')
    expect(agent.cookies.has('resettle_session')).toBe(false)
  })

  it('refuses a callback whose state does not match', async () => {
    const agent = new Agent(t.app)
    await agent.get('/sign-in/oidc')
    const forged = await agent.get('/sign-in/oidc/callback?code=abc&state=forged')
    expect(forged.statusCode).toBe(403)
  })
})

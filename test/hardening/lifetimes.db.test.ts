import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import { loadConfig } from '../../src/platform/config.ts'
import { shouldSeedDemo } from '../../src/cli/seed.ts'
import { issueTokenFor } from './support.ts'

// Issue 17 finding 9: sessions had no absolute lifetime, API tokens never expired, person pages
// and the subject access export could be cached, and production seeded the published password.
const t = await testApp({ SESSION_ABSOLUTE_HOURS: '12', API_TOKEN_DAYS: '30' })

describe('session lifetime', () => {
  it('ends a busy session 12 hours after sign-in, however recently it was used', async () => {
    const user = await buildUser(t.db, 'com')
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    expect((await agent.get('/')).statusCode).toBe(200)
    await t.db
      .updateTable('user_session')
      .set({ created_at: new Date(Date.now() - 12 * 3_600_000 - 60_000), last_seen_at: new Date() })
      .where('user_id', '=', user.id)
      .execute()
    expect((await agent.get('/')).statusCode).toBe(302)
  })
})

describe('API token expiry', () => {
  it('issues tokens with an expiry and refuses them once it has passed', async () => {
    const token = await issueTokenFor(t, 'com')
    const call = () =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/releases/upcoming',
        headers: { authorization: `Bearer ${token}` },
      })
    expect((await call()).statusCode).toBe(200)
    const row = await t.db
      .selectFrom('api_token')
      .select(['id', 'created_at', 'expires_at'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow()
    const days = (row.expires_at.getTime() - row.created_at.getTime()) / 86_400_000
    expect(Math.round(days)).toBe(30)
    await t.db
      .updateTable('api_token')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', row.id)
      .execute()
    expect((await call()).statusCode).toBe(401)
  })
})

describe('caching of personal data', () => {
  it('marks person pages, the subject access export and other signed-in pages no-store', async () => {
    const person = await buildPerson(t.db)
    const agent = new Agent(t.app)
    await agent.signIn((await buildUser(t.db, 'admin')).email)
    for (const path of [`/people/${person.id}`, `/people/${person.id}/subject-access.json`, '/people?q=x']) {
      const res = await agent.get(path)
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toContain('no-store')
    }
  })
})

describe('production start-up', () => {
  it('never seeds demo accounts with the published password', () => {
    const production = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })
    expect(shouldSeedDemo(production)).toBe(false)
    expect(shouldSeedDemo(loadConfig({ NODE_ENV: 'development' }))).toBe(true)
    expect(shouldSeedDemo(loadConfig({ NODE_ENV: 'development', SKIP_DEMO: 'true' }))).toBe(false)
  })
})

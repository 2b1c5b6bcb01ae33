import { describe, expect, it } from 'vitest'
import { Agent, fixedClock, testApp } from '../support/app.ts'
import { buildUser } from '../support/builders/common.ts'
import { loadConfig } from '../../src/platform/config.ts'
import { buildApp, repositories, services } from '../../src/composition.ts'
import { issueTokenFor } from './support.ts'

// Issue 17 finding 2: the sign-in limit was bypassed with a new X-Forwarded-For on each request,
// was held per process, and a locked account answered differently from a wrong password.
const env = { SIGN_IN_RATE_PER_MINUTE: '4', API_RATE_PER_MINUTE: '3', LOCKOUT_THRESHOLD: '2' }
const t = await testApp(env)

/** A second instance of the service on the same database, as a second process would be. */
async function secondInstance(extra: Record<string, string> = {}) {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SKIP_DEMO: 'true', ...env, ...extra })
  const repos = repositories(t.db)
  const app = await buildApp(services(t.db, repos, config, fixedClock), repos, config)
  return app
}

/** A sign-in attempt with a valid CSRF token, as a script driving a browser session would make. */
async function attempt(app: typeof t.app, address: string, forwardedFor?: string) {
  const agent = new Agent(app)
  await agent.get('/sign-in')
  return agent.request({
    method: 'POST',
    url: '/sign-in',
    remoteAddress: address,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    payload: new URLSearchParams({
      email: 'nobody@example.gov.uk',
      password: 'wrong',
      _csrf: agent.csrf,
    }).toString(),
  })
}

describe('sign-in rate limit', () => {
  it('ignores X-Forwarded-For from an untrusted client', async () => {
    const statuses = []
    for (let i = 0; i < 6; i++)
      statuses.push((await attempt(t.app, '198.51.100.7', `203.0.113.${i}`)).statusCode)
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429])
  })

  it('counts attempts from every instance together', async () => {
    const other = await secondInstance()
    try {
      const a = [0, 1].map(() => attempt(t.app, '198.51.100.8'))
      const b = [0, 1].map(() => attempt(other, '198.51.100.8'))
      await Promise.all([...a, ...b])
      expect((await attempt(other, '198.51.100.8')).statusCode).toBe(429)
      expect((await attempt(t.app, '198.51.100.8')).statusCode).toBe(429)
    } finally {
      await other.close()
    }
  })

  it('believes X-Forwarded-For only from a configured proxy', async () => {
    const proxied = await secondInstance({ TRUSTED_PROXIES: '192.0.2.0/24' })
    try {
      for (let i = 0; i < 6; i++)
        expect((await attempt(proxied, '192.0.2.1', `203.0.113.${100 + i}`)).statusCode).toBe(401)
      // The proxy's own address is not what is counted: one client behind it is still limited.
      const same = []
      for (let i = 0; i < 5; i++) same.push((await attempt(proxied, '192.0.2.1', '203.0.113.99')).statusCode)
      expect(same).toEqual([401, 401, 401, 401, 429])
    } finally {
      await proxied.close()
    }
  })

  it('refuses a malformed TRUSTED_PROXIES setting at start-up', () => {
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/99' })).toThrow(/TRUSTED_PROXIES/)
    expect(() => loadConfig({ TRUSTED_PROXIES: 'proxy.internal' })).toThrow(/TRUSTED_PROXIES/)
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.1, fd00::/8' }).trustedProxies).toEqual([
      '10.0.0.1',
      'fd00::/8',
    ])
  })
})

describe('locked accounts', () => {
  it('answer exactly as a wrong password for an unknown address does', async () => {
    const user = await buildUser(t.db, 'pom')
    const post = async (email: string, password: string) => {
      const agent = new Agent(t.app)
      await agent.get('/sign-in')
      const res = await agent.request({
        method: 'POST',
        url: '/sign-in',
        remoteAddress: `198.51.100.${Math.floor(Math.random() * 200) + 20}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ email, password, _csrf: agent.csrf }).toString(),
      })
      const normalised = res.body
        .replaceAll(email, 'EMAIL')
        .replace(/value="[^"]+" name="_csrf"|name="_csrf" value="[^"]+"/g, 'CSRF')
        .replace(/nonce="[^"]+"/g, 'NONCE')
      return { status: res.statusCode, body: normalised }
    }
    await post(user.email, 'wrong')
    await post(user.email, 'wrong')
    const locked = await post(user.email, 'correct horse battery staple')
    const unknown = await post('nobody.at.all@example.gov.uk', 'wrong')
    expect(locked.status).toBe(401)
    expect(locked).toEqual(unknown)
  })
})

describe('API rate limit', () => {
  it('answers 429 problem+json with Retry-After past the limit, per client address', async () => {
    const token = await issueTokenFor(t, 'com')
    const call = (address: string) =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/releases/upcoming',
        remoteAddress: address,
        headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.50' },
      })
    for (let i = 0; i < 3; i++) expect((await call('198.51.100.30')).statusCode).toBe(200)
    const over = await call('198.51.100.30')
    expect(over.statusCode).toBe(429)
    expect(over.headers['content-type']).toContain('application/problem+json')
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0)
    expect((await call('198.51.100.31')).statusCode).toBe(200)
  })
})

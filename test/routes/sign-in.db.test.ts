import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildUser } from '../support/builders/common.ts'

const t = await testApp({ LOCKOUT_THRESHOLD: '3', LOCKOUT_MINUTES: '15' })

describe('signing in', () => {
  it('sends a signed-out visitor to the sign-in page and back afterwards', async () => {
    const user = await buildUser(t.db, 'com')
    const agent = new Agent(t.app)
    const first = await agent.get('/people?q=smith')
    expect(first.statusCode).toBe(302)
    expect(first.headers.location).toBe('/sign-in?returnTo=%2Fpeople%3Fq%3Dsmith')
    await agent.get(first.headers.location as string)
    const res = await agent.post('/sign-in', {
      email: user.email,
      password: 'correct horse battery staple',
      returnTo: '/people?q=smith',
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/people?q=smith')
    const home = await agent.get('/')
    expect(home.statusCode).toBe(200)
    expect(home.body).toContain(`Welcome, ${user.name}`)
  })

  it('shows the GOV.UK error summary and keeps the email when fields are missing or wrong', async () => {
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
    const blank = await agent.post('/sign-in', { email: '', password: '' })
    expect(blank.statusCode).toBe(400)
    expect(blank.body).toContain('There is a problem')
    expect(blank.body).toContain('href="#email"')
    expect(blank.body).toContain('Enter your email address')
    expect(blank.body).toContain('Enter your password')
    const wrong = await agent.post('/sign-in', { email: 'nobody@example.gov.uk', password: 'wrong password' })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.body).toContain('Enter a correct email address and password')
    expect(wrong.body).toContain('value="nobody@example.gov.uk"')
  })

  it('rejects a forged form that lacks the CSRF token', async () => {
    const user = await buildUser(t.db, 'com')
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
    const forged = await agent.post(
      '/sign-in',
      { email: user.email, password: 'correct horse battery staple' },
      { csrf: false },
    )
    expect(forged.statusCode).toBe(403)
    expect(agent.cookies.has('resettle_session')).toBe(false)
  })

  it('locks the account after repeated failures, even for the right password, and audits each try', async () => {
    const user = await buildUser(t.db, 'pom')
    const agent = new Agent(t.app)
    await agent.get('/sign-in')
    for (let i = 0; i < 2; i++)
      expect((await agent.post('/sign-in', { email: user.email, password: 'wrong' })).statusCode).toBe(401)
    const third = await agent.post('/sign-in', { email: user.email, password: 'wrong' })
    // Locked answers as a wrong password does, so account existence does not leak (issue 17).
    expect(third.statusCode).toBe(401)
    const right = await agent.post('/sign-in', {
      email: user.email,
      password: 'correct horse battery staple',
    })
    expect(right.statusCode).toBe(401)
    expect(agent.cookies.has('resettle_session')).toBe(false)
    const audit = await t.db
      .selectFrom('audit_event')
      .where('record_id', '=', user.id)
      .where('action', '=', 'sign_in')
      .select('outcome')
      .execute()
    expect(audit.map((a) => a.outcome)).toEqual(['denied', 'denied', 'denied', 'denied'])
  })

  it('signs out, and the old session no longer works', async () => {
    const user = await buildUser(t.db, 'com')
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    const stolen = agent.cookies.get('resettle_session')
    await agent.get('/')
    expect((await agent.post('/sign-out', {})).statusCode).toBe(303)
    const replay = await t.app.inject({
      method: 'GET',
      url: '/',
      headers: { cookie: `resettle_session=${stolen}` },
    })
    expect(replay.statusCode).toBe(302)
  })

  it('ends a session that has been idle too long', async () => {
    const user = await buildUser(t.db, 'com')
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    expect((await agent.get('/')).statusCode).toBe(200)
    await t.db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('user_id', '=', user.id)
      .execute()
    expect((await agent.get('/')).statusCode).toBe(302)
  })
})

import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll } from 'vitest'
import { loadConfig } from '../../src/platform/config.ts'
import { buildApp, repositories, services, type Clock } from '../../src/composition.ts'
import { testDatabase, type TestDatabase } from './db.ts'

export const TODAY = '2026-11-22'
export const fixedClock: Clock = { today: () => TODAY, now: () => new Date(`${TODAY}T10:00:00Z`) }

/** The whole application on this file's own database, driven through app.inject. */
export async function testApp(env: Record<string, string> = {}) {
  const database = await testDatabase()
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SKIP_DEMO: 'true', ...env })
  const repos = repositories(database.db)
  const svc = services(database.db, repos, config, fixedClock)
  const app = await buildApp(svc, repos, config)
  afterAll(() => app.close())
  return { ...database, app, svc, repos, config }
}

export type TestApp = Awaited<ReturnType<typeof testApp>> & TestDatabase

/** A browser-like client: keeps cookies, and fills in the CSRF token from the last page it read. */
export class Agent {
  cookies = new Map<string, string>()
  csrf = ''
  readonly app: FastifyInstance
  constructor(app: FastifyInstance) {
    this.app = app
  }

  async request(opts: InjectOptions): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const res = await this.app.inject({
      ...opts,
      headers: { ...(opts.headers ?? {}), ...(cookie ? { cookie } : {}) },
    })
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name)
      else this.cookies.set(c.name, c.value)
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)
    if (token?.[1]) this.csrf = token[1]
    return res
  }

  get(url: string) {
    return this.request({ method: 'GET', url })
  }

  /** Posts a form as a browser would, with the CSRF token unless told otherwise. */
  post(url: string, form: Record<string, string | string[]>, options: { csrf?: boolean } = {}) {
    const body = new URLSearchParams()
    for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item)
    if (options.csrf !== false) body.append('_csrf', this.csrf)
    return this.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    })
  }

  async signIn(email: string, password = PASSWORD) {
    await this.get('/sign-in')
    const res = await this.post('/sign-in', { email, password })
    if (res.statusCode !== 303) throw new Error(`sign-in failed for ${email}: ${res.statusCode}`)
    return res
  }
}

export const PASSWORD = 'correct horse battery staple'

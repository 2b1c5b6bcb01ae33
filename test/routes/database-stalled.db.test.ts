import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/platform/db/index.ts'
import { migrateToLatest } from '../../src/platform/db/migrate.ts'
import { loadConfig } from '../../src/platform/config.ts'
import { buildApp, repositories, services } from '../../src/composition.ts'
import { referenceRepository } from '../../src/domains/reference/repository.ts'
import { referenceService } from '../../src/domains/reference/service.ts'
import { Agent, fixedClock } from '../support/app.ts'
import { buildUser } from '../support/builders/common.ts'
import { startPgInstance } from '../support/pg-instance.ts'

// Issue 17, item 4: a stalled server (paused, not gone: its sockets stay open and say nothing)
// held every request and /health for as long as the stall lasted. A server of this test's own
// is stopped with SIGSTOP, which the shared server must never be, and resumed with SIGCONT.
const server = await startPgInstance()
afterAll(() => server.stop())
const setup = await openDatabase({ kind: 'postgres', url: server.url(), poolSize: 2 })
await migrateToLatest(setup.db)
await referenceService(referenceRepository(setup.db)).load()
const user = await buildUser(setup.db, 'com')
await setup.db.destroy()

const TIMEOUTS = { connectMs: 500, statementMs: 1000 }
// The longest a request may wait: a pool slot, then one statement and the client's grace.
const BOUND_MS = TIMEOUTS.connectMs + TIMEOUTS.statementMs + 250
const { db } = await openDatabase({ kind: 'postgres', url: server.url(), poolSize: 3, timeouts: TIMEOUTS })
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SKIP_DEMO: 'true' })
const repos = repositories(db)
const app = await buildApp(services(db, repos, config, fixedClock), repos, config)
afterAll(async () => {
  server.resume()
  await app.close()
  await db.destroy()
})

const timed = async <T>(fn: () => Promise<T>) => {
  const started = performance.now()
  const result = await fn()
  return { result, ms: performance.now() - started }
}

describe('when the database stalls', () => {
  it('answers /health within a second, fails requests with 503 in bounded time, and recovers', async () => {
    const agent = new Agent(app)
    await agent.signIn(user.email)
    expect((await agent.get('/')).statusCode).toBe(200)

    server.pause()
    try {
      const health = await timed(() => app.inject({ method: 'GET', url: '/health' }))
      expect(health.result.statusCode).toBe(503)
      expect(health.ms).toBeLessThan(1000)
      expect(health.result.json()).toEqual({
        status: 'DOWN',
        checks: { database: { status: 'DOWN', state: 'timeout' } },
      })
      // More requests at once than the pool has connections: some wait for a slot, all end.
      const pages = await Promise.all(Array.from({ length: 6 }, () => timed(() => agent.get('/'))))
      for (const page of pages) {
        expect(page.result.statusCode).toBe(503)
        expect(page.result.body).toContain('Sorry, the service is unavailable')
        expect(page.ms).toBeLessThan(BOUND_MS * 2)
      }
      const again = await timed(() => app.inject({ method: 'GET', url: '/health' }))
      expect(again.ms).toBeLessThan(1000)
      expect(again.result.body).not.toMatch(/timeout exceeded|Query read|ECONN|127\.0\.0\.1/)
    } finally {
      server.resume()
    }

    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200)
    const back = await agent.get('/')
    expect(back.statusCode).toBe(200)
    expect(back.body).toContain(`Welcome, ${user.name}`)
  })
})

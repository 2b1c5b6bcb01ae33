import net from 'node:net'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/platform/db/index.ts'
import { migrateToLatest } from '../../src/platform/db/migrate.ts'
import { loadConfig } from '../../src/platform/config.ts'
import { buildApp, repositories, services } from '../../src/composition.ts'
import { referenceRepository } from '../../src/domains/reference/repository.ts'
import { referenceService } from '../../src/domains/reference/service.ts'
import { adminUrl } from '../support/db-target.ts'
import { Agent, fixedClock } from '../support/app.ts'
import { buildUser } from '../support/builders/common.ts'

// The database server sits behind a TCP proxy this test can cut and restore, so the outage is
// real: the pool's sockets die and new connections are refused. It always runs on the
// PostgreSQL server, since an embedded database cannot be unplugged.
const name = `resettle_down_${randomBytes(5).toString('hex')}`
const admin = new pg.Client({ connectionString: adminUrl() })
await admin.connect()
await admin.query(`create database ${name}`)
const direct = await openDatabase({ kind: 'postgres', url: adminUrl(name), poolSize: 2 })
await migrateToLatest(direct.db)
await referenceService(referenceRepository(direct.db)).load()

const sockets = new Set<net.Socket>()
const proxy = net.createServer((client) => {
  const upstream = net.connect(5432, '127.0.0.1')
  for (const s of [client, upstream]) {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => s.destroy())
  }
  client.pipe(upstream).pipe(client)
})
const listen = (port = 0) =>
  new Promise<number>((resolve) =>
    proxy.listen(port, '127.0.0.1', () => resolve((proxy.address() as net.AddressInfo).port)),
  )
const port = await listen()
const cut = () =>
  new Promise<void>((resolve) => {
    proxy.close(() => resolve())
    for (const s of sockets) s.destroy()
  })

const { db } = await openDatabase({
  kind: 'postgres',
  url: `postgres://postgres@127.0.0.1:${port}/${name}`,
  poolSize: 3,
})
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SKIP_DEMO: 'true' })
const repos = repositories(db)
const app = await buildApp(services(db, repos, config, fixedClock), repos, config)

afterAll(async () => {
  await app.close()
  await db.destroy()
  await direct.db.destroy()
  if (proxy.listening) await cut()
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.end()
})

describe('when the database goes away', () => {
  it('answers 503 with a plain message, names the failed check, and recovers by itself', async () => {
    const user = await buildUser(direct.db, 'com')
    const agent = new Agent(app)
    await agent.signIn(user.email)
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200)

    await cut()
    const health = await app.inject({ method: 'GET', url: '/health' })
    expect(health.statusCode).toBe(503)
    expect(health.json()).toMatchObject({
      status: 'DOWN',
      checks: { database: { status: 'DOWN', state: 'down' } },
    })
    const page = await agent.get('/')
    expect(page.statusCode).toBe(503)
    expect(page.body).toContain('Sorry, the service is unavailable')
    expect(page.body).not.toMatch(/ECONNREFUSED|stack|at .*\.ts/)
    expect((await app.inject({ method: 'GET', url: '/ping' })).statusCode).toBe(200)

    await listen(port)
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200)
    const again = await agent.get('/')
    expect(again.statusCode).toBe(200)
    expect(again.body).toContain(`Welcome, ${user.name}`)
  })
})

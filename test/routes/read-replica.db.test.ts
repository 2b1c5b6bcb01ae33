import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase, poolOf, type Database } from '../../src/platform/db/index.ts'
import { openReadDatabase } from '../../src/platform/db/replica.ts'
import { migrateToLatest } from '../../src/platform/db/migrate.ts'
import { loadConfig } from '../../src/platform/config.ts'
import { buildApp, repositories, services } from '../../src/composition.ts'
import { referenceRepository } from '../../src/domains/reference/repository.ts'
import { referenceService } from '../../src/domains/reference/service.ts'
import { releasedPerson, statusEvent } from '../support/builders/outcomes.ts'
import { parseCsv } from '../../src/platform/csv.ts'
import { Agent, fixedClock } from '../support/app.ts'
import { buildUser, LONDON } from '../support/builders/common.ts'
import { startPgInstance, startReplicaOf } from '../support/pg-instance.ts'

// Issue 17, item 6: a real streaming replica (pg_basebackup of a server of this test's own, on a
// second port). The dashboards read from it, writes go to the primary, and a replica that is
// down is passed over for the primary.
const AUG = '2026-08-12'
const primary = await startPgInstance()
const setup = await openDatabase({ kind: 'postgres', url: primary.url(), poolSize: 2 })
await migrateToLatest(setup.db)
await referenceService(referenceRepository(setup.db)).load()
for (let i = 0; i < 6; i++)
  await statusEvent(setup.db, await releasedPerson(setup.db, LONDON, AUG), AUG, { accommodation: 'A01C' })
const analyst = await buildUser(setup.db, 'national_analyst')
const replica = await startReplicaOf(primary)
let replicaStopped = false

const TIMEOUTS = { connectMs: 500, statementMs: 3000 }
const { db } = await openDatabase({ kind: 'postgres', url: primary.url(), poolSize: 3, timeouts: TIMEOUTS })
const pool = poolOf(db)
if (!pool) throw new Error('no pool')
const reads = openReadDatabase(replica.url(), pool, { poolSize: 3, timeouts: TIMEOUTS })
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SKIP_DEMO: 'true' })
const repos = repositories(db)
const app = await buildApp(services(db, repos, config, fixedClock, reads), repos, config)
afterAll(async () => {
  await app.close()
  await reads.destroy()
  await db.destroy()
  await setup.db.destroy()
  if (!replicaStopped) replica.stop()
  primary.stop()
})

const inRecovery = async (handle: Database) =>
  (await sql<{ r: boolean }>`select pg_is_in_recovery() as r`.execute(handle)).rows[0]?.r

async function replicaQuery(text: string) {
  const c = new pg.Client({ connectionString: replica.url() })
  await c.connect()
  try {
    return await c.query<{ ok?: boolean }>(text)
  } finally {
    await c.end()
  }
}

/** Waits until the replica has replayed everything the primary has written so far. */
async function caughtUp() {
  const lsn = (await sql<{ l: string }>`select pg_current_wal_lsn()::text as l`.execute(setup.db)).rows[0]?.l
  for (let i = 0; i < 200; i++) {
    const r = await replicaQuery(`select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as ok`)
    if (r.rows[0]?.ok) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('the replica did not catch up')
}

async function londonHousedRate(agent: Agent) {
  const res = await agent.get('/outcomes?download=regions-against-targets&format=csv')
  expect(res.statusCode).toBe(200)
  return parseCsv(res.body).find(
    (r) => r.Region === 'London' && r.Measure === 'Housed on the first night after release',
  )?.Rate
}

describe('a streaming read replica', () => {
  it('serves the dashboards while writes go to the primary, and falls back when it is down', async () => {
    expect(await inRecovery(reads)).toBe(true)
    expect(await inRecovery(db)).toBe(false)
    await caughtUp()
    const agent = new Agent(app)
    // Signing in writes a session: it must work though reads may go to a read-only server.
    await agent.signIn(analyst.email)
    expect(await londonHousedRate(agent)).toBe('100%')

    // Replay paused: a release recorded on the primary is not on the replica yet, and the
    // dashboard does not show it, so the dashboard reads the replica.
    await replicaQuery('select pg_wal_replay_pause()')
    await statusEvent(setup.db, await releasedPerson(setup.db, LONDON, AUG), AUG, { accommodation: 'A08A' })
    expect(await londonHousedRate(agent)).toBe('100%')
    await replicaQuery('select pg_wal_replay_resume()')
    await caughtUp()
    expect(await londonHousedRate(agent)).toBe('85.7%')

    // The replica goes away: the next dashboards come from the primary, with its latest figures.
    replica.stop()
    replicaStopped = true
    await statusEvent(setup.db, await releasedPerson(setup.db, LONDON, AUG), AUG, { accommodation: 'A08A' })
    let rate: string | undefined
    for (let attempt = 0; attempt < 3 && rate !== '75%'; attempt++) {
      // A connection that was idle when the replica died may fail once (503); then the primary.
      const res = await agent.get('/outcomes?download=regions-against-targets&format=csv')
      if (res.statusCode === 200)
        rate = parseCsv(res.body).find(
          (r) => r.Region === 'London' && r.Measure === 'Housed on the first night after release',
        )?.Rate
      else expect(res.statusCode).toBe(503)
    }
    expect(rate).toBe('75%')
    expect(await inRecovery(reads)).toBe(false)
  })
})

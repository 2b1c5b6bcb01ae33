import { loadConfig } from './platform/config.ts'
import { openDatabase, poolOf, type Database } from './platform/db/index.ts'
import { openReadDatabase } from './platform/db/replica.ts'
import { migrateToLatest } from './platform/db/migrate.ts'
import { buildApp, repositories, services, systemClock } from './composition.ts'
import { seedIfEmpty } from './cli/seed.ts'
import { startupBanner } from './cli/banner.ts'

const config = loadConfig()
/** The longest one statement of a background job may run: ten minutes. */
const JOB_STATEMENT_TIMEOUT_MS = 600_000
const poolOfOrThrow = (handle: Database) => {
  const pool = poolOf(handle)
  if (!pool) throw new Error('a read replica needs DATABASE_URL')
  return pool
}
// Migrations and the first demo load may run for minutes: on PostgreSQL they use a connection of
// their own without the serving pool's timeouts (issue 17), closed before the app listens.
const setup =
  config.database.kind === 'postgres'
    ? await openDatabase({ kind: 'postgres', url: config.database.url, poolSize: 2 })
    : undefined
const { db } = await openDatabase(
  config.database.kind === 'postgres'
    ? { kind: 'postgres', url: config.database.url, timeouts: config.database.timeouts }
    : { kind: 'pglite', dataDir: config.database.dataDir },
)
let reads: Database = db
let setupClosed = false

// Ctrl-C or SIGTERM at any point, even while the demo data is still being made, closes the
// server and then the databases (PGlite writes its files on close) before the process ends.
// `npm start` execs node (package.json), so the signal npm forwards reaches this process.
let closeServer: () => Promise<unknown> = async () => undefined
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    void closeServer()
      .catch(() => undefined)
      .then(() => (reads === db ? undefined : reads.destroy()))
      .then(() => (setupClosed ? undefined : setup?.db.destroy()))
      .then(() => db.destroy())
      .then(
        () => {
          console.log('Resettle stopped; the database is closed.')
          process.exit(0)
        },
        (err: unknown) => {
          console.error('Resettle stopped, but the database did not close cleanly:', err)
          process.exit(1)
        },
      )
  })
}

const setupDb = setup?.db ?? db
await migrateToLatest(setupDb)
const seeded = await seedIfEmpty(setupDb, services(setupDb, repositories(setupDb), config), config, (line) =>
  console.log(line),
)
await setup?.db.destroy()
setupClosed = true
// Heavy reads go to the replica when one is configured, and fall back to the primary without it.
if (config.database.kind === 'postgres' && config.database.replicaUrl)
  reads = openReadDatabase(config.database.replicaUrl, poolOfOrThrow(db), {
    timeouts: config.database.timeouts,
  })
const repos = repositories(db)
const svc = services(db, repos, config, systemClock, reads)

const app = await buildApp(svc, repos, config)
// Evaluations run in the background from their database queue (src/domains/evaluation). A national
// evaluation reads for several seconds, longer than a page may wait (DATABASE_STATEMENT_TIMEOUT_MS),
// so on PostgreSQL the worker has connections of its own with a bound long enough for the job.
const jobs =
  config.database.kind === 'postgres'
    ? await openDatabase({
        kind: 'postgres',
        url: config.database.url,
        poolSize: 2,
        timeouts: { ...config.database.timeouts, statementMs: JOB_STATEMENT_TIMEOUT_MS },
      })
    : undefined
const worker = jobs
  ? services(jobs.db, repositories(jobs.db), config, systemClock).evaluations
  : svc.evaluations
const stopEvaluations = worker.startWorker()
closeServer = async () => {
  stopEvaluations()
  await app.close()
  await jobs?.db.destroy()
}
// The banner below says where Resettle runs: Fastify's own JSON "Server listening" line, logged
// at info, would only repeat it before the block (issue 12, item 14). Request logs are unaffected.
const logLevel = app.log.level
app.log.level = 'warn'
await app.listen({ port: config.port, host: config.host })
app.log.level = logLevel

const address = app.server.address()
const port = typeof address === 'object' && address ? address.port : config.port
const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host
process.stdout.write(
  startupBanner({
    url: `http://${host}:${port}`,
    database:
      config.database.kind === 'postgres' ? 'PostgreSQL' : `embedded PGlite (${config.database.dataDir})`,
    password: config.demo.password,
    requestLogs: config.requestLogs,
    users: seeded.demoUsers,
  }),
)

// Idle sessions are also refused on use; this sweep only keeps the table small.
const sweep = setInterval(() => void svc.identity.deleteIdleSessions().catch(() => undefined), 15 * 60_000)
sweep.unref()

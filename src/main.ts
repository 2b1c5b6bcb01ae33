import { loadConfig } from './platform/config.ts'
import { openDatabase, poolOf, type Database } from './platform/db/index.ts'
import { openReadDatabase } from './platform/db/replica.ts'
import { migrateToLatest } from './platform/db/migrate.ts'
import { buildApp, repositories, services, systemClock } from './composition.ts'
import { seedIfEmpty } from './cli/seed.ts'

const config = loadConfig()
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
const setupDb = setup?.db ?? db
await migrateToLatest(setupDb)
const seeded = await seedIfEmpty(setupDb, services(setupDb, repositories(setupDb), config), config, (line) =>
  console.log(line),
)
await setup?.db.destroy()
// Heavy reads go to the replica when one is configured, and fall back to the primary without it.
const reads =
  config.database.kind === 'postgres' && config.database.replicaUrl
    ? openReadDatabase(config.database.replicaUrl, poolOfOrThrow(db), { timeouts: config.database.timeouts })
    : db
const repos = repositories(db)
const svc = services(db, repos, config, systemClock, reads)

const app = await buildApp(svc, repos, config)
await app.listen({ port: config.port, host: config.host })

const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host === '127.0.0.1' ? 'localhost' : config.host}:${config.port}`
console.log(
  `\nResettle is running at ${url} on ${config.database.kind === 'postgres' ? 'PostgreSQL' : `embedded PGlite (${config.database.dataDir})`}`,
)
if (seeded.demoUsers.length) {
  console.log(`\nDemo sign-ins (password: ${config.demo.password}):`)
  for (const u of seeded.demoUsers)
    console.log(`  ${u.role.padEnd(28)} ${u.email.padEnd(40)} ${u.organisationName}`)
}

// Idle sessions are also refused on use; this sweep only keeps the table small.
const sweep = setInterval(() => void svc.identity.deleteIdleSessions().catch(() => undefined), 15 * 60_000)
sweep.unref()

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app
      .close()
      .then(() => (reads === db ? undefined : reads.destroy()))
      .then(() => db.destroy())
      .then(() => process.exit(0))
  })
}

import { loadConfig } from './platform/config.ts'
import { openDatabase } from './platform/db/index.ts'
import { migrateToLatest } from './platform/db/migrate.ts'
import { buildApp, repositories, services } from './composition.ts'
import { seedIfEmpty } from './cli/seed.ts'

const config = loadConfig()
const { db } = await openDatabase(
  config.database.kind === 'postgres'
    ? { kind: 'postgres', url: config.database.url }
    : { kind: 'pglite', dataDir: config.database.dataDir },
)
await migrateToLatest(db)
const repos = repositories(db)
const svc = services(db, repos, config)
const seeded = await seedIfEmpty(db, svc, config, (line) => console.log(line))

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
// Evaluations run in the background from their database queue (src/domains/evaluation).
const stopEvaluations = svc.evaluations.startWorker()

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopEvaluations()
    void app
      .close()
      .then(() => db.destroy())
      .then(() => process.exit(0))
  })
}

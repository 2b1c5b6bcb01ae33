import { loadConfig } from './platform/config.ts'
import { openDatabase } from './platform/db/index.ts'
import { migrateToLatest } from './platform/db/migrate.ts'
import { buildApp, repositories, services } from './composition.ts'
import { seedIfEmpty } from './cli/seed.ts'
import { startupBanner } from './cli/banner.ts'

const config = loadConfig()
const { db } = await openDatabase(
  config.database.kind === 'postgres'
    ? { kind: 'postgres', url: config.database.url }
    : { kind: 'pglite', dataDir: config.database.dataDir },
)

// Ctrl-C or SIGTERM at any point, even while the demo data is still being made, closes the
// server and then the database (PGlite writes its files on close) before the process ends.
// `npm start` execs node (package.json), so the signal npm forwards reaches this process.
let closeServer: () => Promise<unknown> = async () => undefined
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    void closeServer()
      .catch(() => undefined)
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

await migrateToLatest(db)
const repos = repositories(db)
const svc = services(db, repos, config)
const seeded = await seedIfEmpty(db, svc, config, (line) => console.log(line))

const app = await buildApp(svc, repos, config)
closeServer = () => app.close()
await app.listen({ port: config.port, host: config.host })

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

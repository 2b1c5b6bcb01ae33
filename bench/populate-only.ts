// Populates a bench database without measuring anything: `node bench/populate-only.ts 100000`.
// For measuring one section on a smaller database (npm run bench:section -- variation).
import { sql } from 'kysely'
import { loadConfig } from '../src/platform/config.ts'
import { openDatabase } from '../src/platform/db/index.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { repositories, services } from '../src/composition.ts'
import { generateDemoData } from '../src/domains/demo/generator.ts'
import { recreateDatabase } from './support.ts'
import { londonToday } from '../src/platform/calendar/index.ts'

const people = Number(process.argv[2] ?? '100000')
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/resettle_bench'
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', SKIP_DEMO: 'true' })
await recreateDatabase(url)
const { db } = await openDatabase({ kind: 'postgres', url, poolSize: 4 })
await migrateToLatest(db)
await services(db, repositories(db), config).reference.load()
const today = londonToday()
const summary = await generateDemoData(db, {
  people,
  seed: config.demo.seed,
  password: config.demo.password,
  today,
})
await sql`vacuum analyze`.execute(db)
console.log(`${summary.people} people, ${summary.custodyEpisodes} releases`)
await db.destroy()

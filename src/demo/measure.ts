/**
 * Times the demo-data generator on a fresh database, for docs/demo-data.md:
 *   node src/demo/measure.ts pglite 3000
 *   node src/demo/measure.ts postgres 100000 postgres://postgres@127.0.0.1:5432/test
 * For PostgreSQL it creates a scratch database beside the one named in the URL and drops it after.
 */
import pg from 'pg'
import { openDatabase, type Database } from '../platform/db/index.ts'
import { migrateToLatest } from '../platform/db/migrate.ts'
import { referenceRepository } from '../domains/reference/repository.ts'
import { referenceService } from '../domains/reference/service.ts'
import { generateDemoData } from './generator.ts'

const [kind = 'pglite', peopleArg = '3000', url = 'postgres://postgres@127.0.0.1:5432/test'] =
  process.argv.slice(2)
const people = Number(peopleArg)
const scratch = `demo_measure_${process.pid}`

async function run(db: Database): Promise<void> {
  await migrateToLatest(db)
  await referenceService(referenceRepository(db)).load()
  const started = performance.now()
  const summary = await generateDemoData(db, {
    people,
    seed: 1,
    password: 'demo-measure-password',
    today: '2026-03-02',
  })
  const seconds = (performance.now() - started) / 1000
  const rows = summary.people + summary.custodyEpisodes
  console.log(
    `${kind}: ${summary.people} people, ${summary.custodyEpisodes} releases in ${seconds.toFixed(1)} s: ` +
      `${Math.round(rows / seconds)} rows/s (${Math.round(summary.custodyEpisodes / seconds)} releases/s)`,
  )
}

if (kind === 'pglite') {
  const { db } = await openDatabase({ kind: 'pglite' })
  await run(db).finally(() => db.destroy())
} else {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${scratch}`)
  const target = new URL(url)
  target.pathname = `/${scratch}`
  const { db } = await openDatabase({ kind: 'postgres', url: target.toString() })
  try {
    await run(db)
  } finally {
    await db.destroy()
    await admin.query(`drop database if exists ${scratch}`)
    await admin.end()
  }
}

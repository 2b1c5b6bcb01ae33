/**
 * `npm run verify:measures`: recomputes every measure from the raw tables with plain SQL written
 * from the definitions (src/domains/outcomes/verify.ts) and compares every region and national
 * quarter with the query builder the dashboards and the API use. Prints a summary and exits
 * non-zero on any difference.
 *
 *   npm run verify:measures                      the configured database (DATABASE_URL or .data/)
 *   npm run verify:measures -- --demo 3000       a fresh in-memory PGlite with 3,000 demo people
 *   npm run verify:measures -- --today 2026-11-22
 */
import { parseArgs } from 'node:util'
import { loadConfig } from '../src/platform/config.ts'
import { openDatabase } from '../src/platform/db/index.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { repositories, services } from '../src/composition.ts'
import { generateDemoData } from '../src/domains/demo/generator.ts'
import { MEASURES } from '../src/domains/outcomes/measures.ts'
import { measureCells } from '../src/domains/outcomes/query.ts'
import { compareCells, recomputeMeasures } from '../src/domains/outcomes/verify.ts'
import { londonToday } from '../src/platform/calendar/index.ts'

const { values } = parseArgs({
  options: { demo: { type: 'string' }, today: { type: 'string' }, seed: { type: 'string' } },
})
const today = values.today ?? londonToday()
if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error('--today must be a date, e.g. 2026-11-22')
const config = loadConfig()
const demoPeople = values.demo === undefined ? null : Number(values.demo)
if (demoPeople !== null && !(Number.isInteger(demoPeople) && demoPeople > 0))
  throw new Error('--demo must be a whole number of people')

const { db } =
  demoPeople !== null
    ? await openDatabase({ kind: 'pglite' })
    : await openDatabase(
        config.database.kind === 'postgres'
          ? { kind: 'postgres', url: config.database.url }
          : { kind: 'pglite', dataDir: config.database.dataDir },
      )
const started = Date.now()
try {
  await migrateToLatest(db)
  if (demoPeople !== null) {
    await services(db, repositories(db), config).reference.load()
    const summary = await generateDemoData(db, {
      people: demoPeople,
      seed: values.seed === undefined ? config.demo.seed : Number(values.seed),
      password: config.demo.password,
      today,
    })
    console.log(
      `Demo data: ${summary.people} people, ${summary.custodyEpisodes} custody episodes (${((Date.now() - started) / 1000).toFixed(1)} s).`,
    )
  }
  const [expected, region, national] = await Promise.all([
    recomputeMeasures(db, today),
    measureCells(db, MEASURES, { today, unit: 'quarter', groupBy: 'region' }),
    measureCells(db, MEASURES, { today, unit: 'quarter', groupBy: 'national' }),
  ])
  const actual = [...region, ...national]
  const diffs = compareCells(expected, actual)
  const cells = new Set(expected.map((c) => `${c.measure} ${c.group} ${c.period}`)).size
  for (const m of MEASURES) {
    const mine = expected.filter((c) => c.measure === m.key)
    const bad = new Set(diffs.filter((d) => d.key.startsWith(`${m.key} `)).map((d) => d.key)).size
    console.log(
      `${bad ? 'DIFFERS' : 'agrees '}  ${m.key.padEnd(30)} ${String(mine.length).padStart(5)} cells, ${bad} differ`,
    )
  }
  for (const d of diffs.slice(0, 40))
    console.log(`  ${d.key}: ${d.field} recomputed ${d.expected}, query builder ${d.actual}`)
  const differing = new Set(diffs.map((d) => d.key)).size
  console.log(
    `\n${cells} region and national quarter cells as of ${today}: ${differing === 0 ? 'all agree' : `${differing} differ`} (${((Date.now() - started) / 1000).toFixed(1)} s).`,
  )
  process.exitCode = differing === 0 && cells > 0 ? 0 : 1
  if (cells === 0) console.log('No cells to compare: is there any data?')
} finally {
  await db.destroy()
}

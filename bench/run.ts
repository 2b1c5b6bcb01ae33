import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { loadConfig } from '../src/platform/config.ts'
import { openDatabase, type Database } from '../src/platform/db/index.ts'
import { migrateToLatest } from '../src/platform/db/migrate.ts'
import { repositories, services } from '../src/composition.ts'
import { generateDemoData } from '../src/domains/demo/generator.ts'
import { benchFoundation, foundationMarkdown, type FoundationResult } from './foundation.ts'
import { benchReleasePlanning } from './release-planning.ts'
import { benchReferrals } from './referrals.ts'
import { benchCas3 } from './cas3.ts'
import { benchOutcomes } from './outcomes.ts'
import { benchVariation } from './variation.ts'
import { benchEvaluation } from './evaluation.ts'
import { benchForecasting } from './forecasting.ts'
import { machine, recreateDatabase, writeSection } from './support.ts'
import { hardeningSection } from './hardening.ts'
import { londonToday } from '../src/platform/calendar/index.ts'

// npm run bench [-- --people 510000 --embedded-people 50000 --iterations 300]
// About 510,000 people give 600,000+ releases: ten years of England and Wales releases.
const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '510000' },
    'embedded-people': { type: 'string', default: '50000' },
    iterations: { type: 'string', default: '300' },
    'skip-embedded': { type: 'boolean', default: false },
  },
})
const people = Number(values.people)
const embeddedPeople = Number(values['embedded-people'])
const iterations = Number(values.iterations)
if (![people, embeddedPeople, iterations].every((n) => Number.isInteger(n) && n > 0)) {
  console.error('--people, --embedded-people and --iterations take whole numbers above zero')
  process.exit(2)
}

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', SKIP_DEMO: 'true' })
const today = londonToday()

interface Generated {
  people: number
  releases: number
  seconds: number
}

async function populate(db: Database, n: number): Promise<Generated> {
  await migrateToLatest(db)
  const svc = services(db, repositories(db), config)
  await svc.reference.load()
  const started = performance.now()
  let last = 0
  const summary = await generateDemoData(
    db,
    { people: n, seed: config.demo.seed, password: config.demo.password, today },
    (done, total) => {
      const pct = Math.floor((done / total) * 10)
      if (pct > last) {
        last = pct
        process.stdout.write(`  ${pct * 10}%`)
      }
    },
  )
  process.stdout.write('\n')
  const seconds = (performance.now() - started) / 1000
  // A bulk load leaves no visibility map; autovacuum would build it in steady state, and
  // index-only counts depend on it.
  await sql`vacuum analyze`.execute(db)
  return { people: summary.people, releases: summary.custodyEpisodes, seconds }
}

async function run(label: string, db: Database, n: number) {
  console.log(`\n${label}: generating ${n.toLocaleString('en-GB')} people...`)
  const generated = await populate(db, n)
  console.log(`  ${generated.releases.toLocaleString('en-GB')} releases in ${generated.seconds.toFixed(1)} s`)
  const svc = services(db, repositories(db), config)
  const foundation = await benchFoundation(db, svc, iterations)
  console.log(foundationMarkdown(foundation))
  // Each domain measures its own hot path and returns its own section of the report.
  const domains: string[] = []
  for (const [name, bench] of [
    ['release planning', () => benchReleasePlanning(db, svc, iterations)],
    ['referrals', () => benchReferrals(db, svc)],
    ['CAS3', () => benchCas3(db, svc, iterations)],
    ['outcomes', () => benchOutcomes(db, svc)],
    ['variation', () => benchVariation(db, svc)],
    ['evaluation', () => benchEvaluation(db, svc, { pool: label === 'PostgreSQL' ? 202_000 : 20_000 })],
    ['forecasting', () => benchForecasting(db, svc)],
  ] as const) {
    console.log(`\n${label}: ${name}...`)
    const section = await bench()
    console.log(section)
    domains.push(section)
  }
  return { generated, foundation, domains }
}

const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/resettle_bench'
await recreateDatabase(pgUrl)
const pgDb = (await openDatabase({ kind: 'postgres', url: pgUrl, poolSize: 4 })).db
const pgResult = await run('PostgreSQL', pgDb, people)
await pgDb.destroy()
// Issue 17: the dashboard under 10 users over HTTP, and the soak on a private server.
writeSection('docs/benchmarks.md', 'hardening', await hardeningSection(pgUrl, pgResult.generated))

let embedded: { generated: Generated; foundation: FoundationResult; domains: string[] } | undefined
if (!values['skip-embedded']) {
  const dir = mkdtempSync(join(tmpdir(), 'resettle-bench-'))
  const lite = (await openDatabase({ kind: 'pglite', dataDir: dir })).db
  embedded = await run('Embedded PGlite', lite, embeddedPeople)
  await lite.destroy()
  rmSync(dir, { recursive: true, force: true })
}

const rate = (g: Generated) =>
  `${Math.round(g.releases / g.seconds).toLocaleString('en-GB')} releases/s (${Math.round(g.people / g.seconds).toLocaleString('en-GB')} people/s)`
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`
const pgSearch = pgResult.foundation.search['COM (Camden and Islington PDU)']
const liteSearch = embedded?.foundation.search['COM (Camden and Islington PDU)']

writeSection(
  'docs/benchmarks.md',
  'foundation',
  `
## Foundation: demo generation, person search and upcoming releases

Measured ${today} on ${machine()}. Command: \`npm run bench\`.

**PostgreSQL 15** (127.0.0.1), ${pgResult.generated.people.toLocaleString('en-GB')} people and ${pgResult.generated.releases.toLocaleString('en-GB')} releases.

- Demo generation: ${pgResult.generated.seconds.toFixed(1)} s, ${rate(pgResult.generated)}.
- Latency through the service layer (scope predicate, query and the audit row each call writes), ${iterations} calls each, one at a time after a warm-up:

${foundationMarkdown(pgResult.foundation)}

Query plans for the two hot paths:

\`\`\`
${Object.entries(pgResult.foundation.plans)
  .map(([k, v]) => `-- ${k}\n${v}`)
  .join('\n\n')}
\`\`\`
${
  embedded
    ? `
**Embedded PGlite** (in-process, on-disk data directory), ${embedded.generated.people.toLocaleString('en-GB')} people and ${embedded.generated.releases.toLocaleString('en-GB')} releases.

- Demo generation: ${embedded.generated.seconds.toFixed(1)} s, ${rate(embedded.generated)}; ${ratio(pgResult.generated.releases / pgResult.generated.seconds, embedded.generated.releases / embedded.generated.seconds)} slower than PostgreSQL per release.
- COM person search p95 ${liteSearch ? `${liteSearch.p95.toFixed(1)} ms against ${pgSearch?.p95.toFixed(1)} ms on PostgreSQL at ${Math.round(pgResult.generated.people / embedded.generated.people)}× the data` : ''}.

${foundationMarkdown(embedded.foundation)}
`
    : ''
}
`,
)
writeSection(
  'docs/benchmarks.md',
  'domains',
  `
## Release planning, referrals, CAS3 and outcomes

Measured ${today} on ${machine()}, in the same run and databases as the foundation figures above.

### PostgreSQL 15, ${pgResult.generated.releases.toLocaleString('en-GB')} releases

${pgResult.domains.join('\n\n')}
${
  embedded
    ? `
### Embedded PGlite, ${embedded.generated.releases.toLocaleString('en-GB')} releases

${embedded.domains.join('\n\n')}
`
    : ''
}
`,
)
console.log('\nWrote docs/benchmarks.md')

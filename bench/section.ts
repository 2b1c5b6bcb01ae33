import { loadConfig } from '../src/platform/config.ts'
import { openDatabase } from '../src/platform/db/index.ts'
import { repositories, services } from '../src/composition.ts'
import { benchFoundation, foundationMarkdown } from './foundation.ts'
import { benchReleasePlanning } from './release-planning.ts'
import { benchReferrals } from './referrals.ts'
import { benchCas3 } from './cas3.ts'
import { benchOutcomes } from './outcomes.ts'
import { benchVariation } from './variation.ts'
import { funnelCheck, funnelRedraw } from './funnel.ts'
import { benchEvaluation } from './evaluation.ts'
import { benchForecasting } from './forecasting.ts'
import { machine } from './support.ts'
import { benchDashboardLoad, benchNarrowedDashboard } from './dashboard-load.ts'
import { benchSoak } from './soak.ts'
import { londonToday } from '../src/platform/calendar/index.ts'

// Re-measures one section on the database the last `npm run bench` left behind, without
// regenerating it: `npm run bench:section -- release-planning`. Prints markdown.
const sections = {
  foundation: async (db, svc) => foundationMarkdown(await benchFoundation(db, svc, 300)),
  'release-planning': (db, svc) => benchReleasePlanning(db, svc, 300),
  referrals: (db, svc) => benchReferrals(db, svc),
  cas3: (db, svc) => benchCas3(db, svc, 300),
  outcomes: (db, svc) => benchOutcomes(db, svc),
  'dashboard-load': () =>
    benchDashboardLoad(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/resettle_bench'),
  'dashboard-narrowed': () =>
    benchNarrowedDashboard(
      process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/resettle_bench',
    ),
  variation: (db, svc) => benchVariation(db, svc),
  // Read-only: the funnels' outliers on any database, the shared bench database too.
  funnel: (db, svc) => funnelCheck(db, svc.variation.today(), Number(process.argv[3] ?? 12)),
  // The demo's own seed and seven others: chance or a mechanism?
  'funnel-redraw': (db, svc) =>
    funnelRedraw(db, svc.variation.today(), [config.demo.seed, 1, 2, 3, 4, 5, 6, 7]),
  evaluation: (db, svc) => benchEvaluation(db, svc, { log: console.log }),
  forecasting: (db, svc) => benchForecasting(db, svc),
} satisfies Record<
  string,
  (db: Awaited<ReturnType<typeof openDatabase>>['db'], svc: ReturnType<typeof services>) => Promise<string>
>

const name = process.argv[2] ?? ''
// The soak runs on a private server of its own, not the bench database (issue 17).
if (name === 'soak') {
  console.log(`soak, measured ${londonToday()} on ${machine()}:\n`)
  console.log(await benchSoak())
  process.exit(0)
}
if (!(name in sections)) {
  console.error(`Name a section: ${[...Object.keys(sections), 'soak'].join(', ')}`)
  process.exit(2)
}
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/resettle_bench'
const { db } = await openDatabase({ kind: 'postgres', url, poolSize: 4 })
const releases = await db
  .selectFrom('custody_episode')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirst()
if (!releases?.n) {
  console.error('The bench database is empty: run `npm run bench` first.')
  process.exit(2)
}
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', SKIP_DEMO: 'true' })
console.log(
  `${name}, re-measured ${londonToday()} on ${machine()}, ${releases.n.toLocaleString('en-GB')} releases:\n`,
)
console.log(await sections[name as keyof typeof sections](db, services(db, repositories(db), config)))
await db.destroy()

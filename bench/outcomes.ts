import { sql } from 'kysely'
import type { Database } from '../src/platform/db/index.ts'
import type { Services } from '../src/composition.ts'
import {
  MEASURES,
  latestCompletePeriod,
  periodEnd,
  type CheckpointMeasure,
  type Measure,
} from '../src/domains/outcomes/measures.ts'
import { measureCells, type Cell, type Source } from '../src/domains/outcomes/query.ts'
import { outcomesRepository } from '../src/domains/outcomes/repository.ts'
import { applyOffset } from '../src/domains/outcomes/checkpoints.ts'
import { measure, ms, sampler } from './support.ts'

const sortKey = (c: Cell) => `${c.measure}|${c.group}|${c.period}`

/**
 * Every measure for every region and 40 quarters, on the trigger-kept facts (the dashboards'
 * path) and on the plain "latest event on or before the checkpoint per release" definition, in
 * the same run; whether they agree; and the drill-down to the releases behind one figure.
 */
export async function benchOutcomes(
  db: Database,
  svc: Services,
  options: { plainRuns?: number; fastRuns?: number } = {},
): Promise<string> {
  const today = svc.outcomes.today()
  const from = applyOffset(latestCompletePeriod(MEASURES[0], today, 'quarter'), { months: -3 * 39 })
  const filter = { today, unit: 'quarter' as const, groupBy: 'region' as const, from }
  const all = (source: Source) => measureCells(db, MEASURES, filter, source)
  const size = (
    await sql<{ releases: string; events: string; facts: string; rollup: string }>`select
      (select count(*) from custody_episode where actual_release_date is not null) as releases,
      (select count(*) from status_event) as events,
      (select count(*) from outcome_fact) as facts,
      (select count(*) from outcome_rollup) as rollup`.execute(db)
  ).rows[0]
  const runs = (n: number) => Array.from({ length: n }, (_, k) => k)
  const fast = await measure(runs(options.fastRuns ?? 20), () => all('fast'), 3)
  const facts = await measure(runs(options.plainRuns ?? 5), () => all('fact'), 1)
  const plain = await measure(runs(options.plainRuns ?? 3), () => all('plain'), 1)
  const [a, b] = await Promise.all([all('fast'), all('plain')])
  const equal =
    JSON.stringify([...a].sort((x, y) => sortKey(x).localeCompare(sortKey(y)))) ===
    JSON.stringify([...b].sort((x, y) => sortKey(x).localeCompare(sortKey(y))))

  const repo = outcomesRepository(db)
  const regions = (await repo.regions()).map((r) => r.code)
  const release = (MEASURES as readonly Measure[]).filter(
    (m): m is CheckpointMeasure => m.type === 'checkpoint',
  )
  const rand = sampler(6)
  const drills = Array.from({ length: 200 }, () => {
    const m = rand.pick(release)
    const start = applyOffset(latestCompletePeriod(m, today, 'quarter'), {
      months: -3 * Math.floor(rand.next() * 8),
    })
    return { m, filter: { region: rand.pick(regions), from: start, to: periodEnd(start, 'quarter'), today } }
  })
  const national = { level: 'national' } as const
  // What the drill-down page reads: the counts each way and the first hundred releases.
  const drill = await measure(
    drills,
    (d) =>
      Promise.all([
        repo.releaseCounts(d.m, d.filter, national),
        repo.releases(d.m, d.filter, national, { limit: 100, offset: 0 }),
      ]),
    10,
  )
  // What a download reads: every release behind the figure.
  const download = await measure(drills.slice(0, 50), (d) => repo.releases(d.m, d.filter, national), 5)
  const perFigure = await Promise.all(
    drills.slice(0, 50).map((d) => repo.releaseCounts(d.m, d.filter, national)),
  )
  const listed = perFigure.map((c) => Object.values(c).reduce((a, b) => a + b, 0)).sort((x, y) => x - y)
  const rows = a.reduce((n, c) => n + c.cohort, 0)

  return `## Outcome measures

${Number(size?.releases ?? 0).toLocaleString('en-GB')} releases, ${Number(size?.events ?? 0).toLocaleString('en-GB')} status events, ${Number(size?.facts ?? 0).toLocaleString('en-GB')} checkpoint facts (one per release and checkpoint, kept by triggers in the same transaction as the event, licence or offence that changes them) and ${Number(size?.rollup ?? 0).toLocaleString('en-GB')} rollup rows (region × release month × checkpoint × state; bounded by the calendar, not by the number of releases).

| query | runs | p50 | p95 |
|---|---|---|---|
| all ${MEASURES.length} measures × ${regions.length} regions × 40 quarters, fast path (outcome_rollup for due months + outcome_fact for the latest) | ${fast.n} | ${ms(fast.p50)} | ${ms(fast.p95)} |
| the same from outcome_fact alone (one row per release and checkpoint) | ${facts.n} | ${ms(facts.p50)} | ${ms(facts.p95)} |
| the same from the plain definition (latest event per release, computed each time) | ${plain.n} | ${ms(plain.p50)} | ${ms(plain.p95)} |
| drill-down page: how the releases behind one region-quarter figure counted, and the first 100 of them | ${drill.n} | ${ms(drill.p50)} | ${ms(drill.p95)} |
| drill-down download: every release behind the figure (median ${listed[Math.floor(listed.length / 2)]?.toLocaleString('en-GB')}, largest ${listed.at(-1)?.toLocaleString('en-GB')}) | ${download.n} | ${ms(download.p50)} | ${ms(download.p95)} |

Plain ÷ fast (p50): **${(plain.p50 / Math.max(fast.p50, 0.001)).toFixed(1)}×**. The two paths gave ${equal ? '**identical**' : '**DIFFERENT**'} figures (${a.length} cells over ${rows.toLocaleString('en-GB')} release-checkpoints).
Targets: all measures < 100 ms at 600,000 releases on PostgreSQL; drill-down < 50 ms (the page; a download is a file, not a view).
`
}

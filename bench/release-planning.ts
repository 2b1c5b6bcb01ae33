import type { Database } from '../src/platform/db/index.ts'
import type { Services } from '../src/composition.ts'
import { actorFor, measure, ms, type Timing } from './support.ts'

/**
 * The release-readiness worklist (issue 3) through the service layer: the scope predicate, the
 * one query with every flag, the release-day calendar per row, filtering, sorting and the audit
 * write. Alternates 12 and 24 weeks, and every fourth call filters on a flag.
 */
const WINDOWS: (12 | 24)[] = [12, 24]

export async function benchReleasePlanning(
  db: Database,
  svc: Services,
  iterations: number,
  target = 50,
): Promise<string> {
  const actors = {
    'Prison (Pentonville)': await actorFor(db, 'prison_resettlement_worker', {
      column: 'prison_code',
      code: 'PVI',
      kind: 'prison',
    }),
    'COM (Camden and Islington PDU)': await actorFor(db, 'com', {
      column: 'pdu_code',
      code: 'LDNNCAI',
      kind: 'pdu',
    }),
    'Council (Islington)': await actorFor(db, 'council_officer', {
      column: 'local_authority_code',
      code: 'E09000019',
      kind: 'council',
    }),
  }
  const calls = Array.from({ length: Math.max(50, iterations) }, (_, i) => ({
    weeks: WINDOWS[i % 2] ?? 12,
    flag: i % 4 === 3 ? ('no_com' as const) : undefined,
    // The page's orders: soonest first, most flags first, by name.
    sorting: [
      { key: 'release' as const, order: 'asc' as const },
      { key: 'flags' as const, order: 'desc' as const },
      { key: 'name' as const, order: 'asc' as const },
    ][i % 3] ?? { key: 'release' as const, order: 'asc' as const },
  }))
  const timings: Record<string, Timing & { rows: number }> = {}
  for (const [label, ctx] of Object.entries(actors)) {
    const sizes = await Promise.all(
      [12, 24].map((weeks) =>
        svc.releasePlanning
          .worklist(ctx, { weeks: weeks as 12 | 24, sorting: { key: 'release', order: 'asc' } })
          .then((r) => r.total),
      ),
    )
    timings[label] = {
      ...(await measure(calls, (q) => svc.releasePlanning.worklist(ctx, q))),
      rows: Math.max(...sizes),
    }
  }
  const releases = await db
    .selectFrom('custody_episode')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return [
    `Release-readiness worklist over ${Number(releases.n).toLocaleString('en-GB')} custody episodes.`,
    '',
    '| scope | releases in 24 weeks | calls | p50 | p95 | p99 | target p95 < 50 ms |',
    '|---|---|---|---|---|---|---|',
    ...Object.entries(timings).map(
      ([label, t]) =>
        `| ${label} | ${t.rows} | ${t.n} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.p99)} | ${t.p95 < target ? 'met' : 'missed'} |`,
    ),
  ].join('\n')
}

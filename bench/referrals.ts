import type { Services } from '../src/composition.ts'
import type { Database } from '../src/platform/db/index.ts'
import { referralDb } from '../src/domains/referrals/tables.ts'
import { actorFor, measure, ms } from './support.ts'

/**
 * Contract performance for every contract (issue 4: under one second at 600,000 releases on
 * PostgreSQL): the all-contracts overview with its RAG ratings and outcomes after the service,
 * and each contract's own page (measures, evidence, outcomes and its drill-down list), through
 * the service layer as a national analyst sees them. Returns a markdown section.
 */
export async function benchReferrals(db: Database, svc: Services): Promise<string> {
  const rdb = referralDb(db)
  const ctx = await actorFor(db, 'national_analyst', 'national')
  const period = svc.referralPerformance.periodOf({})
  const [counts] = await Promise.all([
    rdb
      .selectFrom('referral')
      .select((eb) => [
        eb.fn.countAll<number>().as('referrals'),
        eb.fn.count<number>('contract_id').distinct().as('contracts'),
      ])
      .executeTakeFirstOrThrow(),
  ])
  const releases = Number(
    (
      await db
        .selectFrom('custody_episode')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  const contracts = await rdb.selectFrom('contract').select('id').orderBy('reference').execute()

  const overview = await measure(
    Array.from({ length: 10 }, (_, i) => i),
    () => svc.referralPerformance.overview(ctx, period),
    2,
  )
  const everyContract = await measure(
    [0, 1, 2],
    async () => {
      for (const c of contracts) await svc.referralPerformance.contract(ctx, c.id, period)
    },
    1,
  )
  const oneContract = await measure(
    contracts.map((c) => c.id),
    (id) => svc.referralPerformance.contract(ctx, id, period),
    3,
  )
  const quality = await measure(
    ['referrer', 'pdu', 'prison', 'region'] as const,
    (by) => svc.referralPerformance.qualityReport(ctx, by, period),
    1,
  )

  const row = (name: string, t: { n: number; p50: number; p95: number; max: number }) =>
    `| ${name} | ${t.n} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.max)} |`
  return [
    '## Referrals: contract performance',
    '',
    `${releases.toLocaleString('en-GB')} releases, ${Number(counts.referrals).toLocaleString('en-GB')} referrals on ${contracts.length} contracts; period ${period.from} to ${period.to}; national analyst, service layer (queries, RAG, audit write). Target: every contract's performance in under 1 s.`,
    '',
    '| What | Runs | p50 | p95 | max |',
    '|---|---|---|---|---|',
    row('Overview: every contract rated, with outcomes after the service', overview),
    row(`Every contract's own page, one after another (${contracts.length} pages)`, everyContract),
    row('One contract page (measures, evidence, outcomes, drill-down)', oneContract),
    row('Referral quality report (by referrer, PDU, prison, region)', quality),
    '',
  ].join('\n')
}

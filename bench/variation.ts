/**
 * The variation analyses (issue 14): any release measure by any single split for 12 quarters
 * (target p95 under 200 ms at national scale) and by two splits crossed (under 500 ms), through
 * the service (scope predicate, counting query, disclosure control, statistics, audit row), for
 * a national analyst and a regional lead; the termination measures too (outcome_termination_split_fact,
 * migration 0030, against the view of 0026 it is kept from). `npm run bench:section -- variation`
 * re-measures it.
 */
import { sql } from 'kysely'
import type { Database } from '../src/platform/db/index.ts'
import type { services } from '../src/composition.ts'
import { MEASURE_KEYS, RELEASE_MEASURE_KEYS } from '../src/domains/variation/schemas.ts'
import { SPLIT_KEYS, splitOf, type SplitKey } from '../src/domains/variation/splits.ts'
import { variationRepository } from '../src/domains/variation/repository.ts'
import { quarterName } from '../src/domains/variation/service.ts'
import { latestCompletePeriod, measureOf, periodEnd } from '../src/domains/outcomes/measures.ts'
import { applyOffset } from '../src/domains/outcomes/checkpoints.ts'
import { actorFor, machine, measure, ms, sampler } from './support.ts'
import { funnelCheck } from './funnel.ts'
import { londonToday } from '../src/platform/calendar/index.ts'

const TERMINATION_MEASURE_KEYS = MEASURE_KEYS.filter((k) => !(RELEASE_MEASURE_KEYS as string[]).includes(k))

export async function benchVariation(db: Database, svc: ReturnType<typeof services>, runs = 60) {
  const national = await actorFor(db, 'national_analyst', 'national')
  const london = await actorFor(db, 'regional_lead', {
    column: 'region_code',
    code: 'N07',
    kind: 'probation_region',
  })
  const pick = sampler(14)
  const oneWay = Array.from({ length: runs }, () => ({
    measure: pick.pick(RELEASE_MEASURE_KEYS),
    by: [pick.pick(SPLIT_KEYS)],
  }))
  const twoWay = Array.from({ length: runs }, () => {
    const a = pick.pick(SPLIT_KEYS)
    const b = pick.pick(SPLIT_KEYS.filter((k) => k !== a && k !== 'pdu' && k !== 'prison'))
    return { measure: pick.pick(RELEASE_MEASURE_KEYS), by: [a, b] }
  })
  // 12 quarters ending at each measure's latest complete quarter.
  const today = svc.variation.today()
  const twelve = (key: string) => {
    const to = latestCompletePeriod(measureOf(key)!, today, 'quarter')
    return { from: quarterName(applyOffset(to, { months: -33 })), to: quarterName(to) }
  }
  const call = (ctx: typeof national) => (q: { measure: string; by: SplitKey[] }) =>
    svc.variation.variation(ctx, { ...q, ...twelve(q.measure) })
  // The sensible alternative, in the same run: the same counts read from the facts alone (as
  // before migration 0025_1), against the counts the service now reads; counting only, no stats.
  const repo = variationRepository(db)
  const counting = (factsOnly: boolean) => (q: { measure: string; by: SplitKey[] }) => {
    const to = latestCompletePeriod(measureOf(q.measure)!, today, 'quarter')
    return repo.counts({
      measure: measureOf(q.measure)!,
      splits: q.by.map((k) => splitOf(k)!),
      from: applyOffset(to, { months: -33 }),
      to: periodEnd(to, 'quarter'),
      today,
      scope: { level: 'national' },
      factsOnly,
    })
  }
  const alone = oneWay.slice(0, 30)
  const crossed = twoWay.slice(0, 30)
  // The termination measures (orders and licences ended with requirements complete; sexual
  // offence interventions completed), by one split and by two: outcome_termination_split_fact
  // (migration 0030), and the view of 0026 it is kept from as the alternative.
  const ended = sampler(26)
  const terminations = Array.from({ length: runs * 2 }, (_, i) => {
    const a = ended.pick(SPLIT_KEYS)
    const b = ended.pick(SPLIT_KEYS.filter((k) => k !== a && k !== 'pdu' && k !== 'prison'))
    return { measure: ended.pick(TERMINATION_MEASURE_KEYS), by: i % 2 ? [a, b] : [a] }
  })
  const endedAlone = terminations.filter((q) => q.by.length === 1)
  const endedCrossed = terminations.filter((q) => q.by.length === 2)
  const rows = [
    ['Counting only, one split, 12 quarters, national: rollup', await measure(alone, counting(false), 3)],
    ['Counting only, the same from the facts alone (before 0025_1)', await measure(alone, counting(true), 3)],
    [
      'Counting only, two splits crossed, national: coded facts (0028)',
      await measure(crossed, counting(false), 3),
    ],
    [
      'Counting only, the same from the facts joined to the groups (before 0028)',
      await measure(crossed, counting(true), 3),
    ],
    ['National analyst, one split, 12 quarters', await measure(oneWay, call(national), 5)],
    ['National analyst, two splits crossed, 12 quarters', await measure(twoWay, call(national), 5)],
    ['London regional lead, one split, 12 quarters', await measure(oneWay, call(london), 5)],
    [
      'London regional lead, two splits crossed, 12 quarters',
      await measure(twoWay.slice(0, 30), call(london), 3),
    ],
    [
      'Counting only, termination measures, one split, national: coded (0030)',
      await measure(endedAlone.slice(0, 30), counting(false), 3),
    ],
    [
      'Counting only, the same from the view (before 0030; 10 calls, seconds each)',
      await measure(endedAlone.slice(0, 10), counting(true), 1),
    ],
    [
      'Counting only, termination measures, two splits crossed, national: coded (0030)',
      await measure(endedCrossed.slice(0, 30), counting(false), 3),
    ],
    [
      'Counting only, the same from the view (before 0030; 10 calls)',
      await measure(endedCrossed.slice(0, 10), counting(true), 1),
    ],
    [
      'National analyst, termination measures, one split, 12 quarters',
      await measure(endedAlone, call(national), 5),
    ],
    [
      'National analyst, termination measures, two splits crossed, 12 quarters',
      await measure(endedCrossed, call(national), 5),
    ],
    [
      'London regional lead, termination measures, two splits crossed, 12 quarters',
      await measure(endedCrossed.slice(0, 30), call(london), 3),
    ],
    [
      'National analyst, funnel of PDUs',
      await measure(
        oneWay.slice(0, 20),
        (q) => svc.variation.funnel(national, { measure: q.measure, level: 'pdu', ...twelve(q.measure) }),
        3,
      ),
    ],
  ] as const
  const structure = await demoStructure(svc, national, twelve)
  const releases = await db
    .selectFrom('custody_episode')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst()
  const funnels = await funnelCheck(db, today, 12)
  const sizeOf = async (table: string) => {
    const r = await sql<{ n: string; heap: string; index: string }>`
      select (select count(*) from ${sql.table(table)})::text as n, pg_size_pretty(pg_relation_size(${table})) as heap,
        pg_size_pretty(pg_indexes_size(${table})) as index`.execute(db)
    const size = r.rows[0]
    return `${table}: ${Number(size?.n ?? 0).toLocaleString('en-GB')} rows, table ${size?.heap}, indexes ${size?.index}.`
  }
  return `
## Variation in outcomes (issue 14)

Measured ${londonToday()} on ${machine()}, ${Number(releases?.n ?? 0).toLocaleString('en-GB')} releases. The service calls run the
counting query (one split: outcome_split_rollup for whole quarters, migration 0025_1; two splits,
the latest quarters and narrower scopes: outcome_split_fact, migration 0028; termination measures:
outcome_termination_split_fact, migration 0030) within the scope, disclosure control,
intervals and tests, and write their audit row. "Counting only" rows call the repository alone.
${await sizeOf('outcome_split_fact')}
${await sizeOf('outcome_termination_split_fact')}

| call | n | p50 | p95 | p99 | max |
|---|---|---|---|---|---|
${rows.map(([label, t]) => `| ${label} | ${t.n} | ${ms(t.p50)} | ${ms(t.p95)} | ${ms(t.p99)} | ${ms(t.max)} |`).join('\n')}

The demo's structure over the same 12 quarters (national analyst; docs/demo-data.md):

${structure}

${funnels}
`
}

type Ctx = Parameters<ReturnType<typeof services>['variation']['variation']>[0]

/** The published gaps and the planted outliers, as the explorer and funnel report them. */
async function demoStructure(
  svc: ReturnType<typeof services>,
  ctx: Ctx,
  twelve: (m: string) => { from: string; to: string },
) {
  const by = async (measure: string, split: SplitKey) => {
    const v = await svc.variation.variation(ctx, { measure, by: [split], ...twelve(measure) })
    const rate = (g: string) => v.table.cells.find((c) => c.group[0] === g)?.rate ?? null
    return { overall: v.table.overall.rate, rate }
  }
  const housed = await by('housed_first_night', 'sentence_length')
  const sex = await by('employed_6_months', 'sex')
  const eth = await by('employed_6_months', 'ethnicity')
  const reoff = await by('proven_reoffending', 'age')
  const settled = await by('settled_3_months', 'sex')
  const homeless = (r: number | null) => (r === null ? 'withheld' : `${(100 - r).toFixed(1)}%`)
  const outliers = async (measure: string, level: 'pdu' | 'prison') => {
    const f = await svc.variation.funnel(ctx, { measure, level, ...twelve(measure) })
    const named = (prefix: string) =>
      f.points
        .filter((p) => p.status.startsWith(prefix))
        .map((p) => `${p.code} (${p.rate}%, ${p.status})`)
        .join(', ') || 'none'
    return `${named('outlier')}; beyond 99.8% but not after the correction: ${named('beyond')}`
  }
  return [
    `- Housed on the first night ${housed.overall}% (published 87% calibration); homeless after under 12 months ${homeless(housed.rate('Under 12 months'))} (published 16%), after 4 years or more ${homeless(housed.rate('4 years or more'))} (published 5% at 2 years or more).`,
    `- Employed at 6 months ${sex.overall}% (published 25%): women ${sex.rate('Female')}%, men ${sex.rate('Male')}% (published gap 10 points); Black or Black British ${eth.rate('Black or Black British')}%, White ${eth.rate('White')}% (published gap 7 points).`,
    `- Settled at 3 months ${settled.overall}% (published 76%). Proven reoffending ${reoff.overall}% (published 38%): 18 to 20 ${reoff.rate('18 to 20')}%, 50 and over ${reoff.rate('50 and over')}%.`,
    `- Funnel outliers (beyond 99.8% after Holm's correction for the areas compared): proven reoffending by PDU: ${await outliers('proven_reoffending', 'pdu')}; treatment engagement by prison: ${await outliers('treatment_3_weeks', 'prison')}.`,
  ].join('\n')
}

/**
 * The outcome facts and every roll-up kept from them, built once, set-based, after the demo has
 * loaded an empty database (issue 17, item 7: national-scale demo data in under 3 minutes).
 *
 * In normal operation the triggers keep these tables exact statement by statement (migrations
 * 0006 to 0012_1, 0025_1 and 0028), and they still do: nothing here changes them. A bulk load into
 * an empty database has no earlier state to move, so instead of moving the roll-ups release by
 * release it counts them once:
 * - outcome_fact by the definitions of outcome_refresh (migration 0013_1), and each release's
 *   groups (outcome_release_split, 0025_1), half the people on each connection (bulk-facts.ts);
 * - outcome_rollup (0008) and outcome_rollup_quarter (0009) grouped from the facts;
 * - the coded facts of 0028 (outcome_split_fact and its codes) and outcome_split_rollup (0025_1)
 *   counted from them, half the regions on each connection (bulk-split.ts);
 * - outcome_termination_rollup (0007), whose statement triggers the load switches off
 *   (withoutTerminationRollup) so that outcome pages can be written concurrently without their
 *   upserts of shared region and month rows waiting on each other;
 * - dashboard_version (0012_1) moved once.
 * The large tables' indexes and keys are built once they are filled, and every step runs as soon
 * as the steps it reads have ended, two at a time (schedule, bulk-session.ts). The triggers of the
 * tables written here are switched off only while this runs, and maintenance.db.test.ts holds
 * every table equal (`except all` both ways) to what the triggers give. A new roll-up kept by a
 * trigger on these tables must be built here as well: the test fails on any table named like a
 * roll-up or split that this does not write.
 */
import { sql, type Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.ts'
import { writeFacts } from './bulk-facts.ts'
import { addSplitCodes, regionHalves, SPLIT_CODE_TABLES, writeCodedFacts } from './bulk-split.ts'
import {
  HALVES,
  indexesOf,
  schedule,
  setTriggers,
  sideBySide,
  tune,
  tuned,
  type Task,
} from './bulk-session.ts'

/** The tables this rebuild writes; every one must be empty when it starts. */
export const BULK_REBUILT_TABLES = [
  'outcome_fact',
  'outcome_rollup',
  'outcome_rollup_quarter',
  'outcome_release_split',
  'outcome_split_rollup',
  'outcome_termination_rollup',
] as const

/**
 * The coded facts for crossed splits (migration 0028) and their code tables, rebuilt here as well
 * (bulk-split.ts): the facts' table is filled again; the code tables keep their codes and gain any
 * label not coded yet.
 */
export const CODED_FACTS = { facts: 'outcome_split_fact', codes: SPLIT_CODE_TABLES } as const

/**
 * Builds the facts and roll-ups of every release from nothing. Throws if any of them already
 * holds rows: it adds, it does not move. For a load into an empty database that nothing else
 * writes to: the work is spread over two connections, so it is not one transaction, and a
 * failure part way leaves a demo database to be made again (as a foreign key failing does,
 * bulk-load.ts). The triggers are switched back on whatever happens.
 */
export async function rebuildOutcomesInBulk(
  db: Kysely<DB>,
  options: { onStep?: (step: string, seconds: number) => void } = {},
): Promise<{ releases: number; facts: number }> {
  let stepStart = performance.now()
  const step = (name: string) => {
    const now = performance.now()
    options.onStep?.(name, (now - stepStart) / 1000)
    stepStart = now
  }
  for (const table of [...BULK_REBUILT_TABLES, CODED_FACTS.facts]) {
    const any = await sql`select 1 from ${sql.table(table)} limit 1`.execute(db)
    if (any.rows.length) throw new Error(`${table} is not empty: the bulk rebuild only fills empty roll-ups`)
  }
  const analyse = (tables: string[]) => tables.map((t) => () => sql`analyze ${sql.table(t)}`.execute(db))
  await sideBySide(db, [
    analyse(['custody_episode', 'status_event', 'release_context', 'supervision_order']),
    analyse(['programme', 'offence', 'person', 'pathway_assessment']),
  ])
  step('analyse')
  const indexes = await indexesOf(db)
  const triggered = ['outcome_fact', 'outcome_rollup', 'outcome_termination_rollup']
  await setTriggers(db, triggered, false)
  try {
    await db.transaction().execute(async (trx) => {
      for (const index of indexes) await sql.raw(index.drop).execute(trx)
    })
    let releases = 0
    let facts = 0
    // Each half of the people in its own transaction: each release's facts and groups.
    const factHalves = HALVES.map((half, i): Task => ({
      name: `facts ${i}`,
      run: () =>
        db.transaction().execute(async (trx) => {
          await tune(trx)
          const wrote = await writeFacts(trx, half)
          releases += wrote.releases
          facts += wrote.facts
        }),
    }))
    // The coded facts and split roll-up by region (bulk-split.ts), once the codes are in.
    let regions: [string[], string[]] = [[], []]
    const codedHalves = regions.map((_, i): Task => ({
      name: `coded facts ${i}`,
      after: ['codes'],
      run: () =>
        db.transaction().execute(async (trx) => {
          await tune(trx)
          await writeCodedFacts(trx, regions[i]!)
        }),
    }))
    const statement = (name: string, after: string[], query: Parameters<typeof tuned>[1]): Task => ({
      name,
      after,
      run: () => tuned(db, query),
    })
    const written = (name: string) => [0, 1].map((i) => `${name} ${i}`)
    // Each table's indexes and keys once it is filled (the roll-ups' tasks are named after them).
    const filledBy: Record<string, string[]> = {
      outcome_fact: written('facts'),
      outcome_release_split: written('facts'),
      outcome_split_fact: written('coded facts'),
      outcome_split_rollup: written('coded facts'),
    }
    await schedule(
      db,
      [
        // Each release's facts and groups, half the people on each connection.
        ...factHalves,
        // Migration 0008's months, then the codes of 0028 (the facts' states are the months'),
        // then the coded facts and the split roll-up (0025_1) counted from them.
        statement(
          'outcome_rollup',
          written('facts'),
          sql`
          insert into outcome_rollup (checkpoint, region_code, release_month, excluded, value, treatment_need, cnt, n)
          select checkpoint, region_code, date_trunc('month', release_date::timestamp)::date, excluded is not null,
            case when excluded is null then coalesce(value, '') else '' end, treatment_need, count(*), sum(n)
          from outcome_fact group by 1, 2, 3, 4, 5, 6`,
        ),
        {
          name: 'codes',
          after: ['outcome_rollup'],
          run: () =>
            db.transaction().execute(async (trx) => {
              await addSplitCodes(trx)
              regions = await regionHalves(trx)
            }),
        },
        ...codedHalves,
        // 0009's quarters from the months; 0007's ended orders and programmes.
        statement(
          'outcome_rollup_quarter',
          ['outcome_rollup'],
          sql`
          insert into outcome_rollup_quarter (checkpoint, region_code, release_quarter, excluded, value, treatment_need, cnt, n)
          select checkpoint, region_code, date_trunc('quarter', release_month::timestamp)::date, excluded, value,
            treatment_need, sum(cnt), sum(n)
          from outcome_rollup group by 1, 2, 3, 4, 5, 6`,
        ),
        statement(
          'outcome_termination_rollup',
          [],
          sql`
          insert into outcome_termination_rollup (source, region_code, pdu_code, month, sexual_offending, met, cnt)
          select 'supervision_order', region_code, pdu_code, date_trunc('month', terminated_on::timestamp)::date, false,
            requirements_complete, count(*)
          from supervision_order where terminated_on is not null group by 2, 3, 4, 6
          union all
          select 'programme', region_code, pdu_code, date_trunc('month', terminated_on::timestamp)::date, sexual_offending,
            completed, count(*)
          from programme where terminated_on is not null group by 2, 3, 4, 5, 6`,
        ),
        // Migration 0030's coded terminations, from the orders, programmes and releases. After
        // the codes: the labels they add take the same codes as when they are added last.
        statement('coded terminations', ['codes'], sql`select termination_split_fact_rebuild()`),
        ...indexes.map((index) =>
          statement(`index ${index.name}`, filledBy[index.table] ?? [], sql.raw(index.create)),
        ),
      ],
      (name, seconds) => options.onStep?.(`  ${name}`, seconds),
    )
    step('facts, roll-ups and indexes')
    await db.transaction().execute(async (trx) => {
      for (const index of indexes) if (index.attach) await sql.raw(index.attach).execute(trx)
      // Statistics for the crossed splits' reads, as 0028's own rebuild leaves them.
      for (const table of [...CODED_FACTS.codes, CODED_FACTS.facts])
        await sql`analyze ${sql.table(table)}`.execute(trx)
    })
    step('keys')
    // What the deferred version triggers (migration 0012_1) would have done.
    await sql`update dashboard_version set version = version + 1 where name = 'outcomes'`.execute(db)
    return { releases, facts }
  } finally {
    await setTriggers(db, triggered, true)
  }
}

/**
 * Rebuilding the outcome facts and roll-ups after a bulk load that deferred their maintenance
 * (issue 17, item 7). The triggers of migration 0006 keep outcome_fact exact statement by
 * statement; a demo load of 600,000 releases fired them batch by batch and spent most of its 20
 * minutes in them. A load sets `outcome.defer_refresh` in each of its transactions instead (see
 * deferOutcomeRefresh) and calls refreshAllOutcomes once at the end.
 *
 * There is deliberately no second copy of the measure logic here: the rebuild calls the very
 * outcome_refresh(person[], date[]) the triggers call, over every release, in large chunks. Any
 * later change to that function (a new measure, a new exclusion) is picked up unchanged. The
 * person scope keys stay trigger-maintained during a load: theirs are set-based per statement.
 *
 * A load into an empty database does not come here: it counts the facts and roll-ups once with
 * bulk-rebuild.ts, which does restate outcome_refresh's definitions as joins (about three times
 * less CPU). A change to outcome_refresh must be made there too; maintenance.db.test.ts compares
 * the two on a generated demo, table by table.
 */
import { sql, type Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.ts'

/**
 * People per outcome_refresh call. Few, large calls: each call moves every roll-up row its
 * releases fall in (and each moved row fires the quarter trigger of migration 0009), and a chunk
 * of a few thousand people spread over ten years and twelve regions touches nearly as many
 * roll-up rows as it has releases.
 */
const PEOPLE_PER_CHUNK = 100_000

/** Makes the outcome triggers skip their refresh for the rest of this transaction (migration 0006). */
export async function deferOutcomeRefresh(trx: Kysely<DB>): Promise<void> {
  await sql`select set_config('outcome.defer_refresh', 'on', true)`.execute(trx)
}

/**
 * The secondary indexes of outcome_fact, as the catalogue defines them now (whatever migrations
 * added them): an empty table is filled faster without them and they are built once after.
 */
async function secondaryIndexes(db: Kysely<DB>): Promise<{ name: string; definition: string }[]> {
  const rows = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
    where i.schemaname = current_schema() and i.tablename = 'outcome_fact'
      and not exists (select 1 from pg_constraint c where c.conrelid = 'outcome_fact'::regclass and c.conname = i.indexname)
    order by i.indexname`.execute(db)
  return rows.rows
}

/**
 * Recomputes the facts and roll-ups of every release by calling outcome_refresh in chunks of
 * people, keyed on person id so each chunk reads one index range. A chunk holds every release of
 * its people, so an offence counts against each of a person's releases exactly as the trigger
 * would count it. Safe to run on a database whose facts are already current: outcome_refresh
 * takes away a release's old facts before adding its new ones. One transaction: when it starts
 * from no facts (a fresh load) it drops outcome_fact's secondary indexes and builds them after,
 * and a failure leaves the table and its indexes as they were.
 */
export async function refreshAllOutcomes(
  db: Kysely<DB>,
  options: { peoplePerChunk?: number; onProgress?: (people: number) => void } = {},
): Promise<{ releases: number }> {
  const chunk = options.peoplePerChunk ?? PEOPLE_PER_CHUNK
  // Fresh tables have no statistics yet; without them the refresh's joins are planned for empty
  // tables and run as nested loops over hundreds of thousands of rows.
  for (const table of ['custody_episode', 'status_event', 'release_context', 'supervision_order', 'offence'])
    await sql`analyze ${sql.table(table)}`.execute(db)
  return db.transaction().execute(async (trx) => {
    // Each chunk groups and sorts a hundred thousand people's releases: with the default 4 MB
    // these spill to disk. Only for this transaction.
    await sql`set local work_mem = '128MB'`.execute(trx)
    await sql`set local maintenance_work_mem = '256MB'`.execute(trx)
    const empty = !(await sql`select 1 from outcome_fact limit 1`.execute(trx)).rows.length
    const indexes = empty ? await secondaryIndexes(trx) : []
    for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(trx)
    let after: string | null = null
    let people = 0
    let releases = 0
    for (;;) {
      const bound: string | null =
        (
          await sql<{ id: string }>`select id from person
            where ${after}::uuid is null or id > ${after}::uuid
            order by id offset ${chunk - 1} limit 1`.execute(trx)
        ).rows[0]?.id ?? null
      const done = await sql<{ n: number }>`
        with keys as (
          select distinct person_id, actual_release_date from custody_episode
          where actual_release_date is not null
            and (${after}::uuid is null or person_id > ${after}::uuid)
            and (${bound}::uuid is null or person_id <= ${bound}::uuid)
        )
        select count(*)::int as n, outcome_refresh(array_agg(person_id), array_agg(actual_release_date)) as refreshed
        from keys`.execute(trx)
      releases += done.rows[0]?.n ?? 0
      people += chunk
      if (bound === null) break
      options.onProgress?.(people)
      after = bound
    }
    for (const index of indexes) await sql.raw(index.definition).execute(trx)
    return { releases }
  })
}

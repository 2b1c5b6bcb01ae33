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
 * termination roll-up and person scope keys stay trigger-maintained during a load: theirs are
 * set-based per statement and cost little.
 */
import { sql, type Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.ts'

/** People per outcome_refresh call: large enough for set-based plans, small enough to report progress. */
const PEOPLE_PER_CHUNK = 25_000

/** Makes the outcome triggers skip their refresh for the rest of this transaction (migration 0006). */
export async function deferOutcomeRefresh(trx: Kysely<DB>): Promise<void> {
  await sql`select set_config('outcome.defer_refresh', 'on', true)`.execute(trx)
}

/**
 * Recomputes the facts and roll-ups of every release by calling outcome_refresh in chunks of
 * people, keyed on person id so each chunk reads one index range. A chunk holds every release of
 * its people, so an offence counts against each of a person's releases exactly as the trigger
 * would count it. Safe to run on a database whose facts are already current: outcome_refresh
 * takes away a release's old facts before adding its new ones.
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
  let after: string | null = null
  let people = 0
  let releases = 0
  for (;;) {
    const bound: string | null =
      (
        await sql<{ id: string }>`select id from person
          where ${after}::uuid is null or id > ${after}::uuid
          order by id offset ${chunk - 1} limit 1`.execute(db)
      ).rows[0]?.id ?? null
    const done = await sql<{ n: number }>`
      with keys as (
        select distinct person_id, actual_release_date from custody_episode
        where actual_release_date is not null
          and (${after}::uuid is null or person_id > ${after}::uuid)
          and (${bound}::uuid is null or person_id <= ${bound}::uuid)
      )
      select count(*)::int as n, outcome_refresh(array_agg(person_id), array_agg(actual_release_date)) as refreshed
      from keys`.execute(db)
    releases += done.rows[0]?.n ?? 0
    people += chunk
    if (bound === null) break
    options.onProgress?.(people)
    after = bound
  }
  return { releases }
}

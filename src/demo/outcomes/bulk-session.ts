/**
 * The switches and sessions of the demo's bulk outcome rebuild (bulk-rebuild.ts): triggers off and
 * on, the large tables' indexes built after they are filled, each statement tuned for a bulk pass,
 * and work run side by side on two connections. Kept apart so that file holds the rebuild's SQL.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { pgliteOf } from '../../platform/db/index.ts'
import type { DB } from '../../platform/db/schema.ts'

/**
 * The statement triggers of migration 0007 that move outcome_termination_rollup, and those of 0030
 * that keep outcome_termination_split_fact (its functions are named termination_split_fact_*).
 */
async function terminationTriggers(db: Kysely<DB>): Promise<{ table: string; name: string }[]> {
  const rows = await sql<{ table: string; name: string }>`
    select c.relname as table, t.tgname as name from pg_trigger t
    join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
    join pg_namespace n on n.oid = c.relnamespace
    where not t.tgisinternal and n.nspname = current_schema()
      and (p.proname = 'outcome_termination_moved' or p.proname like 'termination_split_fact_%')
    order by 1, 2`.execute(db)
  return rows.rows
}

async function setTerminationTriggers(db: Kysely<DB>, enabled: boolean): Promise<void> {
  for (const t of await terminationTriggers(db))
    await sql`alter table ${sql.id(t.table)} ${sql.raw(enabled ? 'enable' : 'disable')} trigger ${sql.id(t.name)}`.execute(
      db,
    )
}

/**
 * Switches off the termination roll-up's triggers for a load into an empty database; `load` runs
 * with them off and they are switched back on whatever happens. rebuildOutcomesInBulk counts the
 * roll-up from the orders and programmes afterwards, and the coded terminations of migration 0030
 * (`load` must call it). Only for a database nothing else writes to.
 */
export async function withoutTerminationRollup<T>(db: Kysely<DB>, load: () => Promise<T>): Promise<T> {
  await db.transaction().execute((trx) => setTerminationTriggers(trx, false))
  try {
    return await load()
  } finally {
    await db.transaction().execute((trx) => setTerminationTriggers(trx, true))
  }
}

/** The large tables this rebuild fills: their indexes and keys are built once, after. */
const INDEXED_AFTER = ['outcome_fact', 'outcome_release_split', 'outcome_split_rollup', 'outcome_split_fact']

export interface Index {
  table: string
  name: string
  /** Builds the index (a key's as a unique index of the key's name). */
  create: string
  /** Makes a key of the index built by `create`, if it is one. */
  attach: string | null
  drop: string
}

/**
 * The indexes of the tables filled here, keys included, as the catalogue defines them now (whatever
 * migrations added them): a sorted build after the load costs less than maintaining each entry
 * (measured at 100,000 people: the split roll-up's 649,193 rows took 5.6 s of CPU into its key,
 * 2.7 s without it and 1.5 s to build it after). A key is built as a unique index and then made
 * the key, so that every build is a CREATE INDEX and two can run at once.
 */
export async function indexesOf(db: Kysely<DB>): Promise<Index[]> {
  const rows = await sql<{ table: string; name: string; definition: string; key: string | null }>`
    select t.relname as table, ic.relname as name, pg_get_indexdef(i.indexrelid) as definition,
      (select case c.contype when 'p' then 'primary key' else 'unique' end from pg_constraint c
       where c.conindid = i.indexrelid and c.contype in ('p', 'u')) as key
    from pg_index i join pg_class t on t.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema() and t.relname = any(${INDEXED_AFTER})
    order by 1, 2`.execute(db)
  return rows.rows.map((r) => ({
    table: r.table,
    name: r.name,
    create: r.definition,
    attach: r.key ? `alter table ${r.table} add constraint ${r.name} ${r.key} using index ${r.name}` : null,
    drop: r.key ? `alter table ${r.table} drop constraint ${r.name}` : `drop index ${r.name}`,
  }))
}

/** Turns the user triggers of `tables` off or on, committed (they stay so for other sessions). */
export async function setTriggers(
  db: Kysely<DB>,
  tables: readonly string[],
  enabled: boolean,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of tables)
      await sql`alter table ${sql.table(table)} ${sql.raw(enabled ? 'enable' : 'disable')} trigger user`.execute(
        trx,
      )
  })
}

/**
 * One statement in its own transaction with room to sort, group and build indexes in memory and no
 * parallel workers: the work is already split over two connections, and the workers' coordination
 * costs CPU (the whole rebuild at 100,000 people: 27.5 s of server CPU with them, 21.5 s without).
 */
export async function tuned(
  db: Kysely<DB>,
  statement: { execute: (db: Kysely<DB>) => Promise<unknown> },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await tune(trx)
    await statement.execute(trx)
  })
}
/**
 * The memory is sized to national scale (2.9 million facts: the split roll-up's hash tables and the
 * wider indexes' sorts spilled to disk at 256 MB); two connections at once stay under 3 GB.
 */
export async function tune(trx: Kysely<DB>): Promise<void> {
  await sql`set local work_mem = '512MB'`.execute(trx)
  await sql`set local maintenance_work_mem = '1GB'`.execute(trx)
  await sql`set local max_parallel_workers_per_gather = 0`.execute(trx)
  await sql`set local max_parallel_maintenance_workers = 0`.execute(trx)
}

/** Person ids split in two by their first bit: random ids, so two halves of about the same size. */
export const HALVES = [
  (id: RawBuilder<unknown>) => sql`${id} < '80000000-0000-0000-0000-000000000000'::uuid`,
  (id: RawBuilder<unknown>) => sql`${id} >= '80000000-0000-0000-0000-000000000000'::uuid`,
]

/**
 * Runs the lists of work, each list in order and the lists side by side on PostgreSQL (each on its
 * own connection and server process: two cores work at once); one after another on PGlite, which
 * is one session.
 */
export async function sideBySide(db: Kysely<DB>, lists: (() => Promise<unknown>)[][]): Promise<void> {
  const run = async (list: (() => Promise<unknown>)[]) => {
    for (const work of list) await work()
  }
  if (pgliteOf(db)) for (const list of lists) await run(list)
  else await Promise.all(lists.map(run))
}

/** A piece of the rebuild: it starts once the tasks it comes after have ended. */
export interface Task {
  name: string
  after?: readonly string[]
  run: () => Promise<unknown>
}

/**
 * Runs the tasks on two connections on PostgreSQL (one on PGlite): whenever one is free it takes
 * the first task in the list whose tasks before it have ended, so the two cores stay busy through
 * steps of unequal length (the rebuild's halves, its roll-ups and its index builds). Rejects with
 * the first failure, once the tasks running then have ended. `onDone` is told each task's seconds.
 */
export async function schedule(
  db: Kysely<DB>,
  tasks: readonly Task[],
  onDone?: (name: string, seconds: number) => void,
): Promise<void> {
  const workers = pgliteOf(db) ? 1 : 2
  const started = new Set<string>()
  const ended = new Set<string>()
  const failures: Error[] = []
  const ready = () =>
    failures.length
      ? undefined
      : tasks.find((t) => !started.has(t.name) && (t.after ?? []).every((a) => ended.has(a)))
  return new Promise<void>((resolve, reject) => {
    let running = 0
    const pump = () => {
      for (let task = ready(); task && running < workers; task = ready()) {
        const { name, run } = task
        started.add(name)
        running++
        const start = performance.now()
        run()
          .then(
            () => {
              ended.add(name)
              onDone?.(name, (performance.now() - start) / 1000)
            },
            (e: unknown) => failures.push(e instanceof Error ? e : new Error(String(e))),
          )
          .finally(() => {
            running--
            pump()
          })
      }
      if (running > 0) return
      const [failure] = failures
      if (failure) reject(failure)
      else if (ended.size < tasks.length)
        reject(
          new Error(
            `tasks that never became ready: ${tasks
              .filter((t) => !ended.has(t.name))
              .map((t) => t.name)
              .join(', ')}`,
          ),
        )
      else resolve()
    }
    pump()
  })
}

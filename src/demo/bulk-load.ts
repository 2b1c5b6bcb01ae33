/**
 * Loading the demo into an empty database the way PostgreSQL's manual advises for a bulk load
 * ("Populating a Database": remove foreign-key constraints, load, re-create them). Each foreign
 * key otherwise fires a trigger for every inserted row, a single-row index lookup: at national
 * scale about half the time of each insert (issue 17, docs/benchmarks.md). Re-creating a
 * foreign key validates every row already loaded in one set-based pass, so the data is checked
 * exactly as strictly as before; a load that broke a reference fails there, naming the key.
 *
 * Only for a database with no people yet (the generator's own precondition): the keys are taken
 * away for the load, which nothing else is writing to.
 */
import { sql } from 'kysely'
import { pgliteOf, type Database } from '../platform/db/index.ts'

interface ForeignKey {
  table: string
  name: string
  definition: string
}

async function foreignKeys(db: Database): Promise<ForeignKey[]> {
  const rows = await sql<ForeignKey>`
    select t.relname as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
    from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
    where c.contype = 'f' and n.nspname = current_schema()
    order by t.relname, c.conname`.execute(db)
  return rows.rows
}

/**
 * Runs `load` with the schema's foreign keys dropped and re-creates (so validates) them after,
 * whether or not the load succeeded. Does nothing special when people already exist; `load` is
 * told which, as it may then write rows before the rows they refer to.
 */
export async function withoutForeignKeys<T>(
  db: Database,
  load: (keysDropped: boolean) => Promise<T>,
): Promise<T> {
  const populated = (await sql`select 1 from person limit 1`.execute(db)).rows.length > 0
  if (populated) return load(false)
  const keys = await foreignKeys(db)
  await db.transaction().execute(async (trx) => {
    for (const k of keys)
      await sql`alter table ${sql.id(k.table)} drop constraint ${sql.id(k.name)}`.execute(trx)
  })
  try {
    return await load(true)
  } finally {
    // The keys come back all together in one transaction, not yet validated (a catalogue change
    // only); then each is validated, one join of a loaded table with the table it references.
    // Validations of different tables run side by side on PostgreSQL: each locks its own table
    // against another validation, the referenced table only against writes (national scale: 11 s
    // on one connection). Should a validation fail (the generator wrote a broken reference) the
    // error names the key, and the demo database has to be made again.
    await db.transaction().execute(async (trx) => {
      for (const k of keys)
        await sql`alter table ${sql.id(k.table)} add constraint ${sql.id(k.name)} ${sql.raw(k.definition)} not valid`.execute(
          trx,
        )
    })
    // Each free connection takes the next table.
    const tables = [...new Set(keys.map((k) => k.table))]
    const validate = async () => {
      for (let table = tables.shift(); table; table = tables.shift()) {
        const own = keys.filter((key) => key.table === table)
        await db.transaction().execute(async (trx) => {
          await sql`set local work_mem = '128MB'`.execute(trx)
          for (const k of own)
            await sql`alter table ${sql.id(k.table)} validate constraint ${sql.id(k.name)}`.execute(trx)
        })
      }
    }
    await Promise.all(pgliteOf(db) ? [validate()] : [validate(), validate()])
  }
}

/**
 * Indexes no statement of the demo load reads, on the tables it fills most: the load writes each
 * entry of these one by one, while a build after the load sorts once (the same manual's advice).
 * Only indexes that are not keys: uniqueness is still checked as each row goes in. Indexes the
 * load itself reads stay (custody_episode's by person, which person_scope_keys and the outcome
 * pages' next-release lookup read; supervision_order's by release, which the outcome pages read).
 */
const BUILT_AFTER_LOAD = [
  'status_event',
  'person',
  'offence',
  'programme',
  'plan_action',
  'person_need',
  'referral_event',
  'referral_appointment',
]

/**
 * Runs `load` with the secondary (non-key) indexes of the tables above dropped, and builds them
 * again after it, two at a time on PostgreSQL, whether or not the load succeeded. For an empty
 * database only, as withoutForeignKeys.
 */
export async function withoutSecondaryIndexes<T>(db: Database, load: () => Promise<T>): Promise<T> {
  const indexes = (
    await sql<{ name: string; definition: string }>`
      select ic.relname as name, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i join pg_class t on t.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
      join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and t.relname = any(${BUILT_AFTER_LOAD})
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
      order by t.relname, ic.relname`.execute(db)
  ).rows
  await db.transaction().execute(async (trx) => {
    for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(trx)
  })
  try {
    return await load()
  } finally {
    const build = async (list: typeof indexes) => {
      for (const index of list) await sql.raw(index.definition).execute(db)
    }
    const sides = [0, 1].map((k) => indexes.filter((_, i) => i % 2 === k))
    if (pgliteOf(db)) for (const side of sides) await build(side)
    else await Promise.all(sides.map(build))
  }
}

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
import type { Database } from '../platform/db/index.ts'

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
    // One transaction: the keys come back all together or not at all. Should a validation fail
    // (the generator wrote a broken reference) the error names the key, the keys stay off and
    // the demo database has to be made again.
    await db.transaction().execute(async (trx) => {
      // Each validation is one join of a loaded table with the table it references.
      await sql`set local work_mem = '128MB'`.execute(trx)
      for (const k of keys)
        await sql`alter table ${sql.id(k.table)} add constraint ${sql.id(k.name)} ${sql.raw(k.definition)}`.execute(
          trx,
        )
    })
  }
}

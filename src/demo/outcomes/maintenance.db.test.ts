import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../platform/db/index.ts'
import { testDatabase } from '../../../test/support/db.ts'
import { generateDemoData } from '../generator.ts'
import { BULK_REBUILT_TABLES, CODED_FACTS } from './bulk-rebuild.ts'
import { refreshAllOutcomes } from './maintenance.ts'

const { db } = await testDatabase()

/** Everything the outcome maintenance keeps, in a stable order (zero-count roll-up rows are empty states). */
async function maintained(database: Database) {
  const facts =
    await sql`select person_id, release_date, checkpoint, custody_episode_id, region_code, pdu_code,
      prison_code, checkpoint_date, excluded, treatment_need, event_id, value, n
    from outcome_fact order by person_id, release_date, checkpoint`.execute(database)
  const months = await sql<
    Record<string, unknown>
  >`select checkpoint, region_code, release_month, excluded, value, treatment_need, cnt, n
    from outcome_rollup where cnt <> 0 order by 1, 2, 3, 4, 5, 6`.execute(database)
  const quarters =
    await sql`select checkpoint, region_code, release_quarter, excluded, value, treatment_need, cnt, n
    from outcome_rollup_quarter where cnt <> 0 order by 1, 2, 3, 4, 5, 6`.execute(database)
  return { facts: facts.rows, months: months.rows, quarters: quarters.rows }
}

/** A table's rows that count: roll-up rows moved back to zero are states with nothing in them. */
const live = (table: string) =>
  [
    'outcome_rollup',
    'outcome_rollup_quarter',
    'outcome_split_rollup',
    'outcome_termination_rollup',
    'outcome_termination_split_rollup',
  ].includes(table)
    ? sql`select * from ${sql.table(table)} where cnt <> 0`
    : sql`select * from ${sql.table(table)}`

/** Rows in one and not the other, both ways, duplicates counted (`except all`). */
async function difference(table: string, snapshot: string): Promise<{ missing: number; extra: number }> {
  const count = async (a: ReturnType<typeof live>, b: ReturnType<typeof live>) =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from (${a} except all ${b}) d`.execute(db)).rows[0]?.n ??
        -1,
    )
  const snap = sql`select * from ${sql.table(snapshot)}`
  return { missing: await count(snap, live(table)), extra: await count(live(table), snap) }
}

describe('outcome maintenance deferred for a bulk load', () => {
  it(
    'gives exactly what the per-statement triggers give, whatever the chunking',
    { timeout: 240_000 },
    async () => {
      // What the load takes away for its length and must give back: indexes, keys and triggers.
      const schema = async () =>
        (
          await sql<{ d: string }>`select indexdef as d from pg_indexes where schemaname = current_schema()
            union all select c.relname || ' ' || t.tgname || ' ' || t.tgenabled::text from pg_trigger t
            join pg_class c on c.oid = t.tgrelid where not t.tgisinternal
            union all select conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated
            from pg_constraint where connamespace = current_schema()::regnamespace
            order by 1`.execute(db)
        ).rows.map((r) => r.d)
      const before = await schema()
      // An empty database: the generator counts the facts and roll-ups once (bulk-rebuild.ts).
      await generateDemoData(db, {
        people: 400,
        seed: 11,
        password: 'demo password 123',
        today: '2026-11-22',
      })
      const released = await sql<{ n: number }>`select count(*)::int as n from (
          select distinct person_id, actual_release_date from custody_episode where actual_release_date is not null) k`.execute(
        db,
      )
      expect(await schema()).toEqual(before)
      const loaded = await maintained(db)
      // Six checkpoints for every release: none was skipped by the deferral.
      expect(loaded.facts.length).toBe((released.rows[0]?.n ?? 0) * 6)
      expect(loaded.facts.length).toBeGreaterThan(0)

      // The roll-ups are the facts counted (the dashboards' invariant, migrations 0008 and 0009).
      const counted = await sql<
        Record<string, unknown>
      >`select checkpoint, region_code, date_trunc('month', release_date::timestamp)::date as m,
          excluded is not null as x, case when excluded is null then coalesce(value, '') else '' end as v,
          treatment_need, count(*)::int as cnt, sum(n)::int as n
        from outcome_fact group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6`.execute(db)
      expect(loaded.months.map((r) => Object.values(r))).toEqual(counted.rows.map((r) => Object.values(r)))

      // Every roll-up a trigger keeps from the outcome records is one the bulk rebuild writes: a
      // new one (a two-way split table, say) must be added to it, or this fails.
      const kept: string[] = [...BULK_REBUILT_TABLES]
      const exists = async (table: string) =>
        (await sql<{ t: string | null }>`select to_regclass(${table})::text as t`.execute(db)).rows[0]?.t !=
        null
      // The coded facts (and their codes) where the schema has them (migration 0028).
      if (await exists(CODED_FACTS.facts)) kept.push(CODED_FACTS.facts, ...CODED_FACTS.codes)
      // The coded terminations and their roll-up (migration 0030): filled by
      // termination_split_fact_rebuild() in the bulk rebuild, kept by their triggers when the orders and
      // programmes are written again below.
      kept.push('outcome_termination_split_fact', 'outcome_termination_split_rollup')
      const rollups = await sql<{ name: string }>`select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE'
          and table_name like 'outcome%' and (table_name like '%rollup%' or table_name like '%split%')
        order by 1`.execute(db)
      expect(rollups.rows.map((r) => r.name).filter((t) => !kept.includes(t))).toEqual([])
      for (const table of kept) {
        await sql`create table ${sql.table(`bulk_${table}`)} as ${live(table)}`.execute(db)
        expect(
          Number(
            (await sql<{ n: string }>`select count(*) as n from ${sql.table(`bulk_${table}`)}`.execute(db))
              .rows[0]?.n,
          ),
        ).toBeGreaterThan(0)
      }

      // The termination roll-up as its triggers keep it (migration 0007): every order and
      // programme taken away and written again, the roll-up emptied in between.
      await db.transaction().execute(async (trx) => {
        await sql`select set_config('outcome.defer_refresh', 'on', true)`.execute(trx)
        await sql`create temp table kept_order on commit drop as select * from supervision_order`.execute(trx)
        await sql`create temp table kept_programme on commit drop as select * from programme`.execute(trx)
        await sql`delete from supervision_order`.execute(trx)
        await sql`delete from programme`.execute(trx)
        await sql`delete from outcome_termination_rollup`.execute(trx)
        await sql`insert into supervision_order select * from kept_order`.execute(trx)
        await sql`insert into programme select * from kept_programme`.execute(trx)
      })
      // The facts and their roll-ups as the triggers keep them, rebuilt from nothing in small
      // chunks (a person's releases never split).
      // (The codes stay: the triggers give the same labels the same codes.)
      await sql`truncate outcome_fact, outcome_rollup, outcome_rollup_quarter, outcome_release_split, outcome_split_rollup`.execute(
        db,
      )
      if (kept.includes(CODED_FACTS.facts)) await sql`truncate ${sql.table(CODED_FACTS.facts)}`.execute(db)
      const rebuilt = await refreshAllOutcomes(db, { peoplePerChunk: 37 })
      expect(rebuilt.releases).toBe(released.rows[0]?.n)
      expect(await maintained(db)).toEqual(loaded)
      for (const table of kept)
        expect({ table, ...(await difference(table, `bulk_${table}`)) }).toEqual({
          table,
          missing: 0,
          extra: 0,
        })

      // And the triggers themselves, refreshing every release, change nothing.
      await sql`update custody_episode set actual_release_date = actual_release_date
        where actual_release_date is not null`.execute(db)
      expect(await maintained(db)).toEqual(loaded)
      for (const table of kept)
        expect({ table, ...(await difference(table, `bulk_${table}`)) }).toEqual({
          table,
          missing: 0,
          extra: 0,
        })
    },
  )
})

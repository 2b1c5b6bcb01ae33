import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../platform/db/index.ts'
import { testDatabase } from '../../../test/support/db.ts'
import { generateDemoData } from '../generator.ts'
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

describe('outcome maintenance deferred for a bulk load', () => {
  it(
    'gives exactly what the per-statement triggers give, whatever the chunking',
    { timeout: 180_000 },
    async () => {
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

      // Rebuilt from nothing in small chunks (a person's releases never split): the same.
      await sql`delete from outcome_fact`.execute(db)
      await sql`delete from outcome_rollup`.execute(db)
      const rebuilt = await refreshAllOutcomes(db, { peoplePerChunk: 37 })
      expect(rebuilt.releases).toBe(released.rows[0]?.n)
      expect(await maintained(db)).toEqual(loaded)

      // And the triggers themselves, refreshing every release, change nothing.
      await sql`update custody_episode set actual_release_date = actual_release_date
        where actual_release_date is not null`.execute(db)
      expect(await maintained(db)).toEqual(loaded)
    },
  )
})

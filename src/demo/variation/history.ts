/**
 * Fills previous offences and the index offence group (migration 0010) on every demo release
 * that has none, from DEMO_EFFECTS: deterministic per episode, as the rest of the demo is.
 */
import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { offendingHistory } from './effects.ts'

const PAGE = 10_000

export async function fillOffendingHistory(db: Database, seed: number) {
  for (;;) {
    const ids = (
      await sql<{
        id: string
      }>`select id from custody_episode where previous_offences is null limit ${PAGE}`.execute(db)
    ).rows.map((r) => r.id)
    if (!ids.length) return
    const drawn = ids.map((id) => offendingHistory(seed, parseInt(id.replaceAll('-', '').slice(0, 8), 16)))
    await db.transaction().execute(async (trx) => {
      // Neither column is read by the outcome facts: no refresh is needed for these updates.
      await sql`select set_config('outcome.defer_refresh', 'on', true)`.execute(trx)
      await sql`update custody_episode e set previous_offences = t.previous, index_offence_group = t.grp
        from unnest(${ids}::uuid[], ${drawn.map((d) => d.previous)}::int[], ${drawn.map((d) => d.group)}::text[]) as t(id, previous, grp)
        where e.id = t.id`.execute(trx)
    })
  }
}

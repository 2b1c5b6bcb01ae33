import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Approved Premises places as data an administrator or a region's performance lead keeps
// (issue 16 item 2): each figure says where it came from and who last set it, since the
// published figures are counts of premises (London: 13, HMPPS London Reducing Reoffending Plan
// 2022-25, annual update 2023), not places. The partial index finds the Approved Premises
// stays (nDelius accommodation code A02) that the forecast turns into nights per release
// without reading every status event.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    alter table approved_premises_places
      add column source text check (source is null or length(trim(source)) between 1 and 300),
      add column updated_by uuid references app_user(id);

    create index status_event_approved_premises_idx on status_event (custody_episode_id, effective_date)
      where accommodation_type_code = 'A02';
  `,
  )
}

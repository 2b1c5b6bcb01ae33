import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Two splits crossed, a PDU and the narrower scopes count the facts joined to each release's
// groups (migration 0025_1; variation/repository.ts). outcome_fact_scan_idx (migration 0006) has no
// person id, so each of ~160,000 facts in 12 national quarters was fetched from the table to be
// joined. This index carries what that count reads, so it is read from the index alone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create index outcome_fact_split_idx on outcome_fact (checkpoint, release_date)
      include (person_id, checkpoint_date, excluded, treatment_need, value, region_code, pdu_code);
  `,
  )
}

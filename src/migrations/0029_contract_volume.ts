import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// CRS contract volumes (issue 16 item 2, "Contract places"): the number of referrals (places) a
// contract is let for, per contract year. CRS contracts are let for a value over several years
// with an indicative annual volume, so a contract year is the period a commissioner can state
// and check; the capacity view spreads it over the months the contract runs (a twelfth a
// month, pro-rated for a month it starts or ends in). Null until someone records it. Who last
// set it and when sit beside it; every change is also in the audit log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    alter table contract
      add column places_per_year integer check (places_per_year between 0 and 100000),
      add column volume_updated_by uuid references app_user(id),
      add column volume_updated_at timestamptz;
  `,
  )
}

import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Named forecast scenarios (issue 16, domain.md 13f): each changes the baseline's receptions,
// the release point of standard determinate sentences, or the recall rate, and is compared
// with the baseline on one chart. The bounds keep a scenario within what the model can mean:
// a release point between a fifth and the whole sentence, changes of at most ±90% or +200%.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create table forecast_scenario (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(trim(name)) between 1 and 80),
      receptions_change_pct numeric(6, 2) not null default 0 check (receptions_change_pct between -90 and 200),
      sds_release_point numeric(4, 3) not null default 0.5 check (sds_release_point between 0.2 and 1),
      recall_rate_change_pct numeric(6, 2) not null default 0 check (recall_rate_change_pct between -90 and 200),
      created_by uuid references app_user(id),
      created_at timestamptz not null default now()
    );
    create unique index forecast_scenario_name_uq on forecast_scenario (lower(name));
  `,
  )
}

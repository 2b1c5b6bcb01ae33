import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Rate limits that hold across processes (issue 17 finding 2): every instance of the service
// counts a client's attempts in one fixed window per key, in the database they share. A row is a
// key (what is limited and for whom, e.g. "sign-in:203.0.113.9") and its current window.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create table rate_limit_window (
      key text primary key check (length(key) <= 300),
      hits integer not null check (hits >= 0),
      window_ends timestamptz not null
    );
    create index rate_limit_window_ends_idx on rate_limit_window (window_ends);
    `,
  )
}

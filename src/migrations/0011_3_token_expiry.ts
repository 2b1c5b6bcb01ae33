import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// API tokens expire (issue 17 finding 9): a leaked token that nobody revoked must not work for
// ever. Tokens issued before this carry a year from their issue, as new ones do by default.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    alter table api_token add column expires_at timestamptz;
    update api_token set expires_at = created_at + interval '365 days';
    alter table api_token alter column expires_at set not null;
    `,
  )
}

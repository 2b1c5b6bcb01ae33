import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// The kept national dashboard (migration 0012_1) shows each cell's status: provisional, final or
// revised against its publication (migration 0013_2). A new publication changes those statuses
// without touching any roll-up, so it moves the dashboard version too; otherwise a reader holding
// the old ETag would keep seeing cells as unpublished.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create constraint trigger outcome_publication_version after insert or update or delete on outcome_publication
      deferrable initially deferred for each row execute function dashboard_version_bump('outcomes');
  `,
  )
}

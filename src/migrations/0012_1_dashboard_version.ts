import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Issue 17, item 8: the national outcomes dashboard is served from a result kept per version of
// what it reads. dashboard_version.version moves in the same transaction as any change to the
// roll-ups, targets or regions, so a reader that sees the same version before and after computing
// the dashboard knows its result is exactly the committed state of that version.
// The bump is a deferred constraint trigger: it runs at commit, after every other statement of the
// transaction, so the one hot row is locked only for the commit itself and cannot take part in a
// deadlock with the roll-up rows. It bumps once per transaction (xmin is then this transaction).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create table dashboard_version (
      name text primary key,
      version bigint not null default 0
    );
    insert into dashboard_version (name) values ('outcomes');

    create function dashboard_version_bump() returns trigger language plpgsql as $$
    begin
      update dashboard_version set version = version + 1
      where name = tg_argv[0] and xmin <> pg_current_xact_id()::xid;
      return null;
    end;
    $$;

    create constraint trigger outcome_rollup_version after insert or update or delete on outcome_rollup
      deferrable initially deferred for each row execute function dashboard_version_bump('outcomes');
    create constraint trigger outcome_termination_rollup_version after insert or update or delete on outcome_termination_rollup
      deferrable initially deferred for each row execute function dashboard_version_bump('outcomes');
    create constraint trigger outcome_target_version after insert or update or delete on outcome_target
      deferrable initially deferred for each row execute function dashboard_version_bump('outcomes');
    create constraint trigger region_version after insert or update or delete on region
      deferrable initially deferred for each row execute function dashboard_version_bump('outcomes');
  `,
  )
}

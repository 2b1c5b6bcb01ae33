import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// What the outcome dashboards read, made narrower (issue 6; docs/benchmarks.md):
// - The dashboards read quarters far more often than months: the national page shows 40 of them
//   for every region. outcome_rollup_quarter holds outcome_rollup's counts by release quarter, so
//   a whole quarter is one row per state instead of three. It is moved by a trigger on
//   outcome_rollup, so outcome_refresh (migration 0008) stays the one writer.
// - The months between a quarter's start and its first partial month are found by checkpoint
//   and month, not by scanning the rollup.
// - This month's ended orders and programmes are counted from their index alone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create table outcome_rollup_quarter (
      checkpoint text not null references outcome_checkpoint(key),
      region_code text not null,
      release_quarter date not null check (release_quarter = date_trunc('quarter', release_quarter::timestamp)::date),
      excluded boolean not null,
      value text not null,
      treatment_need boolean not null,
      cnt integer not null,
      n integer not null,
      unique (checkpoint, region_code, release_quarter, excluded, value, treatment_need)
    );

    -- Adds the change in one month's row to its quarter's row.
    create function outcome_rollup_to_quarter() returns trigger language plpgsql as $$
    declare
      r outcome_rollup;
    begin
      r := case when tg_op = 'DELETE' then old else new end;
      insert into outcome_rollup_quarter as q (checkpoint, region_code, release_quarter, excluded, value, treatment_need, cnt, n)
      values (r.checkpoint, r.region_code, date_trunc('quarter', r.release_month::timestamp)::date, r.excluded, r.value,
        r.treatment_need,
        (case when tg_op = 'DELETE' then 0 else new.cnt end) - (case when tg_op = 'INSERT' then 0 else old.cnt end),
        (case when tg_op = 'DELETE' then 0 else new.n end) - (case when tg_op = 'INSERT' then 0 else old.n end))
      on conflict (checkpoint, region_code, release_quarter, excluded, value, treatment_need)
      do update set cnt = q.cnt + excluded.cnt, n = q.n + excluded.n;
      return null;
    end;
    $$;
    create trigger outcome_rollup_quarter_sync after insert or update or delete on outcome_rollup
      for each row execute function outcome_rollup_to_quarter();

    create index outcome_rollup_month_idx on outcome_rollup (checkpoint, release_month);

    drop index supervision_order_terminated_idx;
    create index supervision_order_terminated_idx on supervision_order (terminated_on, region_code)
      include (pdu_code, requirements_complete) where terminated_on is not null;
    drop index programme_terminated_idx;
    create index programme_terminated_idx on programme (terminated_on, region_code)
      include (pdu_code, sexual_offending, completed) where terminated_on is not null;

    insert into outcome_rollup_quarter (checkpoint, region_code, release_quarter, excluded, value, treatment_need, cnt, n)
    select checkpoint, region_code, date_trunc('quarter', release_month::timestamp)::date, excluded, value, treatment_need,
      sum(cnt), sum(n)
    from outcome_rollup group by 1, 2, 3, 4, 5, 6;
  `,
  )
}

import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// The termination measures (requirements complete; sexual offence interventions completed) count
// orders, licences and programmes that ended in each period. Ten years of them is over half a
// million rows, and counting them on every dashboard view took longer than the whole target for
// all measures (issue 6). outcome_termination_rollup keeps the counts by region, PDU, month and
// result, moved by the same statement that writes the order or programme, like outcome_rollup.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create table outcome_termination_rollup (
      source text not null check (source in ('supervision_order', 'programme')),
      region_code text not null,
      pdu_code text not null,
      month date not null,
      -- Programmes only (Horizon, Kaizen, iHorizon); always false for orders and licences.
      sexual_offending boolean not null,
      -- requirements_complete for an order or licence, completed for a programme.
      met boolean not null,
      cnt integer not null,
      primary key (source, region_code, pdu_code, month, sexual_offending, met)
    );

    -- Adds (TG_ARGV[0] = '1') or takes away ('-1') the ended rows of the transition table.
    create function outcome_termination_moved() returns trigger language plpgsql as $$
    begin
      if tg_table_name = 'supervision_order' then
        insert into outcome_termination_rollup as r (source, region_code, pdu_code, month, sexual_offending, met, cnt)
        select 'supervision_order', region_code, pdu_code, date_trunc('month', terminated_on::timestamp)::date, false,
          requirements_complete, tg_argv[0]::int * count(*)
        from changed where terminated_on is not null group by 2, 3, 4, 6
        on conflict (source, region_code, pdu_code, month, sexual_offending, met)
        do update set cnt = r.cnt + excluded.cnt;
      else
        insert into outcome_termination_rollup as r (source, region_code, pdu_code, month, sexual_offending, met, cnt)
        select 'programme', region_code, pdu_code, date_trunc('month', terminated_on::timestamp)::date, sexual_offending,
          completed, tg_argv[0]::int * count(*)
        from changed where terminated_on is not null group by 2, 3, 4, 5, 6
        on conflict (source, region_code, pdu_code, month, sexual_offending, met)
        do update set cnt = r.cnt + excluded.cnt;
      end if;
      return null;
    end;
    $$;

    create trigger supervision_order_termination_insert after insert on supervision_order
      referencing new table as changed for each statement execute function outcome_termination_moved('1');
    create trigger supervision_order_termination_update_old after update on supervision_order
      referencing old table as changed for each statement execute function outcome_termination_moved('-1');
    create trigger supervision_order_termination_update_new after update on supervision_order
      referencing new table as changed for each statement execute function outcome_termination_moved('1');
    create trigger supervision_order_termination_delete after delete on supervision_order
      referencing old table as changed for each statement execute function outcome_termination_moved('-1');
    create trigger programme_termination_insert after insert on programme
      referencing new table as changed for each statement execute function outcome_termination_moved('1');
    create trigger programme_termination_update_old after update on programme
      referencing old table as changed for each statement execute function outcome_termination_moved('-1');
    create trigger programme_termination_update_new after update on programme
      referencing new table as changed for each statement execute function outcome_termination_moved('1');
    create trigger programme_termination_delete after delete on programme
      referencing old table as changed for each statement execute function outcome_termination_moved('-1');

    -- Orders and programmes that ended before this migration.
    insert into outcome_termination_rollup (source, region_code, pdu_code, month, sexual_offending, met, cnt)
    select 'supervision_order', region_code, pdu_code, date_trunc('month', terminated_on::timestamp)::date, false,
      requirements_complete, count(*)
    from supervision_order where terminated_on is not null group by 2, 3, 4, 6
    union all
    select 'programme', region_code, pdu_code, date_trunc('month', terminated_on::timestamp)::date, sexual_offending,
      completed, count(*)
    from programme where terminated_on is not null group by 2, 3, 4, 5, 6;
  `,
  )
}

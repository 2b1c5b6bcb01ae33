import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Two changes that bring every measure for 12 regions and 40 quarters from about 750 ms to under
// 100 ms at 554,065 releases (docs/benchmarks.md, issue 6):
// - outcome_rollup keeps only what the measures tell apart. A release excluded for any reason is
//   out of every denominator whatever its status (domain.md section 10), so its reason and value
//   collapse to one state; the reason stays on outcome_fact for the drill-down. 91,365 rows
//   became 37,985.
// - outcome_fact_due_idx finds the facts whose checkpoint fell between two dates. The dashboards
//   read the latest, partly due months from outcome_fact, and only the releases already due are
//   wanted: by release date that meant reading 18 months of releases to keep one month's.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create index outcome_fact_due_idx on outcome_fact (checkpoint, checkpoint_date)
      include (release_date, region_code, pdu_code, prison_code, excluded, treatment_need, value, n);

    drop table outcome_rollup;
    -- '' stands for no status so the key can be a plain unique constraint.
    create table outcome_rollup (
      checkpoint text not null references outcome_checkpoint(key),
      region_code text not null,
      release_month date not null,
      excluded boolean not null,
      value text not null,
      treatment_need boolean not null,
      cnt integer not null,
      n integer not null,
      check (not excluded or value = ''),
      unique (checkpoint, region_code, release_month, excluded, value, treatment_need)
    );
    insert into outcome_rollup (checkpoint, region_code, release_month, excluded, value, treatment_need, cnt, n)
    select checkpoint, region_code, date_trunc('month', release_date::timestamp)::date, excluded is not null,
      case when excluded is null then coalesce(value, '') else '' end, treatment_need, count(*), sum(n)
    from outcome_fact group by 1, 2, 3, 4, 5, 6;

    -- The same refresh as migration 0006, moving the counts of the new rollup.
    create or replace function outcome_refresh(p_person uuid[], p_date date[]) returns void language sql as $$
      with gone as (
        delete from outcome_fact f
        using unnest(p_person, p_date) as k(person_id, release_date)
        where f.person_id = k.person_id and f.release_date = k.release_date
        returning f.checkpoint, f.region_code, f.release_date, f.excluded, f.value, f.treatment_need, f.n
      )
      insert into outcome_rollup as r (checkpoint, region_code, release_month, excluded, value, treatment_need, cnt, n)
      select checkpoint, region_code, date_trunc('month', release_date::timestamp)::date, excluded is not null,
        case when excluded is null then coalesce(value, '') else '' end, treatment_need, -count(*), -sum(n)
      from gone group by 1, 2, 3, 4, 5, 6
      on conflict (checkpoint, region_code, release_month, excluded, value, treatment_need)
      do update set cnt = r.cnt + excluded.cnt, n = r.n + excluded.n;
      with keys as (
        select distinct person_id, release_date from unnest(p_person, p_date) as k(person_id, release_date)
      ), rel as (
        select k.person_id, k.release_date,
          (array_agg(e.id order by e.id))[1] as episode_id,
          array_agg(distinct e.id) as episode_ids,
          coalesce(bool_or(c.rotl), false) as rotl,
          coalesce(bool_or(c.out_of_scope), false) as out_of_scope,
          coalesce(bool_or(c.treatment_need), false) as treatment_need,
          min(o.terminated_on) as case_ended_on,
          coalesce(bool_or(o.termination_reason = 'recalled' and o.terminated_on = k.release_date), false) as same_day_recall
        from keys k
        join custody_episode e on e.person_id = k.person_id and e.actual_release_date = k.release_date
        left join release_context c on c.custody_episode_id = e.id
        left join supervision_order o on o.custody_episode_id = e.id
        group by k.person_id, k.release_date
      ), rel2 as (
        select r.*, rep.region_code, rep.pdu_code, rep.prison_code
        from rel r join custody_episode rep on rep.id = r.episode_id
      ), cp as (
        select r.*, ck.key, ck.kind, ck.case_end_applies,
          (r.release_date + make_interval(months => ck.offset_months, days => ck.offset_days))::date as checkpoint_date
        from rel2 r cross join outcome_checkpoint ck
      )
      , added as (
      insert into outcome_fact (person_id, release_date, checkpoint, custody_episode_id, region_code, pdu_code,
        prison_code, checkpoint_date, excluded, treatment_need, event_id, value, n)
      select cp.person_id, cp.release_date, cp.key, cp.episode_id, cp.region_code, cp.pdu_code, cp.prison_code,
        cp.checkpoint_date,
        case when cp.rotl then 'rotl' when cp.same_day_recall then 'same_day_recall'
          when cp.out_of_scope then 'out_of_scope'
          when cp.case_end_applies and cp.case_ended_on < cp.checkpoint_date then 'case_ended' end,
        cp.treatment_need,
        ev.id,
        case when cp.kind = 'reoffending' then case when coalesce(ro.n, 0) > 0 then 'reoffended' else 'none' end
          else ev.value end,
        coalesce(ro.n, 0)
      from cp
      left join lateral (
        select s.id, coalesce(a.outcome_class, s.employment_status, s.treatment_status) as value
        from status_event s
        left join accommodation_type a on a.code = s.accommodation_type_code
        where cp.kind <> 'reoffending' and s.custody_episode_id = any(cp.episode_ids) and s.kind = cp.kind
          and s.effective_date <= cp.checkpoint_date
          and not exists (select 1 from status_event later where later.supersedes_id = s.id)
        order by s.effective_date desc, s.recorded_at desc, s.id desc
        limit 1
      ) ev on true
      left join lateral (
        select count(*)::int as n from offence o
        where cp.kind = 'reoffending' and o.person_id = cp.person_id
          and o.offence_date >= cp.release_date
          and o.offence_date <= (cp.release_date + make_interval(months => 12))::date
          and o.proven_date <= cp.checkpoint_date
      ) ro on true
      returning checkpoint, region_code, release_date, excluded, value, treatment_need, n
      )
      insert into outcome_rollup as r (checkpoint, region_code, release_month, excluded, value, treatment_need, cnt, n)
      select checkpoint, region_code, date_trunc('month', release_date::timestamp)::date, excluded is not null,
        case when excluded is null then coalesce(value, '') else '' end, treatment_need, count(*), sum(n)
      from added group by 1, 2, 3, 4, 5, 6
      on conflict (checkpoint, region_code, release_month, excluded, value, treatment_need)
      do update set cnt = r.cnt + excluded.cnt, n = r.n + excluded.n;
    $$;
  `,
  )
}

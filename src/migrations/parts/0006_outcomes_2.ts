// The second half of migration 0006_outcomes's script, kept in its own file so that no file is over
// 300 lines. The migration runs both halves in order, in its one transaction, as it always ran the
// whole script: the statements and their order are unchanged (runSql runs one statement at a time).
export const SECOND_HALF = `

    -- The facts counted by region and release month, kept with them: the dashboards read months
    -- whose every checkpoint has passed from here, and only the latest months from outcome_fact.
    -- '' stands for null (no exclusion, no status) so the key can be a plain unique constraint.
    create table outcome_rollup (
      checkpoint text not null references outcome_checkpoint(key),
      region_code text not null,
      release_month date not null,
      exclusion text not null,
      value text not null,
      treatment_need boolean not null,
      cnt integer not null,
      n integer not null,
      unique (checkpoint, region_code, release_month, exclusion, value, treatment_need)
    );

    -- Recomputes the facts of the given releases from the records, by the plain definition, and
    -- moves their counts in outcome_rollup in the same statement.
    create function outcome_refresh(p_person uuid[], p_date date[]) returns void language sql as $$
      with gone as (
        delete from outcome_fact f
        using unnest(p_person, p_date) as k(person_id, release_date)
        where f.person_id = k.person_id and f.release_date = k.release_date
        returning f.checkpoint, f.region_code, f.release_date, f.excluded, f.value, f.treatment_need, f.n
      )
      insert into outcome_rollup as r (checkpoint, region_code, release_month, exclusion, value, treatment_need, cnt, n)
      select checkpoint, region_code, date_trunc('month', release_date::timestamp)::date, coalesce(excluded, ''),
        coalesce(value, ''), treatment_need, -count(*), -sum(n)
      from gone group by 1, 2, 3, 4, 5, 6
      on conflict (checkpoint, region_code, release_month, exclusion, value, treatment_need)
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
      insert into outcome_rollup as r (checkpoint, region_code, release_month, exclusion, value, treatment_need, cnt, n)
      select checkpoint, region_code, date_trunc('month', release_date::timestamp)::date, coalesce(excluded, ''),
        coalesce(value, ''), treatment_need, count(*), sum(n)
      from added group by 1, 2, 3, 4, 5, 6
      on conflict (checkpoint, region_code, release_month, exclusion, value, treatment_need)
      do update set cnt = r.cnt + excluded.cnt, n = r.n + excluded.n;
    $$;

    -- A bulk load may set outcome.defer_refresh for its transaction and call outcome_refresh
    -- once for all the releases it touched, instead of once per statement.
    create function outcome_refresh_deferred() returns boolean language sql stable as $$
      select coalesce(current_setting('outcome.defer_refresh', true), '') = 'on'
    $$;

    create function outcome_refresh_status() returns trigger language plpgsql as $$
    begin
      if outcome_refresh_deferred() then return null; end if;
      perform outcome_refresh(array_agg(e.person_id), array_agg(e.actual_release_date))
      from (select distinct e.person_id, e.actual_release_date
            from changed c join custody_episode e on e.id = c.custody_episode_id
            where e.actual_release_date is not null) e;
      return null;
    end;
    $$;
    create trigger status_event_outcome_fact after insert on status_event
      referencing new table as changed for each statement execute function outcome_refresh_status();
    create trigger release_context_outcome_fact_insert after insert on release_context
      referencing new table as changed for each statement execute function outcome_refresh_status();
    create trigger release_context_outcome_fact_update after update on release_context
      referencing new table as changed for each statement execute function outcome_refresh_status();
    create trigger supervision_order_outcome_fact_insert after insert on supervision_order
      referencing new table as changed for each statement execute function outcome_refresh_status();
    create trigger supervision_order_outcome_fact_update after update on supervision_order
      referencing new table as changed for each statement execute function outcome_refresh_status();

    -- A release date set, moved or cleared refreshes both the old and the new release.
    create function outcome_refresh_episodes() returns trigger language plpgsql as $$
    begin
      if outcome_refresh_deferred() then return null; end if;
      perform outcome_refresh(array_agg(k.person_id), array_agg(k.actual_release_date))
      from (select distinct person_id, actual_release_date from changed where actual_release_date is not null) k;
      return null;
    end;
    $$;
    create trigger custody_episode_outcome_fact_insert after insert on custody_episode
      referencing new table as changed for each statement execute function outcome_refresh_episodes();
    create trigger custody_episode_outcome_fact_update_new after update on custody_episode
      referencing new table as changed for each statement execute function outcome_refresh_episodes();
    create trigger custody_episode_outcome_fact_update_old after update on custody_episode
      referencing old table as changed for each statement execute function outcome_refresh_episodes();

    -- An offence proven or recorded changes the person's reoffending facts on every release.
    create function outcome_refresh_offences() returns trigger language plpgsql as $$
    begin
      if outcome_refresh_deferred() then return null; end if;
      perform outcome_refresh(array_agg(k.person_id), array_agg(k.actual_release_date))
      from (select distinct e.person_id, e.actual_release_date
            from custody_episode e where e.person_id in (select person_id from changed)
            and e.actual_release_date is not null) k;
      return null;
    end;
    $$;
    create trigger offence_outcome_fact_insert after insert on offence
      referencing new table as changed for each statement execute function outcome_refresh_offences();
    create trigger offence_outcome_fact_update after update on offence
      referencing new table as changed for each statement execute function outcome_refresh_offences();
`

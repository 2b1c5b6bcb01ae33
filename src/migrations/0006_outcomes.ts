import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Outcome measures (domain.md sections 10 to 12): what the measures read besides status events
// (offences, orders and licences, programmes, per-release exclusions), the regional targets as
// data, and outcome_fact, the per-release checkpoint status kept by triggers so the dashboards
// read one narrow row per release and checkpoint instead of looking up the latest event each time.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    -- What the custody record does not say about a release and the measures need: release on
    -- temporary licence and out-of-scope cases are excluded; a substance-misuse treatment need
    -- puts the release in the treatment measure's population.
    create table release_context (
      custody_episode_id uuid primary key references custody_episode(id),
      rotl boolean not null default false,
      out_of_scope boolean not null default false,
      treatment_need boolean not null default false,
      updated_at timestamptz not null default now()
    );

    -- Offences with the date committed and, once proven, the date of the conviction or caution.
    create table offence (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references person(id),
      offence_date date not null,
      description text not null check (length(trim(description)) > 0),
      disposal text check (disposal in ('conviction', 'caution')),
      proven_date date,
      recorded_by uuid references app_user(id),
      recorded_at timestamptz not null default now(),
      check ((disposal is null) = (proven_date is null)),
      check (proven_date is null or proven_date >= offence_date)
    );
    create index offence_person_idx on offence (person_id, offence_date);

    -- Orders and licences: a licence belongs to the release it follows. Termination carries a
    -- reason and whether the requirements were complete (the requirements-complete measure).
    create table supervision_order (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references person(id),
      custody_episode_id uuid references custody_episode(id),
      kind text not null check (kind in ('licence', 'community_order', 'suspended_sentence_order')),
      region_code text not null references region(code),
      pdu_code text not null references pdu(code),
      start_date date not null,
      terminated_on date,
      termination_reason text check (termination_reason in
        ('completed', 'recalled', 'revoked_breach', 'early_termination', 'died', 'other')),
      requirements_complete boolean,
      version integer not null default 1,
      check ((kind = 'licence') = (custody_episode_id is not null)),
      check ((terminated_on is null) = (termination_reason is null)),
      check ((terminated_on is null) = (requirements_complete is null)),
      check (terminated_on is null or terminated_on >= start_date)
    );
    create index supervision_order_episode_idx on supervision_order (custody_episode_id) where custody_episode_id is not null;
    create index supervision_order_terminated_idx on supervision_order (terminated_on, region_code) where terminated_on is not null;
    create index supervision_order_person_idx on supervision_order (person_id);

    -- Accredited programmes, the sexual offending programmes flagged (Horizon, Kaizen, iHorizon).
    create table programme (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references person(id),
      name text not null check (length(trim(name)) > 0),
      sexual_offending boolean not null,
      region_code text not null references region(code),
      pdu_code text not null references pdu(code),
      started_on date not null,
      terminated_on date,
      completed boolean,
      version integer not null default 1,
      check ((terminated_on is null) = (completed is null)),
      check (terminated_on is null or terminated_on >= started_on)
    );
    create index programme_terminated_idx on programme (terminated_on, region_code) where terminated_on is not null;
    create index programme_person_idx on programme (person_id);

    -- Targets are data (domain.md section 11): region, measure, baseline, kind and deadline.
    -- region_code is checked by the service: the seeded targets load before reference data.
    create table outcome_target (
      id uuid primary key default gen_random_uuid(),
      region_code text not null,
      measure_key text not null,
      baseline_value numeric(5, 2) not null check (baseline_value between 0 and 100),
      baseline_date date not null,
      kind text not null check (kind in ('maintain', 'increase_by', 'reach', 'increase')),
      amount numeric(5, 2),
      deadline date not null check (deadline > baseline_date),
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      check ((kind in ('increase_by', 'reach')) = (amount is not null)),
      check (amount is null or amount between 0 and 100)
    );
    create unique index outcome_target_uq on outcome_target (region_code, measure_key, deadline);

    insert into outcome_target (region_code, measure_key, baseline_value, baseline_date, kind, amount, deadline) values
      ('N51', 'employed_6_weeks', 20, '2023-03-31', 'maintain', null, '2024-04-30'),
      ('N51', 'employed_6_months', 32, '2023-03-31', 'maintain', null, '2024-04-30'),
      ('N51', 'housed_first_night', 89, '2023-03-31', 'increase_by', 1, '2024-04-30'),
      ('N51', 'settled_3_months', 76, '2023-03-31', 'increase_by', 4, '2024-04-30'),
      ('N51', 'sexual_offence_interventions', 65, '2023-03-31', 'increase_by', 5, '2024-04-30'),
      ('N07', 'employed_6_weeks', 13, '2023-03-31', 'increase_by', 6, '2024-04-30'),
      ('N07', 'employed_6_months', 18, '2023-03-31', 'increase', null, '2024-04-30'),
      ('N07', 'housed_first_night', 76, '2023-03-31', 'increase_by', 14, '2024-04-30'),
      ('N07', 'settled_3_months', 66, '2023-03-31', 'increase_by', 14, '2024-04-30'),
      ('N07', 'sexual_offence_interventions', 57, '2023-03-31', 'increase_by', 13, '2024-04-30'),
      ('N50', 'employed_6_weeks', 21, '2023-03-31', 'maintain', null, '2024-04-30'),
      ('N50', 'employed_6_months', 44, '2023-03-31', 'maintain', null, '2024-04-30'),
      ('N50', 'housed_first_night', 91, '2023-03-31', 'maintain', null, '2024-04-30'),
      ('N50', 'settled_3_months', 76, '2023-03-31', 'increase_by', 4, '2024-04-30'),
      ('N50', 'sexual_offence_interventions', 81, '2023-03-31', 'maintain', null, '2024-04-30');

    -- The checkpoints the release-based measures read, with their offsets (the same as
    -- src/domains/release-planning/rules/checkpoints.ts: date + interval clamps to the month end
    -- as addMonths does). case_end_applies: a case that ended before the checkpoint is excluded.
    create table outcome_checkpoint (
      key text primary key,
      kind text not null check (kind in ('accommodation', 'employment', 'treatment', 'reoffending')),
      offset_days integer not null default 0,
      offset_months integer not null default 0,
      case_end_applies boolean not null default true
    );
    insert into outcome_checkpoint (key, kind, offset_days, offset_months, case_end_applies) values
      ('accommodation_first_night', 'accommodation', 0, 0, true),
      ('accommodation_3_months', 'accommodation', 0, 3, true),
      ('employment_6_weeks', 'employment', 42, 0, true),
      ('employment_6_months', 'employment', 0, 6, true),
      ('treatment_3_weeks', 'treatment', 21, 0, true),
      ('reoffending_18_months', 'reoffending', 0, 18, false);

    -- One row per release and checkpoint. A release is a person and a release date: several
    -- releases on the same day count once (domain.md section 10). value is null when no status
    -- is known at the checkpoint; for reoffending it is 'reoffended' or 'none' and n the count of
    -- proven reoffences.
    create table outcome_fact (
      person_id uuid not null,
      release_date date not null,
      checkpoint text not null references outcome_checkpoint(key),
      custody_episode_id uuid not null,
      region_code text not null,
      pdu_code text not null,
      prison_code text not null,
      checkpoint_date date not null,
      excluded text check (excluded in ('rotl', 'same_day_recall', 'out_of_scope', 'case_ended')),
      treatment_need boolean not null,
      event_id uuid,
      value text,
      n integer not null default 0,
      primary key (person_id, release_date, checkpoint)
    );
    create index outcome_fact_scan_idx on outcome_fact (checkpoint, release_date)
      include (region_code, checkpoint_date, excluded, treatment_need, value, n);
    create index outcome_fact_region_idx on outcome_fact (region_code, checkpoint, release_date);

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
  `,
  )
}

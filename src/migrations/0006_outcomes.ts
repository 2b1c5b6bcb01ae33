import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'
import { SECOND_HALF } from './parts/0006_outcomes_2.ts'

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
  `,
  )
  await runSql(db, SECOND_HALF)
}

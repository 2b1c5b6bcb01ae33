// The second half of migration 0003_release_planning's script, kept in its own file so that no file is over
// 300 lines. The migration runs both halves in order, in its one transaction, as it always ran the
// whole script: the statements and their order are unchanged (runSql runs one statement at a time).
export const SECOND_HALF = `
    create index person_need_episode_idx on person_need (custody_episode_id);

    -- The dated history of a need: every change of status or responsibility, never overwritten.
    create table need_update (
      id uuid primary key default gen_random_uuid(),
      person_need_id uuid not null references person_need(id),
      status text not null,
      responsible_party text not null,
      note text,
      updated_at timestamptz not null default now(),
      updated_by uuid references app_user(id)
    );
    create index need_update_need_idx on need_update (person_need_id, updated_at);

    create table screening (
      id uuid primary key default gen_random_uuid(),
      custody_episode_id uuid not null references custody_episode(id),
      person_id uuid not null references person(id),
      kind text not null check (kind in ('neurodivergence', 'slcn', 'mental_health', 'alcohol', 'drugs', 'gambling', 'care_experience', 'veteran')),
      result text not null check (result in ('positive', 'negative', 'declined')),
      score integer check (score between 0 and 40),
      answers jsonb not null default '{}',
      screened_on date not null,
      recorded_at timestamptz not null default now(),
      recorded_by uuid references app_user(id),
      -- AUDIT-C is scored; the other screens record a result only.
      check ((kind = 'alcohol' and result <> 'declined') = (score is not null))
    );
    create index screening_episode_idx on screening (custody_episode_id, screened_on desc);

    -- Actions carry their own version: two staff editing different actions never clash, and two
    -- editing the same one are told (optimistic concurrency, STYLE.md).
    create table plan_action (
      id uuid primary key default gen_random_uuid(),
      custody_episode_id uuid not null references custody_episode(id),
      person_id uuid not null references person(id),
      person_need_id uuid references person_need(id),
      standard_action text,
      description text not null check (length(trim(description)) > 0),
      owner_party text not null check (owner_party in ('prison', 'probation', 'provider', 'council', 'person')),
      owner_organisation_id uuid references organisation(id),
      owner_name text,
      due_date date not null,
      -- Set for standard actions: the due date follows the release date when it changes.
      weeks_before_release integer check (weeks_before_release between -52 and 104),
      status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'done', 'cancelled')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      updated_by uuid references app_user(id),
      version integer not null default 1
    );
    create index plan_action_episode_idx on plan_action (custody_episode_id);
    -- The plan-quality check looks up each need's actions.
    create index plan_action_need_idx on plan_action (person_need_id) where person_need_id is not null;
    create unique index plan_action_standard_uq on plan_action (custody_episode_id, standard_action)
      where standard_action is not null and status <> 'cancelled';

    -- Handover from prison (POM) to probation (COM), domain.md section 7.
    create table handover (
      custody_episode_id uuid primary key references custody_episode(id),
      person_id uuid not null references person(id),
      com_name text,
      com_allocated_on date,
      meeting_status text not null default 'not_scheduled' check (meeting_status in ('not_scheduled', 'scheduled', 'held', 'not_held')),
      meeting_date date,
      not_held_reason text,
      attendees text,
      com_contact_on date,
      com_contact_method text check (com_contact_method in ('in_person', 'video', 'phone')),
      pack_risks boolean not null default false,
      release_address text,
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check ((com_name is null) = (com_allocated_on is null)),
      check (meeting_status = 'not_scheduled' or meeting_date is not null),
      check ((meeting_status = 'not_held') = (not_held_reason is not null)),
      check (meeting_status <> 'held' or attendees is not null),
      check ((com_contact_on is null) = (com_contact_method is null))
    );

    -- The release-day decision (Offenders (Day of Release from Detention) Act 2023; HMPPS policy).
    create table release_day_decision (
      custody_episode_id uuid primary key references custody_episode(id),
      person_id uuid not null references person(id),
      due_date date not null,
      release_route text not null check (release_route in ('standard', 'hdc', 'parole')),
      applied text not null check (applied in ('not_needed', 'presumption', 'presumption_and_further_day', 'child_two_days', 'excluded', 'no_eligible_day')),
      exclusion text check (exclusion in ('indeterminate', 'parole_discretionary', 'hdc', 'under_28_days_served', 'before_commencement', 'release_from_court')),
      release_date date not null,
      further_day_date date,
      further_day_requested_on date,
      further_day_requested_by uuid references app_user(id),
      further_day_decision text check (further_day_decision in ('approved', 'refused')),
      further_day_decided_by text,
      further_day_decided_on date,
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check ((applied = 'excluded') = (exclusion is not null)),
      check (release_date <= due_date),
      check (further_day_decision is null or further_day_requested_on is not null),
      check ((further_day_decision is null) = (further_day_decided_on is null))
    );

    create table departure_checklist (
      custody_episode_id uuid primary key references custody_episode(id),
      person_id uuid not null references person(id),
      id_document boolean not null default false,
      bank_card boolean not null default false,
      discharge_grant boolean not null default false,
      medication boolean not null default false,
      travel boolean not null default false,
      first_appointment text,
      sleeping_tonight text,
      updated_at timestamptz not null default now(),
      version integer not null default 1
    );

    -- The council's record of a Duty to Refer (Housing Act 1996, s.213B, as inserted by the
    -- Homelessness Reduction Act 2017): received, then the council's outcome.
    create table duty_to_refer (
      custody_episode_id uuid primary key references custody_episode(id),
      person_id uuid not null references person(id),
      local_authority_code text not null references local_authority(code),
      received_on date not null,
      outcome text check (outcome in ('prevention_duty', 'relief_duty', 'not_homeless', 'no_contact', 'accommodation_secured')),
      outcome_on date,
      recorded_by uuid references app_user(id),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check ((outcome is null) = (outcome_on is null)),
      check (outcome_on is null or outcome_on >= received_on)
    );

    -- Every change of expected release date, with what moved because of it.
    create table release_date_change (
      id uuid primary key default gen_random_uuid(),
      custody_episode_id uuid not null references custody_episode(id),
      person_id uuid not null references person(id),
      old_date date not null,
      new_date date not null,
      reason text not null,
      moved jsonb not null default '[]',
      changed_at timestamptz not null default now(),
      changed_by uuid references app_user(id),
      check (old_date <> new_date)
    );
    create index release_date_change_episode_idx on release_date_change (custody_episode_id, changed_at desc);
`

import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Referrals to Commissioned Rehabilitative Services (domain.md section 8): the CRS reference
// data, contracts held by providers, referrals with their dated lifecycle, the provider's
// quality rating and their end-of-service ratings. Providers see the people referred to them
// through person.scope_keys, so the one scope predicate covers them too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    -- CRS reference data (data/reference/crs, from hmpps-interventions-service), loaded by the
    -- referrals domain's loader. Ids are the service's own, so rows can be traced to the source.
    create table crs_service_category (
      id uuid primary key,
      name text not null
    );
    create table crs_contract_type (
      id uuid primary key,
      name text not null,
      code text not null unique
    );
    create table crs_contract_type_service_category (
      contract_type_id uuid not null references crs_contract_type(id),
      service_category_id uuid not null references crs_service_category(id),
      primary key (contract_type_id, service_category_id)
    );
    create table crs_complexity_level (
      id uuid primary key,
      title text not null,
      description text not null,
      service_category_id uuid not null references crs_service_category(id),
      complexity text not null check (complexity in ('LOW', 'MEDIUM', 'HIGH')),
      unique (id, service_category_id)
    );
    -- A deprecated outcome stays readable on the referrals that chose it but cannot be chosen again.
    create table crs_desired_outcome (
      id uuid primary key,
      description text not null,
      service_category_id uuid not null references crs_service_category(id),
      deprecated_at timestamptz,
      unique (id, service_category_id)
    );
    create table crs_withdrawal_reason (
      code text primary key,
      description text not null,
      grouping text not null
    );
    create table crs_cancellation_reason (
      code text primary key,
      description text not null
    );

    create table contract (
      id uuid primary key default gen_random_uuid(),
      reference text not null check (length(trim(reference)) > 0),
      provider_organisation_id uuid not null references organisation(id),
      contract_type_id uuid not null references crs_contract_type(id),
      start_date date not null,
      end_date date not null,
      value_pence bigint not null check (value_pence >= 0),
      created_at timestamptz not null default now(),
      version integer not null default 1,
      check (end_date >= start_date)
    );
    create unique index contract_reference_uq on contract (lower(reference));
    create index contract_provider_idx on contract (provider_organisation_id);
    create table contract_region (
      contract_id uuid not null references contract(id) on delete cascade,
      region_code text not null references region(code),
      primary key (contract_id, region_code)
    );
    create table contract_service_category (
      contract_id uuid not null references contract(id) on delete cascade,
      service_category_id uuid not null references crs_service_category(id),
      primary key (contract_id, service_category_id)
    );

    create table referral (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique check (reference ~ '^[A-Z]{2}[0-9]{4}[A-Z]{2}$'),
      person_id uuid not null references person(id),
      custody_episode_id uuid not null references custody_episode(id),
      state text not null check (state in (
        'draft', 'sent', 'assigned', 'assessment_booked', 'assessed', 'action_plan_submitted',
        'action_plan_approved', 'in_delivery', 'report_submitted', 'completed', 'ended_early', 'cancelled')),
      contract_id uuid references contract(id),
      provider_organisation_id uuid references organisation(id),
      service_category_id uuid references crs_service_category(id),
      complexity_level_id uuid,
      reason text,
      needs text,
      risk_information text,
      contact_details text,
      release_date date,
      prison_code text references prison(code),
      completion_deadline date,
      referrer_user_id uuid references app_user(id),
      referrer_organisation_id uuid not null references organisation(id),
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      -- Drafts save as you go and lapse 90 days after they were started (domain.md section 8).
      draft_expires_on date not null,
      sent_at timestamptz,
      caseworker_user_id uuid references app_user(id),
      assigned_at timestamptz,
      first_contact_at timestamptz,
      assessment_date date,
      assessment_at timestamptz,
      action_plan text,
      action_plan_sessions smallint check (action_plan_sessions between 1 and 50),
      action_plan_submitted_at timestamptz,
      action_plan_approved_at timestamptz,
      report_submitted_at timestamptz,
      report_summary text,
      concluded_at timestamptz,
      end_reason_kind text check (end_reason_kind in ('withdrawal', 'cancellation')),
      end_reason_code text,
      end_reason_comments text,
      version integer not null default 1,
      foreign key (complexity_level_id, service_category_id) references crs_complexity_level(id, service_category_id),
      -- Once sent, everything the provider needs is there, and the provider is the contract's.
      check (state = 'draft' or (contract_id is not null and provider_organisation_id is not null and service_category_id is not null
        and complexity_level_id is not null and reason is not null and sent_at is not null and completion_deadline is not null)),
      check ((state in ('completed', 'ended_early', 'cancelled')) = (concluded_at is not null)),
      check ((end_reason_code is null) = (end_reason_kind is null)),
      check (state not in ('assigned', 'assessment_booked', 'assessed', 'action_plan_submitted', 'action_plan_approved', 'in_delivery', 'report_submitted', 'completed')
        or caseworker_user_id is not null),
      check (state <> 'report_submitted' or report_submitted_at is not null)
    );
    create index referral_person_idx on referral (person_id);
    create index referral_provider_state_idx on referral (provider_organisation_id, state) where state <> 'draft';
    create index referral_contract_idx on referral (contract_id, sent_at) where state <> 'draft';
    create index referral_referrer_idx on referral (referrer_user_id, state);
    create index referral_episode_idx on referral (custody_episode_id);

    create table referral_desired_outcome (
      referral_id uuid not null references referral(id) on delete cascade,
      desired_outcome_id uuid not null references crs_desired_outcome(id),
      primary key (referral_id, desired_outcome_id)
    );

    -- Every transition, dated and attributed; append-only like the audit log.
    create table referral_event (
      id bigint generated always as identity primary key,
      referral_id uuid not null references referral(id) on delete cascade,
      event text not null,
      from_state text not null,
      to_state text not null,
      at timestamptz not null default now(),
      user_id uuid references app_user(id),
      organisation_id uuid references organisation(id),
      detail text
    );
    create index referral_event_referral_idx on referral_event (referral_id, at);
    create function referral_event_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'referral_event is append-only';
    end;
    $$;
    create trigger referral_event_no_change before update on referral_event
      for each statement execute function referral_event_is_append_only();

    -- The provider's checklist on receipt (NAO recommendation on referral quality). The score is
    -- derived here, so nobody can type one in.
    create table referral_quality (
      referral_id uuid primary key references referral(id) on delete cascade,
      reason_clear boolean not null,
      needs_identified boolean not null,
      risk_present boolean not null,
      release_date_known boolean not null,
      contact_details_present boolean not null,
      comments text,
      score smallint generated always as (
        (reason_clear::int + needs_identified::int + risk_present::int + release_date_known::int + contact_details_present::int) * 20
      ) stored,
      rated_by uuid references app_user(id),
      rated_at timestamptz not null default now()
    );

    create table referral_appointment (
      id uuid primary key default gen_random_uuid(),
      referral_id uuid not null references referral(id) on delete cascade,
      kind text not null check (kind in ('assessment', 'session')),
      session_number smallint check (session_number between 1 and 50),
      appointment_date date not null,
      attendance text check (attendance in ('attended', 'late', 'did_not_attend')),
      feedback text,
      recorded_by uuid references app_user(id),
      recorded_at timestamptz not null default now(),
      check ((kind = 'session') = (session_number is not null)),
      check (kind = 'assessment' or attendance is not null)
    );
    create unique index referral_appointment_assessment_uq on referral_appointment (referral_id) where kind = 'assessment';
    create unique index referral_appointment_session_uq on referral_appointment (referral_id, session_number) where kind = 'session';

    -- End-of-service ratings: each desired outcome achieved (1), partially (0.5) or not (0).
    create table referral_outcome_rating (
      referral_id uuid not null,
      desired_outcome_id uuid not null,
      achievement text not null check (achievement in ('achieved', 'partially_achieved', 'not_achieved')),
      notes text,
      primary key (referral_id, desired_outcome_id),
      foreign key (referral_id, desired_outcome_id) references referral_desired_outcome(referral_id, desired_outcome_id) on delete cascade
    );

    -- Providers see exactly the people referred to them: person_scope_keys() now also lists
    -- 'provider:<organisation id>' for each sent referral, alongside the custody episode keys.
    create or replace function person_scope_keys(p uuid) returns text[] language sql stable as $$
      select coalesce(array_agg(distinct k order by k), '{}')
      from (
        select k
        from custody_episode e
        cross join lateral unnest(array[
          'prison:' || e.prison_code, 'pdu:' || e.pdu_code, 'region:' || e.region_code, 'la:' || e.local_authority_code
        ]) as k
        where e.person_id = p
        union all
        select 'provider:' || r.provider_organisation_id::text
        from referral r
        where r.person_id = p and r.state <> 'draft' and r.provider_organisation_id is not null
      ) keys
      where k is not null
    $$;

    -- The episode triggers read changed_episodes; referrals have their own transition table.
    -- Only people whose keys actually change are written, since most transitions change none.
    create function refresh_person_scope_keys_for_referrals() returns trigger language plpgsql as $$
    begin
      update person set scope_keys = person_scope_keys(person.id)
      where person.id in (select person_id from changed_referrals)
        and person.scope_keys is distinct from person_scope_keys(person.id);
      return null;
    end;
    $$;
    create trigger referral_scope_insert after insert on referral
      referencing new table as changed_referrals
      for each statement execute function refresh_person_scope_keys_for_referrals();
    create trigger referral_scope_update after update on referral
      referencing new table as changed_referrals
      for each statement execute function refresh_person_scope_keys_for_referrals();
    create trigger referral_scope_delete after delete on referral
      referencing old table as changed_referrals
      for each statement execute function refresh_person_scope_keys_for_referrals();
  `,
  )
  // Kept apart so it reads as what it is: the link to the release-planning action the referral
  // was made from (migration 0003 creates plan_action and runs first).
  await runSql(db, `alter table referral add column plan_action_id uuid references plan_action(id);`)
}

import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Migrations are plain SQL and import nothing from the application, so a shipped migration keeps
// meaning the same thing however the code moves on. The SQL runs on PostgreSQL 15 and on PGlite (18).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create extension if not exists btree_gist;

    -- Reference data, loaded from data/reference by the reference loader.
    create table region (
      code text primary key,
      name text not null unique
    );
    create table pdu (
      code text primary key,
      name text not null,
      region_code text not null references region(code),
      unique (code, region_code)
    );
    create table prison (
      code text primary key,
      name text not null,
      active boolean not null,
      male boolean not null,
      female boolean not null,
      types text,
      town text,
      postcode text,
      country text
    );
    create table local_authority (
      code text primary key,
      name text not null
    );
    create table ethnic_group (
      code text primary key,
      high_level_group text not null,
      category text not null
    );

    create table organisation (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (kind in ('prison', 'probation_region', 'pdu', 'provider', 'council', 'health', 'national')),
      name text not null,
      prison_code text references prison(code),
      region_code text references region(code),
      pdu_code text references pdu(code),
      local_authority_code text references local_authority(code),
      created_at timestamptz not null default now(),
      version integer not null default 1,
      -- Each kind carries exactly the reference that defines its scope.
      check ((kind = 'prison') = (prison_code is not null)),
      check ((kind = 'pdu') = (pdu_code is not null)),
      check ((kind = 'council') = (local_authority_code is not null)),
      check (kind not in ('probation_region', 'pdu') or region_code is not null)
    );
    create unique index organisation_prison_uq on organisation (prison_code) where kind = 'prison';
    create unique index organisation_pdu_uq on organisation (pdu_code) where kind = 'pdu';
    create unique index organisation_region_uq on organisation (region_code) where kind = 'probation_region';
    create unique index organisation_council_uq on organisation (local_authority_code) where kind = 'council';
    create unique index organisation_name_kind_uq on organisation (kind, lower(name)) where kind in ('provider', 'health', 'national');

    create table app_user (
      id uuid primary key default gen_random_uuid(),
      email text not null,
      name text not null,
      organisation_id uuid not null references organisation(id),
      role text not null check (role in (
        'prison_resettlement_worker', 'pom', 'com', 'provider_caseworker', 'cas3_officer',
        'council_officer', 'health_coordinator', 'regional_lead', 'national_analyst', 'admin')),
      password_hash text,
      oidc_subject text,
      active boolean not null default true,
      failed_sign_ins integer not null default 0 check (failed_sign_ins >= 0),
      locked_until timestamptz,
      last_sign_in_at timestamptz,
      created_at timestamptz not null default now(),
      version integer not null default 1
    );
    create unique index app_user_email_uq on app_user (lower(email));
    create unique index app_user_oidc_uq on app_user (oidc_subject) where oidc_subject is not null;

    -- The cookie carries a random token; only its SHA-256 is stored, so a leaked table signs no one in.
    create table user_session (
      token_hash text primary key,
      user_id uuid not null references app_user(id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now()
    );
    create index user_session_user_idx on user_session (user_id);

    create table api_token (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      token_hash text not null unique,
      organisation_id uuid not null references organisation(id),
      role text not null,
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    create table person (
      id uuid primary key default gen_random_uuid(),
      given_name text not null check (length(trim(given_name)) > 0),
      family_name text not null check (length(trim(family_name)) > 0),
      date_of_birth date not null check (date_of_birth > date '1900-01-01'),
      sex text not null check (sex in ('male', 'female', 'intersex', 'not_stated')),
      ethnic_group_code text references ethnic_group(code),
      prison_number text unique check (prison_number ~ '^[A-Z][0-9]{4}[A-Z]{2}$'),
      crn text unique check (crn ~ '^[A-Z][0-9]{6}$'),
      pnc_id text,
      communication_needs text,
      preferred_language text,
      -- Lower-cased "family given" for prefix search; kept by the application, checked here.
      search_name text not null,
      -- Every organisation key whose scope includes this person ('prison:PVI', 'pdu:LDNNCAI',
      -- 'region:N07', 'la:E09000019'), kept by the triggers on custody_episode below, so a scoped
      -- search is one GIN probe combined with the name index instead of a lookup per candidate.
      scope_keys text[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      check (search_name = lower(family_name || ' ' || given_name))
    );
    create index person_search_name_idx on person (search_name text_pattern_ops);
    create index person_dob_idx on person (date_of_birth);
    create index person_scope_keys_idx on person using gin (scope_keys);
    create index person_pnc_idx on person (pnc_id);

    -- One custody episode per sentence; a recall or a new sentence starts a new one.
    create table custody_episode (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references person(id),
      prison_code text not null references prison(code),
      sentence_type text not null check (sentence_type in ('determinate', 'extended_determinate', 'indeterminate', 'recall')),
      sentence_length_band text not null check (sentence_length_band in
        ('under_12_months', '12_months_to_under_4_years', '4_years_or_more', 'indeterminate')),
      sentence_date date not null,
      expected_release_date date not null,
      actual_release_date date,
      release_type text check (release_type in
        ('conditional_release', 'hdc', 'parole', 'end_of_sentence', 'licence_recall_release', 'court')),
      licence_end_date date,
      mappa_level smallint check (mappa_level between 1 and 3),
      pdu_code text not null,
      region_code text not null,
      local_authority_code text references local_authority(code),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      -- The composite key keeps region_code true to the PDU, so scope checks need no join.
      foreign key (pdu_code, region_code) references pdu(code, region_code),
      check (expected_release_date >= sentence_date),
      check (actual_release_date is null or actual_release_date >= sentence_date),
      check (licence_end_date is null or licence_end_date >= expected_release_date),
      check ((actual_release_date is null) = (release_type is null))
    );
    create index custody_episode_person_idx on custody_episode (person_id);
    create index custody_episode_prison_due_idx on custody_episode (prison_code, expected_release_date) where actual_release_date is null;
    create index custody_episode_pdu_due_idx on custody_episode (pdu_code, expected_release_date) where actual_release_date is null;
    create index custody_episode_la_due_idx on custody_episode (local_authority_code, expected_release_date) where actual_release_date is null;
    create index custody_episode_region_due_idx on custody_episode (region_code, expected_release_date) where actual_release_date is null;
    create index custody_episode_due_idx on custody_episode (expected_release_date) where actual_release_date is null;
    create index custody_episode_released_idx on custody_episode (actual_release_date, region_code);

    create function person_scope_keys(p uuid) returns text[] language sql stable as $$
      select coalesce(array_agg(distinct k order by k), '{}')
      from custody_episode e
      cross join lateral unnest(array[
        'prison:' || e.prison_code, 'pdu:' || e.pdu_code, 'region:' || e.region_code, 'la:' || e.local_authority_code
      ]) as k
      where e.person_id = p and k is not null
    $$;

    -- Statement-level, over the transition tables, so a bulk load updates each person once.
    create function refresh_person_scope_keys() returns trigger language plpgsql as $$
    begin
      update person set scope_keys = person_scope_keys(person.id)
      where person.id in (select person_id from changed_episodes);
      return null;
    end;
    $$;
    create trigger custody_episode_scope_insert after insert on custody_episode
      referencing new table as changed_episodes
      for each statement execute function refresh_person_scope_keys();
    create trigger custody_episode_scope_update after update on custody_episode
      referencing new table as changed_episodes
      for each statement execute function refresh_person_scope_keys();
    create trigger custody_episode_scope_delete after delete on custody_episode
      referencing old table as changed_episodes
      for each statement execute function refresh_person_scope_keys();

    -- Append-only: who read or changed which person's record, through what, and with what result.
    create table audit_event (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      user_id uuid references app_user(id),
      api_token_id uuid references api_token(id),
      organisation_id uuid references organisation(id),
      role text,
      action text not null check (action in ('read', 'create', 'update', 'search', 'export', 'sign_in', 'sign_out', 'admin')),
      person_id uuid,
      record_type text not null,
      record_id text,
      route text not null,
      outcome text not null check (outcome in ('allowed', 'denied', 'not_found')),
      detail text
    );
    create index audit_event_person_idx on audit_event (person_id, at desc) where person_id is not null;
    create index audit_event_user_idx on audit_event (user_id, at desc);
    create index audit_event_at_idx on audit_event (at desc);

    create function audit_event_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only';
    end;
    $$;
    create trigger audit_event_no_change before update or delete on audit_event
      for each statement execute function audit_event_is_append_only();
  `,
  )
}

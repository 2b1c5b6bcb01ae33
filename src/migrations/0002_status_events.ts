import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Status events: accommodation, employment and treatment, effective-dated and never overwritten.
// A correction is a new event that supersedes an older one (domain.md section 10; STYLE.md 9).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    -- nDelius accommodation types, classified for the outcome measures (domain.md section 10):
    -- settled; temporary, which counts as housed; or not housed.
    create table accommodation_type (
      code text primary key,
      name text not null,
      settled_type text not null check (settled_type in ('SETTLED', 'TRANSIENT')),
      is_homeless boolean not null,
      outcome_class text not null check (outcome_class in ('settled', 'temporary', 'not_housed', 'custody')),
      first_night_group text not null check (first_night_group in
        ('settled', 'probation_or_bail', 'rough_sleeping', 'other_homeless', 'other_unsettled', 'custody'))
    );

    create table status_event (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references person(id),
      -- The release the status belongs to: measures count releases, not people.
      custody_episode_id uuid not null references custody_episode(id),
      kind text not null check (kind in ('accommodation', 'employment', 'treatment')),
      accommodation_type_code text references accommodation_type(code),
      employment_status text check (employment_status in
        ('employed_full_time', 'employed_part_time', 'self_employed', 'education_or_training', 'unemployed_available', 'not_available')),
      treatment_status text check (treatment_status in ('referred', 'first_appointment_attended', 'engaged', 'discharged')),
      effective_date date not null,
      source text not null check (source in ('prison', 'com', 'provider', 'council', 'cas3', 'import')),
      recorded_at timestamptz not null default now(),
      recorded_by uuid references app_user(id),
      organisation_id uuid references organisation(id),
      supersedes_id uuid references status_event(id),
      note text,
      -- Exactly the value column that fits the kind.
      check ((kind = 'accommodation') = (accommodation_type_code is not null)),
      check ((kind = 'employment') = (employment_status is not null)),
      check ((kind = 'treatment') = (treatment_status is not null))
    );
    -- An event is superseded at most once, so the chain of corrections is a line, not a tree.
    create unique index status_event_supersedes_uq on status_event (supersedes_id) where supersedes_id is not null;
    create index status_event_episode_idx on status_event (custody_episode_id, kind, effective_date desc, recorded_at desc);
    create index status_event_person_idx on status_event (person_id, effective_date desc);

    create function status_event_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'status_event is append-only: record a correction that supersedes the event';
    end;
    $$;
    create trigger status_event_no_change before update or delete on status_event
      for each statement execute function status_event_is_append_only();
  `,
  )
}

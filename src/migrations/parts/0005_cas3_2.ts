// The second half of migration 0005_cas3's script, kept in its own file so that no file is over
// 300 lines. The migration runs both halves in order, in its one transaction, as it always ran the
// whole script: the statements and their order are unchanged (runSql runs one statement at a time).
export const SECOND_HALF = `

    -- Status is derived from the dates: upcoming before start_date, archived from end_date.
    create table cas3_bedspace (
      id uuid primary key default gen_random_uuid(),
      premises_id uuid not null references cas3_premises(id),
      reference text not null check (length(trim(reference)) > 0),
      characteristics text[] not null default '{}',
      start_date date not null,
      end_date date,
      notes text,
      created_at timestamptz not null default now(),
      version integer not null default 1,
      unique (premises_id, reference),
      check (end_date is null or end_date >= start_date)
    );
    create index cas3_bedspace_premises_idx on cas3_bedspace (premises_id);

    create table cas3_void (
      id uuid primary key default gen_random_uuid(),
      bedspace_id uuid not null references cas3_bedspace(id),
      start_date date not null,
      end_date date not null,
      reason_list text not null default 'void' check (reason_list = 'void'),
      reason_id text not null,
      notes text,
      cancelled_at timestamptz,
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      foreign key (reason_list, reason_id) references cas3_reason(list, id),
      -- end_date is the last unavailable night, inclusive.
      check (end_date >= start_date),
      constraint cas3_void_no_overlap exclude using gist (
        bedspace_id with =, daterange(start_date, end_date, '[]') with &&
      ) where (cancelled_at is null)
    );

    create table cas3_referral (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references person(id),
      custody_episode_id uuid not null references custody_episode(id),
      -- The region whose CAS3 team assesses it: where the person will live.
      region_code text not null references region(code),
      placement_pdu_code text not null,
      placement_local_authority_code text references local_authority(code),
      referred_by uuid references app_user(id),
      referrer_organisation_id uuid not null references organisation(id),
      consent_given boolean not null check (consent_given),
      consent_date date not null,
      eligibility text not null check (eligibility in ('homeless_on_release', 'at_risk_of_homelessness', 'bail_or_community_order')),
      release_date date not null,
      risks_and_needs text not null,
      risk_to_children boolean not null default false,
      risk_to_adults boolean not null default false,
      arson_history boolean not null default false,
      duty_to_refer_submitted boolean not null,
      duty_to_refer_date date,
      duty_to_refer_local_authority_code text references local_authority(code),
      duty_to_refer_outcome text check (duty_to_refer_outcome in ('pending', 'accepted_prevention', 'accepted_relief', 'priority_need', 'not_eligible', 'no_outcome')),
      crs_referral_made boolean not null,
      requirements text[] not null default '{}',
      cultural_needs text,
      move_on_plan text not null,
      status text not null default 'unallocated' check (status in ('unallocated', 'in_review', 'ready_to_place', 'rejected', 'closed')),
      assessor_id uuid references app_user(id),
      rejection_reason_list text not null default 'rejection' check (rejection_reason_list = 'rejection'),
      rejection_reason_id text,
      rejection_notes text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      foreign key (placement_pdu_code, region_code) references pdu(code, region_code),
      foreign key (rejection_reason_list, rejection_reason_id) references cas3_reason(list, id),
      check ((status = 'rejected') = (rejection_reason_id is not null)),
      check (duty_to_refer_submitted = (duty_to_refer_date is not null)),
      check (duty_to_refer_submitted or duty_to_refer_outcome is null)
    );
    create index cas3_referral_region_idx on cas3_referral (region_code, status, created_at);
    create index cas3_referral_person_idx on cas3_referral (person_id);

    -- blocked_until is the first date the next person may arrive: the departure plus the
    -- turnaround in working days, computed by the service from the England and Wales calendar.
    -- The exclusion constraint is the last word on double booking: two live bookings on one
    -- bedspace can never share a night or eat into each other's turnaround.
    create table cas3_booking (
      id uuid primary key default gen_random_uuid(),
      reference text not null unique default upper(substr(md5(gen_random_uuid()::text), 1, 8)),
      bedspace_id uuid not null references cas3_bedspace(id),
      person_id uuid not null references person(id),
      custody_episode_id uuid not null references custody_episode(id),
      referral_id uuid references cas3_referral(id),
      arrival_date date not null,
      departure_date date not null,
      blocked_until date not null,
      status text not null check (status in ('provisional', 'confirmed', 'arrived', 'not_arrived', 'departed', 'cancelled', 'closed')),
      arrived_on date,
      departed_on date,
      cancellation_reason_list text not null default 'cancellation' check (cancellation_reason_list = 'cancellation'),
      cancellation_reason_id text,
      departure_reason_list text not null default 'departure' check (departure_reason_list = 'departure'),
      departure_reason_id text,
      move_on_list text not null default 'move_on' check (move_on_list = 'move_on'),
      move_on_category_id text,
      planned_move_on_address text,
      overstay_reason text,
      overstay_authorised_by uuid references app_user(id),
      notes text,
      created_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      foreign key (cancellation_reason_list, cancellation_reason_id) references cas3_reason(list, id),
      foreign key (departure_reason_list, departure_reason_id) references cas3_reason(list, id),
      foreign key (move_on_list, move_on_category_id) references cas3_reason(list, id),
      check (departure_date > arrival_date),
      check (blocked_until >= departure_date),
      check ((status = 'cancelled') = (cancellation_reason_id is not null)),
      check (status not in ('arrived', 'departed') or arrived_on is not null),
      check (status <> 'departed' or (departed_on is not null and departure_reason_id is not null and move_on_category_id is not null)),
      check ((overstay_reason is null) = (overstay_authorised_by is null)),
      constraint cas3_booking_no_overlap exclude using gist (
        bedspace_id with =, daterange(arrival_date, blocked_until, '[)') with &&
      -- A booking holds its bedspace while provisional or confirmed, and once the person arrived;
      -- cancelled and not-arrived bookings (closed or not) hold nothing.
      ) where (status in ('provisional', 'confirmed') or arrived_on is not null)
    );
    create index cas3_booking_person_idx on cas3_booking (person_id);
    create index cas3_booking_dates_idx on cas3_booking (arrival_date, departure_date);
    create index cas3_booking_departure_idx on cas3_booking (departure_date) where status = 'arrived';

    -- Append-only history of a booking: every change of state or dates, with who and why.
    create table cas3_booking_event (
      id bigint generated always as identity primary key,
      booking_id uuid not null references cas3_booking(id),
      at timestamptz not null default now(),
      by_user uuid references app_user(id),
      event text not null check (event in ('created', 'confirmed', 'arrived', 'not_arrived', 'departed', 'cancelled', 'closed', 'extended', 'shortened', 'overstay_authorised', 'move_on_address')),
      from_departure_date date,
      to_departure_date date,
      note text
    );
    create index cas3_booking_event_booking_idx on cas3_booking_event (booking_id, at);
    create function cas3_booking_event_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'cas3_booking_event is append-only';
    end;
    $$;
    create trigger cas3_booking_event_no_change before update or delete on cas3_booking_event
      for each statement execute function cas3_booking_event_is_append_only();
`

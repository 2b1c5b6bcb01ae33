import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Publication and revisions (issue 13): a quarter's figures can be published, frozen as they
// stood, so a late record that changes a published figure shows as a revision of a stated size
// with the releases that caused it, instead of silently rewriting a closed quarter.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create table outcome_publication (
      id uuid primary key default gen_random_uuid(),
      period date not null unique check (period = date_trunc('quarter', period::timestamp)::date),
      -- The day the figures were computed for (what was due, and so provisional or final).
      as_of_date date not null,
      -- When the data were read: the snapshot holds the records as they stood at this moment.
      data_as_of timestamptz not null,
      published_at timestamptz not null default now(),
      published_by uuid not null references app_user(id)
    );

    -- Every measure's cell for the quarter, by region and for England and Wales, as published.
    create table outcome_published_cell (
      publication_id uuid not null references outcome_publication(id),
      measure text not null,
      group_code text not null,
      status text not null check (status in ('provisional', 'final')),
      cohort integer not null,
      excluded integer not null,
      unknown integer not null,
      denominator integer not null,
      numerator integer not null,
      offences integer not null,
      primary key (publication_id, measure, group_code)
    );

    -- How each release behind the figures counted when published, so a revision can name the
    -- releases whose counting changed since.
    create table outcome_published_fact (
      publication_id uuid not null references outcome_publication(id),
      person_id uuid not null,
      release_date date not null,
      checkpoint text not null,
      region_code text not null,
      excluded text,
      treatment_need boolean not null,
      value text,
      n integer not null,
      primary key (publication_id, checkpoint, person_id, release_date)
    );
  `,
  )
}

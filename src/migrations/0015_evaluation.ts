import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Evaluations against a matched comparison group (domain.md section 13d, issue 15).
// One row is both the saved evaluation and its job: the inputs needed to re-run it exactly
// (definition, window, settings with the seed, the code version, and the date its data was read
// as of, which fixes which reoffending windows are complete), its progress while a worker runs it,
// and its results. A database-backed queue: a worker claims the oldest queued row with
// `for update skip locked`, so two workers never run the same evaluation and a restart loses
// nothing (a row left 'running' by a dead worker is claimed again after a timeout).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create table evaluation (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(trim(name)) between 1 and 200),
      created_by uuid references app_user(id),
      api_token_id uuid references api_token(id),
      organisation_id uuid not null references organisation(id),
      -- The scope the evaluation was defined in: national, or one region for a regional lead.
      scope_region_code text references region(code),
      definition jsonb not null,
      release_from date not null,
      release_to date not null,
      as_of date not null,
      settings jsonb not null,
      code_version text not null,
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
      progress_step text,
      progress_percent smallint not null default 0 check (progress_percent between 0 and 100),
      attempts smallint not null default 0,
      result jsonb,
      error text,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      check (release_to >= release_from),
      check ((status = 'done') = (result is not null))
    );
    create index evaluation_queue_idx on evaluation (created_at) where status in ('queued', 'running');
    create index evaluation_scope_idx on evaluation (scope_region_code, created_at desc);
    `,
  )
}

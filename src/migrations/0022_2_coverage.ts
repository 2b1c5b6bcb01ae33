import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Overlaps and gaps between services (issue 16 item 4, domain.md 13c; NAO 2023: a DWP work
// coach and a CRS employment provider may both work with someone while nobody addresses their
// housing). Services from other parties are recorded as dated episodes on a pathway; CRS
// referrals and CAS3 stays are Resettle's own and are read from their tables.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create table service_episode (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references person(id),
      custody_episode_id uuid not null references custody_episode(id),
      pathway text not null check (pathway in ('ACCOMMODATION', 'ATTITUDES_THINKING_AND_BEHAVIOUR',
        'CHILDREN_FAMILIES_AND_COMMUNITY', 'DRUGS_AND_ALCOHOL', 'EDUCATION_SKILLS_AND_WORK', 'FINANCE_AND_ID', 'HEALTH')),
      party text not null check (party in ('dwp', 'council', 'health', 'voluntary', 'other')),
      provider_name text not null check (length(trim(provider_name)) between 1 and 120),
      started_on date not null,
      ended_on date,
      recorded_by uuid references app_user(id),
      created_at timestamptz not null default now(),
      check (ended_on is null or ended_on >= started_on)
    );
    create index service_episode_episode_idx on service_episode (custody_episode_id);

    -- One row: how long after release a need may wait for a service before it is a gap.
    create table coverage_setting (
      id boolean primary key default true check (id),
      gap_weeks_after_release integer not null default 4 check (gap_weeks_after_release between 0 and 26),
      due_soon_weeks integer not null default 12 check (due_soon_weeks between 1 and 52)
    );
    insert into coverage_setting default values;

    -- The pathway each CRS service category serves, by the category's published name (the
    -- regional variants share a stem). Emotional wellbeing is health; lifestyle and associates
    -- is attitudes, thinking and behaviour; social inclusion and family are community.
    create view crs_category_pathway as
      select c.id as service_category_id,
        case
          when c.name like 'Accommodation%' then 'ACCOMMODATION'
          when c.name like 'Dependency%' then 'DRUGS_AND_ALCOHOL'
          when c.name like 'Education%' then 'EDUCATION_SKILLS_AND_WORK'
          when c.name like 'Emotional%' then 'HEALTH'
          when c.name like 'Family%' or c.name like 'Social%' or c.name like 'Women%' then 'CHILDREN_FAMILIES_AND_COMMUNITY'
          when c.name ilike 'Finance%' then 'FINANCE_AND_ID'
          when c.name like 'Lifestyle%' then 'ATTITUDES_THINKING_AND_BEHAVIOUR'
        end as pathway
      from crs_service_category c;

  `,
  )
}

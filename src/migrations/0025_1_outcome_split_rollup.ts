import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// The variation analyses at national scale (issue 14). One split for 12 quarters read every fact of
// the quarter range and joined each to its person, episode, ethnic group and accommodation
// assessment: p95 499 ms at 100,000 people, against 200 ms at 510,000. Two tables, kept with
// outcome_fact by statement triggers on it, so outcome_refresh stays the one writer of the facts:
// - outcome_release_split: each release's group in every split (the labels the pages show), with
//   the episode's area codes the scope predicate reads. Written when a release's facts are added,
//   so a release's facts are always taken away under the groups they were added under.
// - outcome_split_rollup: the facts counted by checkpoint, split, release quarter, region and
//   group, in the states outcome_rollup keeps (migration 0008: an excluded release is one state).
//   Quarters, not months: the analyses are by quarter, and a month of one region holds too few
//   releases per group for a monthly row to count many of them. The quarter still short of its
//   checkpoint is read from the facts (variation/repository.ts).
// A change to what a group is made of (a person's sex, ethnic group or date of birth; the
// accommodation assessment of a released episode) refreshes that person's releases. The sentence
// length is on custody_episode, whose every update already refreshes (migration 0006).
export const SPLIT_COLUMNS = [
  'sex',
  'ethnicity',
  'ethnicity_detailed',
  'age',
  'sentence_length',
  'region',
  'pdu',
  'prison',
  'weekday',
  'accommodation_need',
]
export const splitColumn = (s: string) => (['region', 'pdu', 'prison'].includes(s) ? `d.${s}_code` : `d.${s}`)
const splitValues = SPLIT_COLUMNS.map((s) => `('${s}', ${splitColumn(s)})`).join(', ')

// The groups as splits.ts names them (issue 14: ONS 2021 groups; the MoJ proven reoffending age
// bands; the sentence length bands of the published accommodation figures). Exported for the
// demo's bulk rebuild (src/demo/outcomes/bulk-rebuild.ts), which writes the same rows set-based.
export const RELEASE_SPLIT_SELECT = `
  select k.person_id, k.release_date, e.region_code, e.pdu_code, e.prison_code, e.local_authority_code,
    case p.sex when 'male' then 'Male' when 'female' then 'Female' when 'intersex' then 'Intersex' else 'Not stated' end,
    coalesce(g.high_level_group, 'Not recorded'),
    coalesce(g.high_level_group || ': ' || g.category, 'Not recorded'),
    case when y.age < 18 then 'Under 18' when y.age < 21 then '18 to 20' when y.age < 25 then '21 to 24'
      when y.age < 30 then '25 to 29' when y.age < 35 then '30 to 34' when y.age < 40 then '35 to 39'
      when y.age < 45 then '40 to 44' when y.age < 50 then '45 to 49' else '50 and over' end,
    case e.sentence_length_band when 'under_12_months' then 'Under 12 months'
      when '12_months_to_under_4_years' then '12 months to under 4 years' when '4_years_or_more' then '4 years or more'
      else 'Indeterminate' end,
    (array['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])[extract(isodow from k.release_date)::int],
    case when a.status in ('support_required', 'in_progress') then 'Need identified'
      when a.status in ('support_not_required', 'done') then 'No need' when a.status = 'support_declined' then 'Support declined'
      else 'Not assessed' end
  from keys k
  join custody_episode e on e.id = k.custody_episode_id
  join person p on p.id = k.person_id
  left join ethnic_group g on g.code = p.ethnic_group_code
  left join pathway_assessment a on a.custody_episode_id = k.custody_episode_id and a.pathway = 'ACCOMMODATION'
  cross join lateral (select extract(year from age(k.release_date, p.date_of_birth)) as age) y`

export const RELEASE_SPLIT_COLUMNS = `person_id, release_date, region_code, pdu_code, prison_code, local_authority_code, sex,
  ethnicity, ethnicity_detailed, age, sentence_length, weekday, accommodation_need`

/** Counts the facts of `source` (aliased f) into the rollup, each with `sign`. */
const moveRollup = (source: string, sign: '' | '-') => `
  insert into outcome_split_rollup as r (checkpoint, split, release_quarter, region_code, grp, excluded, value, treatment_need, cnt, n)
  select f.checkpoint, s.split, date_trunc('quarter', f.release_date::timestamp)::date, f.region_code, s.grp,
    f.excluded is not null, case when f.excluded is null then coalesce(f.value, '') else '' end, f.treatment_need,
    ${sign}count(*), ${sign}coalesce(sum(f.n), 0)
  from ${source} f
  join outcome_release_split d on d.person_id = f.person_id and d.release_date = f.release_date
  cross join lateral (values ${splitValues}) as s(split, grp)
  group by 1, 2, 3, 4, 5, 6, 7, 8
  on conflict (checkpoint, split, release_quarter, region_code, grp, excluded, value, treatment_need)
  do update set cnt = r.cnt + excluded.cnt, n = r.n + excluded.n`

export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create table outcome_release_split (
      person_id uuid not null,
      release_date date not null,
      region_code text not null,
      pdu_code text not null,
      prison_code text not null,
      local_authority_code text,
      sex text not null,
      ethnicity text not null,
      ethnicity_detailed text not null,
      age text not null,
      sentence_length text not null,
      weekday text not null,
      accommodation_need text not null,
      primary key (person_id, release_date)
    );

    create table outcome_split_rollup (
      checkpoint text not null references outcome_checkpoint(key),
      split text not null,
      release_quarter date not null check (release_quarter = date_trunc('quarter', release_quarter::timestamp)::date),
      region_code text not null,
      grp text not null,
      excluded boolean not null,
      value text not null,
      treatment_need boolean not null,
      cnt integer not null,
      n integer not null,
      primary key (checkpoint, split, release_quarter, region_code, grp, excluded, value, treatment_need)
    );

    -- Facts taken away are taken from the groups they were added under.
    create function outcome_split_gone() returns trigger language plpgsql as $$
    begin
      ${moveRollup('gone', '-')};
      return null;
    end;
    $$;
    create trigger outcome_fact_split_gone after delete on outcome_fact
      referencing old table as gone for each statement execute function outcome_split_gone();

    -- Facts added: their releases' groups as they are now, then the counts under those groups.
    create function outcome_split_added() returns trigger language plpgsql as $$
    begin
      with keys as (
        select distinct on (person_id, release_date) person_id, release_date, custody_episode_id
        from added order by person_id, release_date
      )
      insert into outcome_release_split (${RELEASE_SPLIT_COLUMNS})
      ${RELEASE_SPLIT_SELECT}
      on conflict (person_id, release_date) do update set region_code = excluded.region_code,
        pdu_code = excluded.pdu_code, prison_code = excluded.prison_code,
        local_authority_code = excluded.local_authority_code, sex = excluded.sex, ethnicity = excluded.ethnicity,
        ethnicity_detailed = excluded.ethnicity_detailed, age = excluded.age,
        sentence_length = excluded.sentence_length, weekday = excluded.weekday,
        accommodation_need = excluded.accommodation_need;
      ${moveRollup('added', '')};
      return null;
    end;
    $$;
    create trigger outcome_fact_split_added after insert on outcome_fact
      referencing new table as added for each statement execute function outcome_split_added();

    -- A person's sex, ethnic group or date of birth corrected: their releases' groups change.
    create function outcome_refresh_person_groups() returns trigger language plpgsql as $$
    begin
      if outcome_refresh_deferred() then return null; end if;
      perform outcome_refresh(array_agg(d.person_id), array_agg(d.release_date))
      from outcome_release_split d where d.person_id = new.id;
      return null;
    end;
    $$;
    create trigger person_outcome_groups after update on person for each row
      when (old.sex is distinct from new.sex or old.ethnic_group_code is distinct from new.ethnic_group_code
        or old.date_of_birth is distinct from new.date_of_birth)
      execute function outcome_refresh_person_groups();

    -- An accommodation assessment of a release that already has facts (before release there are
    -- none, so planning before release costs nothing here).
    create function outcome_refresh_assessment_groups() returns trigger language plpgsql as $$
    begin
      if outcome_refresh_deferred() then return null; end if;
      perform outcome_refresh(array_agg(d.person_id), array_agg(d.release_date))
      from (select distinct d.person_id, d.release_date
            from changed c
            join custody_episode e on e.id = c.custody_episode_id
            join outcome_release_split d on d.person_id = e.person_id and d.release_date = e.actual_release_date
            where c.pathway = 'ACCOMMODATION') d;
      return null;
    end;
    $$;
    create trigger pathway_assessment_outcome_groups_insert after insert on pathway_assessment
      referencing new table as changed for each statement execute function outcome_refresh_assessment_groups();
    create trigger pathway_assessment_outcome_groups_update after update on pathway_assessment
      referencing new table as changed for each statement execute function outcome_refresh_assessment_groups();

    -- The facts already there.
    insert into outcome_release_split (${RELEASE_SPLIT_COLUMNS})
    with keys as (
      select distinct on (person_id, release_date) person_id, release_date, custody_episode_id
      from outcome_fact order by person_id, release_date
    )
    ${RELEASE_SPLIT_SELECT};
    ${moveRollup('outcome_fact', '')};
    analyze outcome_release_split;
    analyze outcome_split_rollup;
  `,
  )
}

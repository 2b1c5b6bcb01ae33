import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Two splits crossed at national scale (issue 14: under 500 ms for 12 quarters). They counted the
// facts joined to each release's groups (outcome_release_split, migration 0025_1): p95 1,696 ms on
// 608,686 releases, most of it the join of ~500,000 facts to as many rows of text groups and the
// grouping on text. A roll-up over pairs of splits was estimated and rejected: 45 pairs, up to a
// few thousand group pairs each (PDU × prison, prison × detailed ethnicity) per quarter,
// checkpoint and state comes to tens of millions of rows, more than the 3.3 million facts, and
// each fact would move 45 rows.
//
// Instead outcome_split_fact: one narrow row per fact, with its release quarter (kept, not worked
// out per row: date_trunc was half the CPU of a count), the state the measures read and every
// split's group as a small integer code. A crossed split is one range of
// its primary key (checkpoint, release date), read from the index alone (it carries every other
// column), and a hash aggregate on small integers; the codes are turned back into labels on the
// few thousand groups that come out.
// - outcome_split_code: the labels (checkpoint keys, each split's groups, area codes) by code.
// - outcome_split_state: what the measures read of a fact (excluded or not, the value, treatment
//   need), as outcome_split_rollup keeps it ('' for no value), by code.
// - outcome_split_area: the area codes the one scope predicate reads (custody_episode's names),
//   so a scope is `area in (select id from outcome_split_area d where <scope predicate on d>)`.
//   local_authority_code '' is none (as null, it matches no council).
// Kept exact by statement triggers on outcome_fact, as the split roll-up is: a fact taken away
// takes its row; a fact added adds its row under its release's groups as outcome_release_split
// holds them. The trigger that writes those groups (outcome_fact_split_added, 0025_1) fires first:
// triggers on one event fire in name order, and outcome_fact_split_row_added sorts after it.
// outcome_split_fact_rebuild() fills the table from outcome_fact (a bulk load that skipped the
// triggers, or a truncate of outcome_fact, which no trigger here follows).

/** Each split's group column in outcome_release_split (0025_1), by the split's key. */
const GROUPS: [string, string][] = [
  ['sex', 'sex'],
  ['ethnicity', 'ethnicity'],
  ['ethnicity_detailed', 'ethnicity_detailed'],
  ['age', 'age'],
  ['sentence_length', 'sentence_length'],
  ['region', 'region_code'],
  ['pdu', 'pdu_code'],
  ['prison', 'prison_code'],
  ['weekday', 'weekday'],
  ['accommodation_need', 'accommodation_need'],
]

const STATE = `f.excluded is not null, case when f.excluded is null then coalesce(f.value, '') else '' end, f.treatment_need`

/**
 * Adds rows for the facts of `source` (aliased f): first any label, area or state not coded yet
 * (only those, so the identity sequences are not spent on rows that are already there), then the
 * rows.
 */
const addRows = (source: string) => `
  insert into outcome_split_code (label)
  select distinct v.label
  from (select distinct f.person_id, f.release_date, f.checkpoint from ${source} f) f
  join outcome_release_split d on d.person_id = f.person_id and d.release_date = f.release_date
  cross join lateral (values (f.checkpoint), ${GROUPS.map(([, c]) => `(d.${c})`).join(', ')}) as v(label)
  where not exists (select 1 from outcome_split_code c where c.label = v.label)
  on conflict (label) do nothing;

  insert into outcome_split_area (region_code, pdu_code, prison_code, local_authority_code)
  select distinct d.region_code, d.pdu_code, d.prison_code, coalesce(d.local_authority_code, '')
  from (select distinct f.person_id, f.release_date from ${source} f) f
  join outcome_release_split d on d.person_id = f.person_id and d.release_date = f.release_date
  where not exists (select 1 from outcome_split_area a where a.region_code = d.region_code
    and a.pdu_code = d.pdu_code and a.prison_code = d.prison_code
    and a.local_authority_code = coalesce(d.local_authority_code, ''))
  on conflict (region_code, pdu_code, prison_code, local_authority_code) do nothing;

  insert into outcome_split_state (excluded, value, treatment_need)
  select distinct ${STATE}
  from ${source} f
  where not exists (select 1 from outcome_split_state s where (s.excluded, s.value, s.treatment_need) = (${STATE}))
  on conflict (excluded, value, treatment_need) do nothing;

  insert into outcome_split_fact (checkpoint, release_date, person_id, release_quarter, checkpoint_date, state, area,
    ${GROUPS.map(([k]) => k).join(', ')})
  select ck.id, f.release_date, f.person_id, date_trunc('quarter', f.release_date::timestamp)::date,
    f.checkpoint_date, s.id, a.id,
    ${GROUPS.map(([k]) => `${k}.id`).join(', ')}
  from ${source} f
  join outcome_release_split d on d.person_id = f.person_id and d.release_date = f.release_date
  join outcome_split_code ck on ck.label = f.checkpoint
  join outcome_split_state s on (s.excluded, s.value, s.treatment_need) = (${STATE})
  join outcome_split_area a on a.region_code = d.region_code and a.pdu_code = d.pdu_code
    and a.prison_code = d.prison_code and a.local_authority_code = coalesce(d.local_authority_code, '')
  ${GROUPS.map(([k, c]) => `join outcome_split_code ${k} on ${k}.label = d.${c}`).join('\n  ')}`

export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create table outcome_split_code (
      id smallint generated by default as identity primary key,
      label text not null unique
    );
    create table outcome_split_state (
      id smallint generated by default as identity primary key,
      excluded boolean not null,
      value text not null,
      treatment_need boolean not null,
      unique (excluded, value, treatment_need)
    );
    create table outcome_split_area (
      id integer generated by default as identity primary key,
      region_code text not null,
      pdu_code text not null,
      prison_code text not null,
      local_authority_code text not null,
      unique (region_code, pdu_code, prison_code, local_authority_code)
    );
    create table outcome_split_fact (
      person_id uuid not null,
      release_date date not null,
      release_quarter date not null,
      checkpoint_date date not null,
      area integer not null,
      checkpoint smallint not null,
      state smallint not null,
      ${GROUPS.map(([k]) => `${k} smallint not null`).join(',\n      ')},
      primary key (checkpoint, release_date, person_id)
        include (release_quarter, checkpoint_date, state, area, ${GROUPS.map(([k]) => k).join(', ')})
    );

    create function outcome_split_row_gone() returns trigger language plpgsql as $$
    begin
      delete from outcome_split_fact r
      using gone f, outcome_split_code ck
      where ck.label = f.checkpoint and r.checkpoint = ck.id and r.release_date = f.release_date
        and r.person_id = f.person_id;
      return null;
    end;
    $$;
    create trigger outcome_fact_split_row_gone after delete on outcome_fact
      referencing old table as gone for each statement execute function outcome_split_row_gone();

    create function outcome_split_row_added() returns trigger language plpgsql as $$
    begin
      ${addRows('added')};
      return null;
    end;
    $$;
    create trigger outcome_fact_split_row_added after insert on outcome_fact
      referencing new table as added for each statement execute function outcome_split_row_added();

    -- Every fact's row again, in key order so the table is laid out as it is read.
    create function outcome_split_fact_rebuild() returns void language plpgsql as $$
    begin
      truncate outcome_split_fact;
      ${addRows('outcome_fact')}
      order by 1, 2, 3;
      -- The codes too: autovacuum never analyses a table of a few dozen rows, and without
      -- statistics the planner takes the states for a thousand rows and sorts the facts to merge.
      analyze outcome_split_code;
      analyze outcome_split_state;
      analyze outcome_split_area;
      analyze outcome_split_fact;
    end;
    $$;

    select outcome_split_fact_rebuild();
  `,
  )
}

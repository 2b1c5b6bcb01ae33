import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'
import { SPLIT_COLUMNS, splitColumn } from './0025_1_outcome_split_rollup.ts'
import { TERMINATION_SPLIT_VIEW } from './parts/0030_termination_split_view.ts'

// The termination measures split (issue 14; domain.md section 10): p95 2,029 ms at national scale
// against a target of 200 ms, because every call worked out the groups of every ended order in
// the period through the view of 0026 (a lateral lookup of the release per order). What the
// release measures have (0025_1, 0028), the terminations now have too:
// - outcome_termination_split_fact: one narrow row per ended order, licence or programme with its
//   end quarter, whether it counts in the numerator and every split's group as a small integer code
//   (outcome_split_code and outcome_split_area, shared with 0028). Two splits crossed, or a narrower
//   scope, is one range of the primary key (order or programme, end date), read from the index
//   alone, and a hash aggregate on small integers.
// - outcome_termination_split_rollup: those rows counted by split, end quarter, region and group,
//   for one split in a national or regional scope (the national ~330,000 ended orders of 12
//   quarters are a few thousand roll-up rows).
//
// The rows are the view's rows coded, so the two cannot disagree on what a group is: the view stays
// the one definition, and the plain count the table is tested against.
//
// Kept exact, statement by statement, by refreshing every termination of the people a statement
// touches (few per person, so a refresh is a handful of index probes):
// - supervision_order, programme: anyone's order or programme ended before or after the statement
//   (ended, un-ended, edited, deleted, moved to another person);
// - person: sex, ethnic group or date of birth corrected (age is at the termination date);
// - custody_episode: a release added, moved, taken away or its prison, sentence length band, local
//   authority or person changed: it may now be, or have stopped being, a person's latest release on
//   or before an order started, and it is the release a licence names;
// - pathway_assessment: the accommodation assessment of an episode added, changed or deleted.
// A refresh first locks the people's rows (for no key update), so two transactions refreshing one
// person run one after the other, and the second reads what the first committed: without that, each
// could write the groups as they were before the other's change, and the figure would stay stale.
// Not followed, as for releases (0025_1): a change to the ethnic_group reference table, and TRUNCATE
// of the tables above; termination_split_fact_rebuild() fills both tables again from the view (a
// bulk load that switched the triggers off calls it once).

/** The view's column holding each split's group (splits.ts names the same columns). */
const GROUPS = SPLIT_COLUMNS.map((s) => [s, splitColumn(s).slice(2)] as const)

/** Codes and rows for the view's rows in `source` (aliased d). */
const addRows = (source: string) => `
  insert into outcome_split_code (label)
  select distinct v.label
  from ${source}
  cross join lateral (values ${GROUPS.map(([, c]) => `(d.${c})`).join(', ')}) as v(label)
  where not exists (select 1 from outcome_split_code c where c.label = v.label)
  on conflict (label) do nothing;

  insert into outcome_split_area (region_code, pdu_code, prison_code, local_authority_code)
  select distinct d.region_code, d.pdu_code, d.prison_code, coalesce(d.local_authority_code, '')
  from ${source}
  where not exists (select 1 from outcome_split_area a where a.region_code = d.region_code
    and a.pdu_code = d.pdu_code and a.prison_code = d.prison_code
    and a.local_authority_code = coalesce(d.local_authority_code, ''))
  on conflict (region_code, pdu_code, prison_code, local_authority_code) do nothing;

  insert into outcome_termination_split_fact (programme, terminated_on, id, person_id, terminated_quarter,
    sexual_offending, met, area, ${GROUPS.map(([k]) => k).join(', ')})
  select d.source = 'programme', d.terminated_on, d.id, d.person_id,
    date_trunc('quarter', d.terminated_on::timestamp)::date, d.sexual_offending, d.met, a.id,
    ${GROUPS.map(([k]) => `${k}.id`).join(', ')}
  from ${source}
  join outcome_split_area a on a.region_code = d.region_code and a.pdu_code = d.pdu_code
    and a.prison_code = d.prison_code and a.local_authority_code = coalesce(d.local_authority_code, '')
  ${GROUPS.map(([k, c]) => `join outcome_split_code ${k} on ${k}.label = d.${c}`).join('\n  ')}`

/** Counts the rows of `rows` (aliased f) into the roll-up, each with `sign`. */
const moveRollup = (rows: string, sign: '' | '-') => `
  insert into outcome_termination_split_rollup as r (programme, split, terminated_quarter, region_code, grp,
    sexual_offending, met, cnt)
  select f.programme, s.split, f.terminated_quarter, a.region_code, s.grp, f.sexual_offending, f.met, ${sign}count(*)
  from ${rows}
  join outcome_split_area a on a.id = f.area
  cross join lateral (values ${GROUPS.map(([k]) => `('${k}', f.${k})`).join(', ')}) as s(split, grp)
  group by 1, 2, 3, 4, 5, 6, 7
  on conflict (programme, split, terminated_quarter, region_code, grp, sexual_offending, met)
  do update set cnt = r.cnt + excluded.cnt`

/** Refreshes the people in `people` (an array expression) after a statement; nothing when empty. */
const refresh = (people: string) => `perform termination_split_fact_refresh(${people})`

export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    ${TERMINATION_SPLIT_VIEW}

    create table outcome_termination_split_fact (
      -- The view's source: an order or licence (false) or a programme (true).
      programme boolean not null,
      terminated_on date not null,
      -- The order's or programme's id.
      id uuid not null,
      person_id uuid not null,
      terminated_quarter date not null,
      sexual_offending boolean not null,
      met boolean not null,
      area integer not null,
      ${GROUPS.map(([k]) => `${k} smallint not null`).join(',\n      ')},
      primary key (programme, terminated_on, id)
        include (terminated_quarter, sexual_offending, met, area, ${GROUPS.map(([k]) => k).join(', ')})
    );
    -- What a refresh takes away: a person's rows.
    create index outcome_termination_split_fact_person_idx on outcome_termination_split_fact (person_id);
    -- The rows counted by split, end quarter and region (grp: the group's code).
    create table outcome_termination_split_rollup (
      programme boolean not null,
      split text not null,
      terminated_quarter date not null,
      region_code text not null,
      grp smallint not null,
      sexual_offending boolean not null,
      met boolean not null,
      cnt integer not null,
      primary key (programme, split, terminated_quarter, region_code, grp, sexual_offending, met)
    );

    create function termination_split_fact_refresh(people uuid[]) returns void language plpgsql as $$
    begin
      if coalesce(cardinality(people), 0) = 0 then return; end if;
      perform 1 from (select p.id from person p where p.id = any(people) order by p.id for no key update) p;
      with gone as (delete from outcome_termination_split_fact f where f.person_id = any(people) returning f.*)
      ${moveRollup('gone f', '-')};
      ${addRows('(select * from outcome_termination_split v where v.person_id = any(people)) d')};
      ${moveRollup('(select * from outcome_termination_split_fact f where f.person_id = any(people)) f', '')};
    end;
    $$;

    -- Orders, licences and programmes (the same columns on both tables): the people of any row
    -- that was or is ended.
    create function termination_split_fact_ended() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        ${refresh('(select array_agg(distinct person_id) from added where terminated_on is not null)')};
      elsif tg_op = 'DELETE' then
        ${refresh('(select array_agg(distinct person_id) from gone where terminated_on is not null)')};
      else
        ${refresh(`(select array_agg(distinct c.person_id) from (
          select person_id from gone where terminated_on is not null
          union all select person_id from added where terminated_on is not null) c)`)};
      end if;
      return null;
    end;
    $$;
    ${['supervision_order', 'programme']
      .map(
        (t) => `
    create trigger ${t}_termination_split_insert after insert on ${t}
      referencing new table as added for each statement execute function termination_split_fact_ended();
    create trigger ${t}_termination_split_update after update on ${t}
      referencing old table as gone new table as added for each statement execute function termination_split_fact_ended();
    create trigger ${t}_termination_split_delete after delete on ${t}
      referencing old table as gone for each statement execute function termination_split_fact_ended();`,
      )
      .join('\n')}

    create function termination_split_fact_person() returns trigger language plpgsql as $$
    begin
      ${refresh('array[new.id]')};
      return null;
    end;
    $$;
    create trigger person_termination_split after update on person for each row
      when (old.sex is distinct from new.sex or old.ethnic_group_code is distinct from new.ethnic_group_code
        or old.date_of_birth is distinct from new.date_of_birth)
      execute function termination_split_fact_person();

    -- Episodes that may be, or have been, the release a termination draws its groups from: their
    -- people (a non-licence termination reads the person's latest release on or before its start)
    -- and the people whose licences name them; people: anyone else to refresh with them.
    create function termination_split_fact_episodes_changed(episodes uuid[], people uuid[]) returns void
    language plpgsql as $$
    begin
      if coalesce(cardinality(episodes), 0) = 0 then return; end if;
      ${refresh(`people || array(select e.person_id from custody_episode e where e.id = any(episodes)
        union all select o.person_id from supervision_order o where o.custody_episode_id = any(episodes))`)};
    end;
    $$;

    -- An episode added unreleased is no one's release yet (a licence is added after its episode);
    -- an update counts when a column the groups read changed (its person's too: the old person's
    -- latest release may be another now).
    create function termination_split_fact_episodes() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        perform termination_split_fact_episodes_changed(
          (select array_agg(id) from added where actual_release_date is not null), '{}');
      elsif tg_op = 'DELETE' then
        perform termination_split_fact_episodes_changed(
          (select array_agg(id) from gone), (select array_agg(person_id) from gone));
      else
        perform termination_split_fact_episodes_changed(array_agg(o.id), array_agg(o.person_id))
        from gone o join added n on n.id = o.id
        where (o.person_id, o.actual_release_date, o.prison_code, o.sentence_length_band, o.local_authority_code)
          is distinct from (n.person_id, n.actual_release_date, n.prison_code, n.sentence_length_band, n.local_authority_code);
      end if;
      return null;
    end;
    $$;

    -- The accommodation pathway assessment of an episode added, changed (its status) or deleted.
    create function termination_split_fact_assessments() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        perform termination_split_fact_episodes_changed(
          (select array_agg(custody_episode_id) from added where pathway = 'ACCOMMODATION'), '{}');
      elsif tg_op = 'DELETE' then
        perform termination_split_fact_episodes_changed(
          (select array_agg(custody_episode_id) from gone where pathway = 'ACCOMMODATION'), '{}');
      else
        perform termination_split_fact_episodes_changed(array_agg(o.custody_episode_id) || array_agg(n.custody_episode_id), '{}')
        from gone o join added n on n.id = o.id
        where (o.pathway = 'ACCOMMODATION' or n.pathway = 'ACCOMMODATION')
          and (o.custody_episode_id, o.pathway, o.status) is distinct from (n.custody_episode_id, n.pathway, n.status);
      end if;
      return null;
    end;
    $$;
    ${[
      ['custody_episode', 'episodes'],
      ['pathway_assessment', 'assessments'],
    ]
      .map(
        ([t, f]) => `
    create trigger ${t}_termination_split_insert after insert on ${t}
      referencing new table as added for each statement execute function termination_split_fact_${f}();
    create trigger ${t}_termination_split_update after update on ${t}
      referencing old table as gone new table as added for each statement execute function termination_split_fact_${f}();
    create trigger ${t}_termination_split_delete after delete on ${t}
      referencing old table as gone for each statement execute function termination_split_fact_${f}();`,
      )
      .join('\n')}

    -- Every termination's row again, in key order so the table is laid out as it is read; the view
    -- worked out once into a temporary table, not once for the codes, the areas and the rows.
    create function termination_split_fact_rebuild() returns void language plpgsql as $$
    begin
      truncate outcome_termination_split_fact, outcome_termination_split_rollup;
      create temp table termination_split_rebuilt on commit drop as select * from outcome_termination_split;
      analyze termination_split_rebuilt;
      ${addRows('termination_split_rebuilt d')}
      order by 1, 2, 3;
      drop table termination_split_rebuilt;
      ${moveRollup('outcome_termination_split_fact f', '')};
      analyze outcome_split_code;
      analyze outcome_split_area;
      analyze outcome_termination_split_fact;
      analyze outcome_termination_split_rollup;
    end;
    $$;

    select termination_split_fact_rebuild();
  `,
  )
}

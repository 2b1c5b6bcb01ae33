import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Issue 14: every official measure split, the termination measures too (domain.md section 10:
// orders and licences ended with their requirements complete; sexual offending programmes
// completed). A termination is not a release, so it has no row in outcome_release_split: this view
// gives each ended order, licence and programme the same group columns, named as splits.ts names
// them, so the variation query reads `d.<split>` from either.
// - Person groups (sex, ethnic group) as of now, as for releases.
// - Age at the termination date: the age the person was when the measure counted them.
// - Region and PDU: the order's or programme's own, which the scope predicate reads.
// - Release groups (sentence length, releasing prison, release weekday, accommodation need): of the
//   release the order names (a licence), else the person's latest release on or before the order
//   or programme started; 'Not recorded' when there is none (a community order with no custody).
// - Local authority: the release's, for a council's scope.
// A view, not a rollup: terminations are an order of magnitude fewer than checkpoint facts, and
// the query reads only the measure's table (supervision_order or programme) through it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    create view outcome_termination_split as
    with ended as (
      select 'supervision_order'::text as source, o.id, o.person_id, o.kind as label, o.custody_episode_id,
        o.start_date as started_on, o.terminated_on, coalesce(o.requirements_complete, false) as met,
        false as sexual_offending, o.region_code, o.pdu_code
      from supervision_order o where o.terminated_on is not null
      union all
      select 'programme', g.id, g.person_id, g.name, null::uuid, g.started_on, g.terminated_on,
        coalesce(g.completed, false), g.sexual_offending, g.region_code, g.pdu_code
      from programme g where g.terminated_on is not null
    )
    select t.source, t.id, t.person_id, t.label, t.terminated_on, t.met, t.sexual_offending,
      t.region_code, t.pdu_code,
      coalesce(r.prison_code, 'Not recorded') as prison_code,
      r.local_authority_code,
      case p.sex when 'male' then 'Male' when 'female' then 'Female' when 'intersex' then 'Intersex' else 'Not stated' end as sex,
      coalesce(g.high_level_group, 'Not recorded') as ethnicity,
      coalesce(g.high_level_group || ': ' || g.category, 'Not recorded') as ethnicity_detailed,
      case when y.age < 18 then 'Under 18' when y.age < 21 then '18 to 20' when y.age < 25 then '21 to 24'
        when y.age < 30 then '25 to 29' when y.age < 35 then '30 to 34' when y.age < 40 then '35 to 39'
        when y.age < 45 then '40 to 44' when y.age < 50 then '45 to 49' else '50 and over' end as age,
      case r.sentence_length_band when 'under_12_months' then 'Under 12 months'
        when '12_months_to_under_4_years' then '12 months to under 4 years' when '4_years_or_more' then '4 years or more'
        when 'indeterminate' then 'Indeterminate' else 'Not recorded' end as sentence_length,
      coalesce((array['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'])[extract(isodow from r.actual_release_date)::int], 'Not recorded') as weekday,
      case when r.id is null then 'Not recorded'
        when a.status in ('support_required', 'in_progress') then 'Need identified'
        when a.status in ('support_not_required', 'done') then 'No need' when a.status = 'support_declined' then 'Support declined'
        else 'Not assessed' end as accommodation_need
    from ended t
    join person p on p.id = t.person_id
    left join ethnic_group g on g.code = p.ethnic_group_code
    cross join lateral (select extract(year from age(t.terminated_on, p.date_of_birth)) as age) y
    left join lateral (
      (select e.* from custody_episode e where e.id = t.custody_episode_id)
      union all
      (select e.* from custody_episode e
       where t.custody_episode_id is null and e.person_id = t.person_id
         and e.actual_release_date is not null and e.actual_release_date <= t.started_on
       order by e.actual_release_date desc limit 1)
      limit 1
    ) r on true
    left join pathway_assessment a on a.custody_episode_id = r.id and a.pathway = 'ACCOMMODATION';
  `,
  )
}

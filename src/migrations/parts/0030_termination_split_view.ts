// The view of migration 0026 again, with one change: of two releases of a person on the same day
// (concurrent sentences, issue 13), an order or programme now draws its groups from the episode
// with the lowest id, as outcome_refresh takes the lowest id to represent a release (0013_1).
// Before, `limit 1` took either, so two reads could put one termination in different groups, and
// outcome_termination_split_fact (0030), which stores the view's rows, could not be held to it.
// The columns and every other definition are unchanged (see 0026 for why each group is what it is).
export const TERMINATION_SPLIT_VIEW = `
    create or replace view outcome_termination_split as
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
       order by e.actual_release_date desc, e.id limit 1)
      limit 1
    ) r on true
    left join pathway_assessment a on a.custody_episode_id = r.id and a.pathway = 'ACCOMMODATION';
`

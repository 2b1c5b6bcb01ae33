import { sql } from 'kysely'

// The measures' plain definition as one relation, apart from the query builder (query.ts) that
// counts it: the comparison tests and `npm run bench` hold the fast path equal to it.

/**
 * The plain definition, from the records: a release is a person and a release date (several
 * releases on the same day count once); the status at a checkpoint is the latest event on or
 * before release date + N that no correction has replaced (domain.md section 10); 'custody' once
 * recalled; for treatment, any engagement from the release day to day 21 (measures.ts).
 */
export const PLAIN_SOURCE = sql`(
  with rel as (
    select e.person_id, e.actual_release_date as release_date,
      (array_agg(e.id order by e.id))[1] as episode_id, array_agg(e.id) as episode_ids,
      coalesce(bool_or(c.rotl), false) as rotl, coalesce(bool_or(c.out_of_scope), false) as out_of_scope,
      coalesce(bool_or(c.treatment_need), false) as treatment_need,
      min(o.ended) as case_ended_on, min(o.recalled) as recalled_on,
      coalesce(bool_or(o.same_day_recall), false) as same_day_recall
    from custody_episode e left join release_context c on c.custody_episode_id = e.id
    left join lateral (
      select min(o.terminated_on) filter (where o.termination_reason <> 'recalled') as ended,
        min(o.terminated_on) filter (where o.termination_reason = 'recalled') as recalled, bool_or(o.termination_reason = 'recalled' and o.terminated_on = e.actual_release_date) as same_day_recall
      from supervision_order o where o.custody_episode_id = e.id
    ) o on true
    where e.actual_release_date is not null
    group by e.person_id, e.actual_release_date
  ), cp as (
    select r.*, rep.region_code, rep.pdu_code, rep.prison_code, ck.key as checkpoint, ck.kind, ck.case_end_applies, ck.any_after_release,
      (r.release_date + make_interval(months => ck.offset_months, days => ck.offset_days))::date as checkpoint_date
    from rel r join custody_episode rep on rep.id = r.episode_id cross join outcome_checkpoint ck
  )
  select cp.person_id, cp.release_date, cp.checkpoint, cp.episode_id as custody_episode_id, cp.region_code, cp.pdu_code,
    cp.prison_code, cp.checkpoint_date, cp.treatment_need,
    case when cp.rotl then 'rotl' when cp.same_day_recall then 'same_day_recall' when cp.out_of_scope then 'out_of_scope'
      when cp.case_end_applies and cp.case_ended_on < cp.checkpoint_date then 'case_ended' end as excluded,
    case when cp.any_after_release is not null then coalesce(win.id, ev.id)
      when cp.kind <> 'reoffending' and cp.recalled_on <= cp.checkpoint_date then null else ev.id end as event_id,
    case when cp.kind = 'reoffending' then case when ro.n > 0 then 'reoffended' else 'none' end
      when cp.any_after_release is not null then coalesce(win.value,
        case when ev.value = any(cp.any_after_release) then 'engaged_before_release' else ev.value end)
      when cp.recalled_on <= cp.checkpoint_date then 'custody'
      else ev.value end as value,
    coalesce(ro.n, 0) as n
  from cp
  left join lateral (
    select s.id, coalesce(a.outcome_class, s.employment_status, s.treatment_status) as value
    from status_event s left join accommodation_type a on a.code = s.accommodation_type_code
    where s.custody_episode_id = any(cp.episode_ids) and s.kind = cp.kind and s.effective_date <= cp.checkpoint_date
      and not exists (select 1 from status_event later where later.supersedes_id = s.id)
    order by s.effective_date desc, s.recorded_at desc, s.id desc limit 1
  ) ev on cp.kind <> 'reoffending'
  left join lateral (
    select s.id, s.treatment_status as value from status_event s
    where s.custody_episode_id = any(cp.episode_ids) and s.kind = cp.kind
      and s.effective_date between cp.release_date and cp.checkpoint_date and s.treatment_status = any(cp.any_after_release)
      and not exists (select 1 from status_event later where later.supersedes_id = s.id)
    order by s.effective_date, s.recorded_at, s.id limit 1
  ) win on cp.any_after_release is not null
  left join lateral (
    select count(*)::int as n from offence o
    where o.person_id = cp.person_id and o.offence_date >= cp.release_date
      and o.offence_date <= (cp.release_date + make_interval(months => 12))::date and o.proven_date <= cp.checkpoint_date
  ) ro on cp.kind = 'reoffending'
)`

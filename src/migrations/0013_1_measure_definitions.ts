import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// Two measures brought back to their definitions (domain.md section 10; issue 13):
// - Treatment engagement within 3 weeks counts a release whose person engaged with community
//   treatment at any time from the release day to release + 21 days, even if discharged by day
//   21; an engagement dated before the release is not engagement in the community after release.
//   outcome_checkpoint.any_after_release lists the values that count when seen anywhere in that
//   window (the measure's numerator in measures.ts; a test holds the two equal).
// - "Case still open": a recall returns the person to custody but does not close the case (the
//   sentence and the probation case continue; the licence is revoked and a re-release starts a
//   new one). So a recall is no longer a case end: a release recalled on or before a checkpoint
//   reads 'custody' at an accommodation or employment checkpoint, a known status. Settled
//   accommodation at 3 months keeps it in the denominator (not settled); employment leaves it
//   out as not available for work. A case ends for any other termination (completed, revoked,
//   early termination, died, other).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    alter table outcome_checkpoint add column any_after_release text[];
    update outcome_checkpoint set any_after_release = array['first_appointment_attended', 'engaged']
      where key = 'treatment_3_weeks';

    -- As migration 0008, with the two rules above. Still the one writer of outcome_fact and
    -- outcome_rollup; bulk loads may defer the triggers and call it once (migration 0006).
    create or replace function outcome_refresh(p_person uuid[], p_date date[]) returns void language sql as $$
      with gone as (
        delete from outcome_fact f
        using unnest(p_person, p_date) as k(person_id, release_date)
        where f.person_id = k.person_id and f.release_date = k.release_date
        returning f.checkpoint, f.region_code, f.release_date, f.excluded, f.value, f.treatment_need, f.n
      )
      insert into outcome_rollup as r (checkpoint, region_code, release_month, excluded, value, treatment_need, cnt, n)
      select checkpoint, region_code, date_trunc('month', release_date::timestamp)::date, excluded is not null,
        case when excluded is null then coalesce(value, '') else '' end, treatment_need, -count(*), -sum(n)
      from gone group by 1, 2, 3, 4, 5, 6
      on conflict (checkpoint, region_code, release_month, excluded, value, treatment_need)
      do update set cnt = r.cnt + excluded.cnt, n = r.n + excluded.n;
      with keys as (
        select distinct person_id, release_date from unnest(p_person, p_date) as k(person_id, release_date)
      ), rel as (
        select k.person_id, k.release_date,
          (array_agg(e.id order by e.id))[1] as episode_id,
          array_agg(distinct e.id) as episode_ids,
          coalesce(bool_or(c.rotl), false) as rotl,
          coalesce(bool_or(c.out_of_scope), false) as out_of_scope,
          coalesce(bool_or(c.treatment_need), false) as treatment_need,
          min(o.terminated_on) filter (where o.termination_reason <> 'recalled') as case_ended_on,
          min(o.terminated_on) filter (where o.termination_reason = 'recalled') as recalled_on,
          coalesce(bool_or(o.termination_reason = 'recalled' and o.terminated_on = k.release_date), false) as same_day_recall
        from keys k
        join custody_episode e on e.person_id = k.person_id and e.actual_release_date = k.release_date
        left join release_context c on c.custody_episode_id = e.id
        left join supervision_order o on o.custody_episode_id = e.id
        group by k.person_id, k.release_date
      ), rel2 as (
        select r.*, rep.region_code, rep.pdu_code, rep.prison_code
        from rel r join custody_episode rep on rep.id = r.episode_id
      ), cp as (
        select r.*, ck.key, ck.kind, ck.case_end_applies, ck.any_after_release,
          (r.release_date + make_interval(months => ck.offset_months, days => ck.offset_days))::date as checkpoint_date
        from rel2 r cross join outcome_checkpoint ck
      )
      , added as (
      insert into outcome_fact (person_id, release_date, checkpoint, custody_episode_id, region_code, pdu_code,
        prison_code, checkpoint_date, excluded, treatment_need, event_id, value, n)
      select cp.person_id, cp.release_date, cp.key, cp.episode_id, cp.region_code, cp.pdu_code, cp.prison_code,
        cp.checkpoint_date,
        case when cp.rotl then 'rotl' when cp.same_day_recall then 'same_day_recall'
          when cp.out_of_scope then 'out_of_scope'
          when cp.case_end_applies and cp.case_ended_on < cp.checkpoint_date then 'case_ended' end,
        cp.treatment_need,
        case when cp.any_after_release is not null then coalesce(win.id, ev.id)
          when cp.kind <> 'reoffending' and cp.recalled_on <= cp.checkpoint_date then null
          else ev.id end,
        case when cp.kind = 'reoffending' then case when coalesce(ro.n, 0) > 0 then 'reoffended' else 'none' end
          when cp.any_after_release is not null then coalesce(win.value,
            case when ev.value = any(cp.any_after_release) then 'engaged_before_release' else ev.value end)
          when cp.recalled_on <= cp.checkpoint_date then 'custody'
          else ev.value end,
        coalesce(ro.n, 0)
      from cp
      left join lateral (
        select s.id, coalesce(a.outcome_class, s.employment_status, s.treatment_status) as value
        from status_event s
        left join accommodation_type a on a.code = s.accommodation_type_code
        where cp.kind <> 'reoffending' and s.custody_episode_id = any(cp.episode_ids) and s.kind = cp.kind
          and s.effective_date <= cp.checkpoint_date
          and not exists (select 1 from status_event later where later.supersedes_id = s.id)
        order by s.effective_date desc, s.recorded_at desc, s.id desc
        limit 1
      ) ev on true
      left join lateral (
        select s.id, s.treatment_status as value
        from status_event s
        where cp.any_after_release is not null and s.custody_episode_id = any(cp.episode_ids) and s.kind = cp.kind
          and s.effective_date between cp.release_date and cp.checkpoint_date
          and s.treatment_status = any(cp.any_after_release)
          and not exists (select 1 from status_event later where later.supersedes_id = s.id)
        order by s.effective_date, s.recorded_at, s.id
        limit 1
      ) win on true
      left join lateral (
        select count(*)::int as n from offence o
        where cp.kind = 'reoffending' and o.person_id = cp.person_id
          and o.offence_date >= cp.release_date
          and o.offence_date <= (cp.release_date + make_interval(months => 12))::date
          and o.proven_date <= cp.checkpoint_date
      ) ro on true
      returning checkpoint, region_code, release_date, excluded, value, treatment_need, n
      )
      insert into outcome_rollup as r (checkpoint, region_code, release_month, excluded, value, treatment_need, cnt, n)
      select checkpoint, region_code, date_trunc('month', release_date::timestamp)::date, excluded is not null,
        case when excluded is null then coalesce(value, '') else '' end, treatment_need, count(*), sum(n)
      from added group by 1, 2, 3, 4, 5, 6
      on conflict (checkpoint, region_code, release_month, excluded, value, treatment_need)
      do update set cnt = r.cnt + excluded.cnt, n = r.n + excluded.n;
    $$;

    -- Every existing release read again by the new definitions.
    select outcome_refresh(array_agg(person_id), array_agg(release_date))
    from (select distinct person_id, release_date from outcome_fact) k;
  `,
  )
}

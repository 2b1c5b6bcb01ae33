/**
 * The outcome facts and the release groups of half the people, computed set-based for the demo's
 * bulk rebuild (bulk-rebuild.ts): outcome_refresh's definitions (migration 0013_1) written as
 * joins with DISTINCT ON over two temporary, analysed tables rather than one LATERAL lookup per
 * release and checkpoint (docs/benchmarks.md, third round: 10 s of CPU against 22 s at 100,000
 * people). A change to outcome_refresh must be made here too; maintenance.db.test.ts compares the
 * two on a generated demo, table by table.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '../../platform/db/schema.ts'
import { RELEASE_SPLIT_COLUMNS, RELEASE_SPLIT_SELECT } from '../../migrations/0025_1_outcome_split_rollup.ts'

/**
 * Writes the facts (outcome_fact) and each release's groups (outcome_release_split, 0025_1) of the
 * people `half` keeps, in the caller's transaction, with outcome_fact's triggers off. Returns how
 * many releases and facts it wrote.
 */
export async function writeFacts(
  trx: Kysely<DB>,
  half: (id: RawBuilder<unknown>) => RawBuilder<unknown>,
): Promise<{ releases: number; facts: number }> {
  // Each release (a person and a release date: same-day releases count once) with what
  // outcome_refresh's `rel` and `rel2` read: the lowest episode id represents it.
  await sql`create temp table bulk_release on commit drop as
    select r.*, rep.region_code, rep.pdu_code, rep.prison_code from (
      select e.person_id, e.actual_release_date as release_date,
        (array_agg(e.id order by e.id))[1] as episode_id,
        coalesce(bool_or(c.rotl), false) as rotl,
        coalesce(bool_or(c.out_of_scope), false) as out_of_scope,
        coalesce(bool_or(c.treatment_need), false) as treatment_need,
        min(o.terminated_on) filter (where o.termination_reason <> 'recalled') as case_ended_on,
        min(o.terminated_on) filter (where o.termination_reason = 'recalled') as recalled_on,
        coalesce(bool_or(o.termination_reason = 'recalled' and o.terminated_on = e.actual_release_date), false) as same_day_recall
      from custody_episode e
      left join release_context c on c.custody_episode_id = e.id
      left join supervision_order o on o.custody_episode_id = e.id
      where e.actual_release_date is not null and ${half(sql`e.person_id`)}
      group by e.person_id, e.actual_release_date
    ) r join custody_episode rep on rep.id = r.episode_id`.execute(trx)
  // The status events of any of a release's episodes, but those superseded by a later record.
  await sql`create temp table bulk_event on commit drop as
    select e.person_id, e.actual_release_date as release_date, s.id, s.kind, s.effective_date, s.recorded_at,
      s.treatment_status, coalesce(a.outcome_class, s.employment_status, s.treatment_status) as value
    from status_event s
    join custody_episode e on e.id = s.custody_episode_id and e.actual_release_date is not null
      and ${half(sql`e.person_id`)}
    left join accommodation_type a on a.code = s.accommodation_type_code
    where not exists (select 1 from status_event later where later.supersedes_id = s.id)`.execute(trx)
  await sql`analyze bulk_release`.execute(trx)
  await sql`analyze bulk_event`.execute(trx)
  // outcome_refresh's insert (migration 0013_1), its three LATERAL lookups as joins: ev is
  // the latest status of the checkpoint's kind on or before its date, win the first
  // qualifying status in the window (any_after_release), ro the proven reoffences within 12
  // months of release.
  const added = await sql`
    insert into outcome_fact (person_id, release_date, checkpoint, custody_episode_id, region_code, pdu_code,
      prison_code, checkpoint_date, excluded, treatment_need, event_id, value, n)
    with cp as (
      select r.*, ck.key, ck.kind, ck.case_end_applies, ck.any_after_release,
        (r.release_date + make_interval(months => ck.offset_months, days => ck.offset_days))::date as checkpoint_date
      from bulk_release r cross join outcome_checkpoint ck
    ), ev as (
      select distinct on (v.person_id, v.release_date, ck.key) v.person_id, v.release_date, ck.key, v.id, v.value
      from bulk_event v join outcome_checkpoint ck on ck.kind = v.kind
      where ck.kind <> 'reoffending'
        and v.effective_date <= (v.release_date + make_interval(months => ck.offset_months, days => ck.offset_days))::date
      order by v.person_id, v.release_date, ck.key, v.effective_date desc, v.recorded_at desc, v.id desc
    ), win as (
      select distinct on (v.person_id, v.release_date, ck.key) v.person_id, v.release_date, ck.key, v.id,
        v.treatment_status as value
      from bulk_event v join outcome_checkpoint ck on ck.kind = v.kind
      where ck.any_after_release is not null and v.treatment_status = any(ck.any_after_release)
        and v.effective_date between v.release_date
          and (v.release_date + make_interval(months => ck.offset_months, days => ck.offset_days))::date
      order by v.person_id, v.release_date, ck.key, v.effective_date, v.recorded_at, v.id
    ), ro as (
      select r.person_id, r.release_date, ck.key, count(*)::int as n
      from bulk_release r cross join outcome_checkpoint ck
      join offence o on o.person_id = r.person_id
      where ck.kind = 'reoffending'
        and o.offence_date >= r.release_date
        and o.offence_date <= (r.release_date + make_interval(months => 12))::date
        and o.proven_date <= (r.release_date + make_interval(months => ck.offset_months, days => ck.offset_days))::date
      group by 1, 2, 3
    )
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
    left join ev on ev.person_id = cp.person_id and ev.release_date = cp.release_date and ev.key = cp.key
    left join win on win.person_id = cp.person_id and win.release_date = cp.release_date and win.key = cp.key
    left join ro on ro.person_id = cp.person_id and ro.release_date = cp.release_date and ro.key = cp.key`.execute(
    trx,
  )

  // Migration 0025_1: each release's groups, with the same select its trigger uses.
  await sql`insert into outcome_release_split (${sql.raw(RELEASE_SPLIT_COLUMNS)})
    with keys as (select person_id, release_date, episode_id as custody_episode_id from bulk_release)
    ${sql.raw(RELEASE_SPLIT_SELECT)}`.execute(trx)
  const counted = await sql<{ n: string }>`select count(*) as n from bulk_release`.execute(trx)
  return { releases: Number(counted.rows[0]?.n ?? 0), facts: Number(added.numAffectedRows ?? 0) }
}

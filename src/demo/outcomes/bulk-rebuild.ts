/**
 * The outcome facts and every roll-up kept from them, built once, set-based, after the demo has
 * loaded an empty database (issue 17, item 7: national-scale demo data in under 3 minutes).
 *
 * In normal operation the triggers keep these tables exact statement by statement (migrations
 * 0006 to 0012_1 and 0025_1), and they still do: nothing here changes them. A bulk load into an
 * empty database has no earlier state to move, so instead of moving the roll-ups release by
 * release it counts them once:
 * - outcome_fact by the definitions of outcome_refresh (migration 0013_1), written as joins with
 *   DISTINCT ON over temporary, analysed tables rather than one LATERAL lookup per release and
 *   checkpoint (docs/benchmarks.md, third round: 10 s of CPU against 22 s at 100,000 people);
 * - outcome_rollup (0008) and outcome_rollup_quarter (0009) grouped from the facts;
 * - outcome_release_split and outcome_split_rollup (0025_1): the groups of each release once, and
 *   the facts counted per split with one GROUPING SETS pass instead of grouping each fact ten
 *   times through an upsert;
 * - outcome_termination_rollup (0007), whose statement triggers the load switches off
 *   (withoutTerminationRollup) so that outcome pages can be written concurrently without their
 *   upserts of shared region and month rows waiting on each other;
 * - dashboard_version (0012_1) moved once.
 * The triggers of the tables written here are switched off only while this runs, and
 * maintenance.db.test.ts holds every table equal (`except all` both ways) to what the triggers
 * give. This restates outcome_refresh's definitions (migration 0013_1): a change to that function
 * must be made here too. A new roll-up kept by a trigger on these tables must be built here as
 * well: the test fails on any table named like a roll-up or split that this does not write.
 */
import { sql, type Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.ts'
import {
  RELEASE_SPLIT_COLUMNS,
  RELEASE_SPLIT_SELECT,
  SPLIT_COLUMNS,
  splitColumn,
} from '../../migrations/0025_1_outcome_split_rollup.ts'
import { HALVES, indexesOf, setTriggers, sideBySide, tune, tuned } from './bulk-session.ts'

/** The tables this rebuild writes; every one must be empty when it starts. */
export const BULK_REBUILT_TABLES = [
  'outcome_fact',
  'outcome_rollup',
  'outcome_rollup_quarter',
  'outcome_release_split',
  'outcome_split_rollup',
  'outcome_termination_rollup',
] as const

/**
 * A roll-up that comes with its own rebuild function, called after the tables above are filled
 * when the schema has it: outcome_split_fact (the coded facts the crossed splits count, with its
 * code tables, kept by statement triggers on outcome_fact that the bulk insert switches off).
 * Its code tables keep their codes; the facts' table is filled again from outcome_fact.
 */
export const REBUILT_BY_FUNCTION = {
  name: 'outcome_split_fact_rebuild',
  facts: 'outcome_split_fact',
  codes: ['outcome_split_code', 'outcome_split_state', 'outcome_split_area'],
} as const

/** The split rollup's groups as one GROUPING SETS pass: each set is the state plus one split's column. */
const STATE = `f.checkpoint, date_trunc('quarter', f.release_date::timestamp)::date, f.region_code,
  f.excluded is not null, case when f.excluded is null then coalesce(f.value, '') else '' end, f.treatment_need`
const splitCase = (splits: readonly string[], pick: (s: string) => string) =>
  `case ${splits.map((s) => `when grouping(${splitColumn(s)}) = 0 then ${pick(s)}`).join(' ')} end`
const splitRollup = (splits: readonly string[]) => sql`
  insert into outcome_split_rollup (checkpoint, split, release_quarter, region_code, grp, excluded, value,
    treatment_need, cnt, n)
  select f.checkpoint, ${sql.raw(splitCase(splits, (s) => `'${s}'`))}, date_trunc('quarter', f.release_date::timestamp)::date,
    f.region_code, ${sql.raw(splitCase(splits, splitColumn))}, f.excluded is not null,
    case when f.excluded is null then coalesce(f.value, '') else '' end, f.treatment_need,
    count(*), coalesce(sum(f.n), 0)
  from outcome_fact f
  join outcome_release_split d on d.person_id = f.person_id and d.release_date = f.release_date
  group by grouping sets (${sql.raw(splits.map((s) => `(${STATE}, ${splitColumn(s)})`).join(', '))})`

/**
 * Builds the facts and roll-ups of every release from nothing. Throws if any of them already
 * holds rows: it adds, it does not move. For a load into an empty database that nothing else
 * writes to: the work is spread over two connections, so it is not one transaction, and a
 * failure part way leaves a demo database to be made again (as a foreign key failing does,
 * bulk-load.ts). The triggers are switched back on whatever happens.
 */
export async function rebuildOutcomesInBulk(
  db: Kysely<DB>,
  options: { onStep?: (step: string, seconds: number) => void } = {},
): Promise<{ releases: number; facts: number }> {
  let stepStart = performance.now()
  const step = (name: string) => {
    const now = performance.now()
    options.onStep?.(name, (now - stepStart) / 1000)
    stepStart = now
  }
  for (const table of BULK_REBUILT_TABLES) {
    const any = await sql`select 1 from ${sql.table(table)} limit 1`.execute(db)
    if (any.rows.length) throw new Error(`${table} is not empty: the bulk rebuild only fills empty roll-ups`)
  }
  const analyse = (tables: string[]) => tables.map((t) => () => sql`analyze ${sql.table(t)}`.execute(db))
  await sideBySide(db, [
    analyse(['custody_episode', 'status_event', 'release_context', 'supervision_order']),
    analyse(['programme', 'offence', 'person', 'pathway_assessment']),
  ])
  step('analyse')
  const indexes = await indexesOf(db)
  const triggered = ['outcome_fact', 'outcome_rollup', 'outcome_termination_rollup']
  await setTriggers(db, triggered, false)
  try {
    await db.transaction().execute(async (trx) => {
      for (const index of indexes) await sql.raw(index.drop).execute(trx)
    })
    // Each half of the people in its own transaction: each release's facts and groups.
    let releases = 0
    let facts = 0
    const build = async (half: (typeof HALVES)[number]) =>
      db.transaction().execute(async (trx) => {
        await tune(trx)
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
        releases += Number(counted.rows[0]?.n ?? 0)
        facts += Number(added.numAffectedRows ?? 0)
      })
    await sideBySide(db, [[() => build(HALVES[0]!)], [() => build(HALVES[1]!)]])
    step('facts and release groups')

    // The roll-ups, counted: migration 0008's months and 0009's quarters, 0007's ended orders and
    // programmes, 0025_1's splits (five splits on each connection: no two write the same row).
    const splits = [SPLIT_COLUMNS.slice(0, 5), SPLIT_COLUMNS.slice(5)]
    await sideBySide(db, [
      [
        () =>
          tuned(
            db,
            sql`insert into outcome_rollup (checkpoint, region_code, release_month, excluded, value, treatment_need, cnt, n)
            select checkpoint, region_code, date_trunc('month', release_date::timestamp)::date, excluded is not null,
              case when excluded is null then coalesce(value, '') else '' end, treatment_need, count(*), sum(n)
            from outcome_fact group by 1, 2, 3, 4, 5, 6`,
          ),
        () =>
          tuned(
            db,
            sql`insert into outcome_rollup_quarter (checkpoint, region_code, release_quarter, excluded, value, treatment_need, cnt, n)
            select checkpoint, region_code, date_trunc('quarter', release_month::timestamp)::date, excluded, value, treatment_need,
              sum(cnt), sum(n)
            from outcome_rollup group by 1, 2, 3, 4, 5, 6`,
          ),
        () =>
          tuned(
            db,
            sql`insert into outcome_termination_rollup (source, region_code, pdu_code, month, sexual_offending, met, cnt)
            select 'supervision_order', region_code, pdu_code, date_trunc('month', terminated_on::timestamp)::date, false,
              requirements_complete, count(*)
            from supervision_order where terminated_on is not null group by 2, 3, 4, 6
            union all
            select 'programme', region_code, pdu_code, date_trunc('month', terminated_on::timestamp)::date, sexual_offending,
              completed, count(*)
            from programme where terminated_on is not null group by 2, 3, 4, 5, 6`,
          ),
        () => tuned(db, splitRollup(splits[0]!)),
      ],
      [() => tuned(db, splitRollup(splits[1]!))],
    ])
    step('roll-ups')
    // Built two at a time, then made keys.
    await sideBySide(
      db,
      [0, 1].map((k) =>
        indexes.filter((_, i) => i % 2 === k).map((index) => () => tuned(db, sql.raw(index.create))),
      ),
    )
    await db.transaction().execute(async (trx) => {
      for (const index of indexes) if (index.attach) await sql.raw(index.attach).execute(trx)
    })
    step('indexes')
    const present = await sql<{ present: boolean }>`
      select to_regprocedure(${`${REBUILT_BY_FUNCTION.name}()`}) is not null as present`.execute(db)
    if (present.rows[0]?.present) await sql`select ${sql.raw(REBUILT_BY_FUNCTION.name)}()`.execute(db)
    step('coded facts')
    // What the deferred version triggers (migration 0012_1) would have done.
    await sql`update dashboard_version set version = version + 1 where name = 'outcomes'`.execute(db)
    return { releases, facts }
  } finally {
    await setTriggers(db, triggered, true)
  }
}

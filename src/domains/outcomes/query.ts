/**
 * The one query builder for every measure in measures.ts. It reads rows of releases at a
 * checkpoint: outcome_rollup and outcome_fact (kept by triggers, migration 0006) on the fast
 * path, or PLAIN_SOURCE, the plain definition computed from the records on each call. All give
 * the same columns, so the comparison test can hold them equal.
 */
import { sql, type RawBuilder, type Sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { applyOffset, type CheckpointOffset } from './checkpoints.ts'
import type {
  CheckpointMeasure,
  Measure,
  PeriodUnit,
  ReoffendingMeasure,
  TerminationMeasure,
} from './measures.ts'
import { periodEnd, periodStartOf } from './measures.ts'

export type Grouping = 'national' | 'region' | 'pdu' | 'prison'
/**
 * fast: whole due months from outcome_rollup plus the latest months from outcome_fact (by region
 * or nationally); fact: outcome_fact alone; plain: the definition computed from the records.
 */
export type Source = 'fast' | 'fact' | 'plain'

export interface Filter {
  today: string
  unit: PeriodUnit
  groupBy: Grouping
  region?: string
  pdu?: string
  prison?: string
  from?: string
  to?: string
}

/** One measure in one group and period. */
export interface Cell {
  measure: string
  group: string
  period: string
  cohort: number
  excluded: number
  unknown: number
  denominator: number
  numerator: number
  /** Proven reoffences, for the frequency measures. */
  offences: number
  /** Counts withheld by disclosure control beyond the small ones (platform/disclosure). */
  withheld?: ReadonlySet<string>
}

/**
 * The plain definition, from the records: a release is a person and a release date (several
 * releases on the same day count once); the status at a checkpoint is the latest event on or
 * before release date + N that no correction has replaced (domain.md section 10); 'custody' once
 * recalled; for treatment, any engagement from the release day to day 21 (measures.ts).
 */
const PLAIN_SOURCE = sql`(
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

function groupColumn(groupBy: Grouping, alias = 'f'): Sql | RawBuilder<unknown> {
  if (groupBy === 'national') return sql.lit('ENGLAND_AND_WALES')
  return sql.ref(`${alias}.${groupBy}_code`)
}

const truncUnit = (unit: PeriodUnit) => sql.lit(unit)

type ReleaseMeasure = CheckpointMeasure | ReoffendingMeasure

/** Per measure: is the row in its cohort, and is it out of its denominator? */
export function cohortCondition(m: ReleaseMeasure) {
  const need =
    m.type === 'checkpoint' && m.population === 'treatment_need' ? sql`and f.treatment_need` : sql``
  return sql`(f.checkpoint = ${m.checkpoint} ${need})`
}

export function excludedCondition(m: ReleaseMeasure) {
  const out = m.type === 'checkpoint' ? m.outOfDenominator : []
  return sql`(f.excluded is not null or coalesce(f.value = any(${[...out]}::text[]), false))`
}

export function numeratorCondition(m: ReleaseMeasure) {
  return m.type === 'checkpoint'
    ? sql`coalesce(f.value = any(${[...m.numerator]}::text[]), false)`
    : sql`f.value = 'reoffended'`
}

/** How one release (as `f`) counts in a measure: the drill-downs and revisions read this. */
export const countedAs = (measure: ReleaseMeasure) => sql`case
  when ${excludedCondition(measure)} then 'excluded' when f.value is null then 'unknown'
  when ${numeratorCondition(measure)} then 'numerator' else 'denominator' end`

const monthStart = (d: string) => `${d.slice(0, 7)}-01`
const quarterStart = (d: string) => periodStartOf(d, 'quarter')
const monthEnd = (d: string) => applyOffset(applyOffset(monthStart(d), { months: 1 }), { days: -1 })

/** Does the filter's window start and end on whole periods of `unit`, as the rollups hold them? */
const wholePeriods = (filter: Filter, unit: PeriodUnit) =>
  (!filter.from || filter.from === periodStartOf(filter.from, unit)) &&
  (!filter.to || filter.to === periodEnd(periodStartOf(filter.to, unit), unit))

/**
 * The first release month not yet wholly past the checkpoint on `today`: every earlier month's
 * releases have all reached it, so their counts in outcome_rollup are final as of today.
 */
export function firstPartialMonth(offset: CheckpointOffset, today: string): string {
  let month = monthStart(today)
  for (;;) {
    const before = applyOffset(month, { months: -1 })
    if (applyOffset(monthEnd(before), offset) <= today) return month
    month = before
  }
}

/** A fact as a row the measures count: one release. */
const FACT_COLUMNS = sql`f.checkpoint, f.region_code, f.pdu_code, f.prison_code, f.release_date, f.excluded, f.value,
  f.treatment_need, 1 as cnt, f.n`

/** The rows the measures count, with `cnt` releases each, already filtered to what is due. */
function relationFor(source: Source, measures: ReleaseMeasure[], filter: Filter) {
  const checkpoints = [...new Set(measures.map((m) => m.checkpoint))]
  const where = (alias: string, date: string) => sql`
    ${filter.region ? sql`and ${sql.ref(`${alias}.region_code`)} = ${filter.region}` : sql``}
    ${filter.from ? sql`and ${sql.ref(`${alias}.${date}`)} >= ${filter.from}::date` : sql``}
    ${filter.to ? sql`and ${sql.ref(`${alias}.${date}`)} <= ${filter.to}::date` : sql``}`
  const plainOrFact = (rel: RawBuilder<unknown>) => sql`(
    select ${FACT_COLUMNS}
    from ${rel} as f
    where f.checkpoint = any(${checkpoints}::text[]) and f.checkpoint_date <= ${filter.today}::date
      ${filter.pdu ? sql`and f.pdu_code = ${filter.pdu}` : sql``}
      ${filter.prison ? sql`and f.prison_code = ${filter.prison}` : sql``}
      ${where('f', 'release_date')})`
  const rollupFits =
    (filter.groupBy === 'region' || filter.groupBy === 'national') &&
    !filter.pdu &&
    !filter.prison &&
    wholePeriods(filter, 'month')
  if (source === 'plain') return plainOrFact(PLAIN_SOURCE)
  if (source === 'fact' || !rollupFits) return plainOrFact(sql`outcome_fact`)
  const partial = checkpoints.map((cp) => {
    const m = measures.find((x) => x.checkpoint === cp) as ReleaseMeasure
    const from = firstPartialMonth(m.offset, filter.today)
    return { cp, from, dueFrom: applyOffset(from, m.offset) }
  })
  // Each partial month's releases are read by when their checkpoint fell (outcome_fact_due_idx,
  // migration 0008): a release on or after `from` reaches its checkpoint on or after `dueFrom`,
  // as adding a fixed offset never moves a later date before an earlier one.
  const due = partial.map(
    (p) => sql`
    select ${FACT_COLUMNS}
    from outcome_fact f
    where f.checkpoint = ${p.cp} and f.checkpoint_date between ${p.dueFrom}::date and ${filter.today}::date
      and f.release_date >= ${p.from}::date ${where('f', 'release_date')}`,
  )
  // Whole quarters come from outcome_rollup_quarter (migration 0009) when the periods are quarters,
  // and the whole months before each checkpoint's first partial month from outcome_rollup.
  const quarters = filter.unit === 'quarter' && wholePeriods(filter, 'quarter')
  const rollup = (table: string, column: string, ranges: RawBuilder<unknown>[]) => sql`
    select r.checkpoint, r.region_code, null::text as pdu_code, null::text as prison_code,
      ${sql.ref(`r.${column}`)} as release_date, case when r.excluded then 'excluded' end as excluded,
      nullif(r.value, '') as value, r.treatment_need, r.cnt, r.n
    from ${sql.table(table)} r
    where (${sql.join(ranges, sql` or `)}) ${where('r', column)}`
  const arms = quarters
    ? [
        rollup(
          'outcome_rollup_quarter',
          'release_quarter',
          partial.map(
            (p) => sql`(r.checkpoint = ${p.cp} and r.release_quarter < ${quarterStart(p.from)}::date)`,
          ),
        ),
        rollup(
          'outcome_rollup',
          'release_month',
          partial.map(
            (p) =>
              sql`(r.checkpoint = ${p.cp} and r.release_month >= ${quarterStart(p.from)}::date and r.release_month < ${p.from}::date)`,
          ),
        ),
      ]
    : [
        rollup(
          'outcome_rollup',
          'release_month',
          partial.map((p) => sql`(r.checkpoint = ${p.cp} and r.release_month < ${p.from}::date)`),
        ),
      ]
  return sql`(${sql.join([...arms, ...due], sql` union all `)})`
}

/**
 * All release-based measures in one pass over the source, one filtered count per measure. The
 * rows are counted straight into each group and period: collapsing them to states first cost more
 * in passing tens of thousands of partial groups between parallel workers than it saved.
 */
async function releaseCells(
  db: Database,
  source: Source,
  measures: ReleaseMeasure[],
  filter: Filter,
): Promise<Cell[]> {
  if (!measures.length) return []
  const columns = measures.map((m, i) => {
    const cohort = cohortCondition(m)
    const excluded = excludedCondition(m)
    return sql`coalesce(sum(f.cnt) filter (where ${cohort}), 0) as ${sql.ref(`c${i}`)},
      coalesce(sum(f.cnt) filter (where ${cohort} and ${excluded}), 0) as ${sql.ref(`x${i}`)},
      coalesce(sum(f.cnt) filter (where ${cohort} and not ${excluded} and f.value is null), 0) as ${sql.ref(`u${i}`)},
      coalesce(sum(f.cnt) filter (where ${cohort} and not ${excluded} and ${numeratorCondition(m)}), 0) as ${sql.ref(`n${i}`)},
      coalesce(sum(f.n) filter (where ${cohort} and not ${excluded}), 0) as ${sql.ref(`o${i}`)}`
  })
  const query = sql<Record<string, string | number>>`
    select f.grp, f.period::text as period, ${sql.join(columns)}
    from (
      select ${groupColumn(filter.groupBy)} as grp, date_trunc(${truncUnit(filter.unit)}, f.release_date::timestamp)::date as period,
        f.checkpoint, f.excluded, f.value, f.treatment_need, f.cnt, f.n
      from ${relationFor(source, measures, filter)} as f
    ) as f
    group by f.grp, f.period
  `
  // Tens of thousands of short rows are cheaper to aggregate on two cores than on one, but the
  // planner's default costs keep a query this size serial. Scoped to this transaction only.
  const rows = await db.transaction().execute(async (trx) => {
    await sql`set local parallel_setup_cost = 10`.execute(trx)
    await sql`set local parallel_tuple_cost = 0.001`.execute(trx)
    return query.execute(trx)
  })
  const cells: Cell[] = []
  for (const r of rows.rows) {
    measures.forEach((m, i) => {
      const cohort = Number(r[`c${i}`])
      if (!cohort) return
      const excluded = Number(r[`x${i}`])
      const unknown = Number(r[`u${i}`])
      cells.push({
        measure: m.key,
        group: String(r.grp),
        period: String(r.period),
        cohort,
        excluded,
        unknown,
        denominator: cohort - excluded - unknown,
        numerator: Number(r[`n${i}`]),
        offences: Number(r[`o${i}`]),
      })
    })
  }
  return cells
}

/**
 * Terminations in the period; a termination measure has no prison split. The fast path reads whole
 * months before this one from outcome_termination_rollup (migration 0007) and this month's from
 * the table; the plain path, and any period not made of whole months, reads the table alone.
 */
async function terminationCells(
  db: Database,
  source: Source,
  m: TerminationMeasure,
  filter: Filter,
): Promise<Cell[]> {
  if (filter.groupBy === 'prison' || filter.prison) return []
  const where = (date: string) => sql`
    ${m.filterColumn ? sql`and ${sql.ref(`f.${m.filterColumn}`)}` : sql``}
    ${filter.region ? sql`and f.region_code = ${filter.region}` : sql``}
    ${filter.pdu ? sql`and f.pdu_code = ${filter.pdu}` : sql``}
    ${filter.from ? sql`and ${sql.ref(`f.${date}`)} >= ${filter.from}::date` : sql``}
    ${filter.to ? sql`and ${sql.ref(`f.${date}`)} <= ${filter.to}::date` : sql``}`
  const thisMonth = monthStart(filter.today)
  const table = (after?: string) => sql`
    select f.region_code, f.pdu_code, f.terminated_on as day, 1 as cnt, ${sql.ref(`f.${m.numeratorColumn}`)} as met
    from ${sql.table(m.table)} as f
    where f.terminated_on is not null and f.terminated_on <= ${filter.today}::date
      ${after ? sql`and f.terminated_on >= ${after}::date` : sql``} ${where('terminated_on')}`
  const rows =
    source === 'fast' && wholePeriods(filter, 'month')
      ? sql`
    select f.region_code, f.pdu_code, f.month as day, f.cnt, f.met
    from outcome_termination_rollup as f
    where f.source = ${m.table} and f.month < ${thisMonth}::date ${where('month')}
    union all ${table(thisMonth)}`
      : table()
  const result = await sql<{ grp: string; period: string; c: string; n: string }>`
    select ${groupColumn(filter.groupBy)} as grp, date_trunc(${truncUnit(filter.unit)}, f.day::timestamp)::date::text as period,
      sum(f.cnt) as c, coalesce(sum(f.cnt) filter (where f.met), 0) as n
    from (${rows}) as f
    group by 1, 2
    having sum(f.cnt) > 0
  `.execute(db)
  return result.rows.map((r) => ({
    measure: m.key,
    group: r.grp,
    period: r.period,
    cohort: Number(r.c),
    excluded: 0,
    unknown: 0,
    denominator: Number(r.c),
    numerator: Number(r.n),
    offences: 0,
  }))
}

/** Every requested measure by group and period. */
export async function measureCells(
  db: Database,
  measures: readonly Measure[],
  filter: Filter,
  source: Source = 'fast',
): Promise<Cell[]> {
  const release = measures.filter((m): m is ReleaseMeasure => m.type !== 'termination')
  const terminations = measures.filter((m): m is TerminationMeasure => m.type === 'termination')
  const parts = await Promise.all([
    releaseCells(db, source, release, filter),
    ...terminations.map((m) => terminationCells(db, source, m, filter)),
  ])
  return parts.flat()
}

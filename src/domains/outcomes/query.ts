/**
 * The one query builder for every measure in measures.ts. It reads rows of releases at a
 * checkpoint: outcome_rollup and outcome_fact (kept by triggers, migration 0006) on the fast
 * path, or PLAIN_SOURCE, the plain definition computed from the records on each call. All give
 * the same columns, so the comparison test can hold them equal.
 */
import { sql, type RawBuilder } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { applyOffset } from './checkpoints.ts'
import type { CheckpointMeasure, Measure, ReoffendingMeasure, TerminationMeasure } from './measures.ts'
import { PLAIN_SOURCE } from './plain-source.ts'
import {
  firstPartialMonth,
  groupColumn,
  quarterStart,
  truncUnit,
  wholePeriods,
  type Cell,
  type Filter,
  type Source,
} from './query-parts.ts'
import { terminationCells } from './termination-query.ts'

export { firstPartialMonth, type Cell, type Filter, type Grouping, type Source } from './query-parts.ts'

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

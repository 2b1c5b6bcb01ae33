import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { TerminationMeasure } from './measures.ts'
import {
  groupColumn,
  monthStart,
  truncUnit,
  wholePeriods,
  type Cell,
  type Filter,
  type Source,
} from './query-parts.ts'

/**
 * Terminations in the period; a termination measure has no prison split. The fast path reads whole
 * months before this one from outcome_termination_rollup (migration 0007) and this month's from
 * the table; the plain path, and any period not made of whole months, reads the table alone.
 */
export async function terminationCells(
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

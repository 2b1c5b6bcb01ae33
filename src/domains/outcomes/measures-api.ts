/**
 * The measures API's cells (GET /api/v1/outcomes/measures), protected by the same rule and from
 * the same tables as the pages (protected-figures.ts): whatever the grouping and the periods
 * asked for, each quarter is read whole with its months and protected as one table, so a count
 * is withheld here exactly where the pages, or another answer, withhold it (issue 12, defect 1).
 */
import type { Scope } from '../../platform/auth/actor.ts'
import type { Database } from '../../platform/db/index.ts'
import { ValidationFailed } from '../../platform/errors.ts'
import type { FilterChoices } from './dashboard-filter.ts'
import { MEASURES, periodEnd, periodStartOf, type Measure, type PeriodUnit } from './measures.ts'
import { shiftPeriod } from './periods.ts'
import type { MeasuresQuery } from './schemas.ts'
import { areaTables, nationalTable, type NationalTable } from './protected-figures.ts'
import { NATIONAL } from './query-parts.ts'
import type { Cell, Grouping } from './query.ts'

export interface AnswerQuery {
  measures: readonly Measure[]
  unit: PeriodUnit
  groupBy: Grouping
  /** The first day of the first period and the last day of the last. */
  from: string
  to: string
  today: string
  threshold: number
  /** The region to group by PDU or prison in, or the region of the area narrowed to. */
  region?: string
  /** Narrowed to one PDU or prison (grouped by region or nationally). */
  area?: { kind: 'pdu' | 'prison'; code: string }
}

/**
 * What an API request asks for, checked: whole periods (two years up to today unless asked), and
 * the region an area's figures are read in. A PDU's figures are its region's part; a prison
 * releases into many regions, so its figures, and any grouping by area, are within one region:
 * the one asked for, or a regional lead's own.
 */
export function answerQuery(
  q: MeasuresQuery,
  ctx: { today: string; scope: Scope; choices: FilterChoices | undefined; threshold: number },
): AnswerQuery {
  const current = periodStartOf(ctx.today, q.unit)
  const from = periodStartOf(q.from ?? shiftPeriod(current, q.unit, q.unit === 'quarter' ? -7 : -23), q.unit)
  const to = periodEnd(periodStartOf(q.to ?? ctx.today, q.unit), q.unit)
  if (from > to) throw new ValidationFailed({ to: 'The end must be on or after the start' })
  const area = q.pdu
    ? { kind: 'pdu' as const, code: q.pdu }
    : q.prison
      ? { kind: 'prison' as const, code: q.prison }
      : undefined
  const byArea = q.groupBy === 'pdu' || q.groupBy === 'prison'
  // An area's cells crossed with another's are too small to publish, as on the pages.
  if (area && byArea)
    throw new ValidationFailed({ groupBy: 'Group by national or region when narrowing to a PDU or prison' })
  const scope = ctx.scope
  const region = q.pdu
    ? ctx.choices?.pdus.find((p) => p.code === q.pdu)?.regionCode
    : (area || byArea) && scope.level === 'region'
      ? scope.regionCode
      : q.region
  if ((area || byArea) && !region)
    throw new ValidationFailed({ region: 'Give the region whose PDUs or prisons to read' })
  const measures = q.measure ? MEASURES.filter((m) => m.key === q.measure) : MEASURES
  return {
    measures,
    unit: q.unit,
    groupBy: q.groupBy,
    from,
    to,
    today: ctx.today,
    threshold: ctx.threshold,
    region,
    area,
  }
}

export async function measuresAnswer(db: Database, q: AnswerQuery): Promise<Cell[]> {
  const range = {
    today: q.today,
    from: periodStartOf(q.from, 'quarter'),
    to: periodEnd(periodStartOf(q.to, 'quarter'), 'quarter'),
  }
  const national = await nationalTable(db, q.measures, range, q.threshold)
  const asked = (t: NationalTable) =>
    (q.unit === 'quarter' ? t.quarters : t.months).filter((c) => c.period >= q.from && c.period <= q.to)
  const byArea = q.groupBy === 'pdu' || q.groupBy === 'prison'
  if (!q.area && !byArea)
    return asked(national).filter((c) =>
      q.groupBy === 'national'
        ? c.group === NATIONAL
        : c.group !== NATIONAL && (!q.region || c.group === q.region),
    )
  if (!q.region) return []
  const region = q.region
  const tables = await areaTables(db, q.measures, region, range, national, q.threshold)
  if (!q.area) return asked(q.groupBy === 'pdu' ? tables.pdu : tables.prison)
  const { kind, code } = q.area
  // The area's cells under the grouping's name: the region's code, or England and Wales's.
  const group = q.groupBy === 'national' ? NATIONAL : region
  return asked(tables[kind])
    .filter((c) => c.group === code)
    .map((c) => ({ ...c, group }))
}

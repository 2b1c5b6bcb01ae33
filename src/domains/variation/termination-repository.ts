/**
 * The termination measures split (issue 14; domain.md section 10): orders and licences ended with
 * their requirements complete, and sexual offending programmes completed. Each ended order or
 * programme carries the same group columns as a release (outcome_termination_split, migration
 * 0026), so the splits read `d.<column>` here as they do for releases. A termination's period is
 * the quarter it ended in; every termination is in the denominator and there is no unknown status.
 */
import { sql, type RawBuilder } from 'kysely'
import { episodeInScope } from '../../platform/auth/scope.ts'
import type { Database } from '../../platform/db/index.ts'
import type { TerminationMeasure } from '../outcomes/measures.ts'
import { inGroups, type BehindRow, type CountFilter, type CountRow } from './count-filter.ts'

/** The terminations of the measure in the period that the scope can see, as d. */
function ended(f: Omit<CountFilter<TerminationMeasure>, 'splits'>): RawBuilder<unknown> {
  return sql`outcome_termination_split d
    where d.source = ${f.measure.table}
      ${f.measure.filterColumn ? sql`and ${sql.ref(`d.${f.measure.filterColumn}`)}` : sql``}
      and d.terminated_on between ${f.from}::date and ${f.to}::date
      and d.terminated_on <= ${f.today}::date
      and ${episodeInScope(f.scope, 'd')}
      ${f.region ? sql`and d.region_code = ${f.region}` : sql``}
      ${f.pdu ? sql`and d.pdu_code = ${f.pdu}` : sql``}`
}

export async function terminationCounts(
  db: Database,
  f: CountFilter<TerminationMeasure>,
): Promise<CountRow[]> {
  const [a, b] = f.splits
  const r = await sql<{ a: string; b: string; quarter: string; n: string; d: string }>`
    select ${a ? a.expr : sql`'*'`} as a, ${b ? b.expr : sql`'*'`} as b,
      date_trunc('quarter', d.terminated_on::timestamp)::date::text as quarter,
      count(*) filter (where d.met) as n, count(*) as d
    from ${ended(f)}
    group by 1, 2, 3`.execute(db)
  return r.rows.map((x) => ({
    a: x.a,
    b: x.b,
    quarter: x.quarter,
    numerator: Number(x.n),
    denominator: Number(x.d),
    unknown: 0,
  }))
}

/** The terminations behind one figure, in the shape of the releases behind a release figure. */
export async function terminationsBehind(
  db: Database,
  f: CountFilter<TerminationMeasure> & { groups: readonly string[]; limit: number; offset: number },
) {
  const r = await sql<BehindRow>`
    select d.person_id, p.given_name, p.family_name, d.terminated_on::text as release_date,
      d.region_code, d.pdu_code, d.prison_code,
      case when d.met then 'numerator' else 'denominator' end as counted, count(*) over () as total
    from (select * from ${ended(f)} ${inGroups(f.splits, f.groups)}) d
    join person p on p.id = d.person_id
    order by d.terminated_on, p.family_name, d.person_id
    limit ${f.limit} offset ${f.offset}`.execute(db)
  return { rows: r.rows, total: Number(r.rows[0]?.total ?? 0) }
}

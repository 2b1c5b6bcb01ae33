/**
 * SQL of the variation analyses: one counting query over outcome_fact (the per-release checkpoint
 * facts kept by triggers, migration 0006), split by one or two of splits.ts and by quarter, within
 * the actor's scope; and the releases behind any figure.
 */
import { sql, type RawBuilder } from 'kysely'
import type { Scope } from '../../platform/auth/actor.ts'
import { episodeInScope } from '../../platform/auth/scope.ts'
import type { Database } from '../../platform/db/index.ts'
import type { CheckpointMeasure, ReoffendingMeasure } from '../outcomes/measures.ts'
import { cohortCondition, excludedCondition, numeratorCondition } from '../outcomes/query.ts'
import type { Split } from './splits.ts'

export type ReleaseMeasure = CheckpointMeasure | ReoffendingMeasure

export interface CountFilter {
  measure: ReleaseMeasure
  splits: readonly Split[]
  /** First day of the first quarter and last day of the last. */
  from: string
  to: string
  today: string
  scope: Scope
  /** Narrower than the scope, by choice: one region or PDU. */
  region?: string
  pdu?: string
}

export interface CountRow {
  a: string
  b: string
  quarter: string
  numerator: number
  denominator: number
  unknown: number
}

/** The releases of a measure's cohort in the period that the scope can see, as f, e, p, g. */
function cohort(f: Omit<CountFilter, 'splits'>): RawBuilder<unknown> {
  return sql`outcome_fact f
    join custody_episode e on e.id = f.custody_episode_id
    join person p on p.id = f.person_id
    left join ethnic_group g on g.code = p.ethnic_group_code
    where ${cohortCondition(f.measure)}
      and f.release_date between ${f.from}::date and ${f.to}::date
      and f.checkpoint_date <= ${f.today}::date
      and ${episodeInScope(f.scope, 'e')}
      ${f.region ? sql`and f.region_code = ${f.region}` : sql``}
      ${f.pdu ? sql`and f.pdu_code = ${f.pdu}` : sql``}`
}

export function variationRepository(db: Database) {
  return {
    /** For the anonymised extract's own query (extract.ts). */
    db,
    /** Counts by the splits' groups and release quarter, excluded releases left out. */
    async counts(f: CountFilter): Promise<CountRow[]> {
      const [a, b] = f.splits
      const known = sql`not ${excludedCondition(f.measure)}`
      const r = await sql<{ a: string; b: string; quarter: string; n: string; d: string; u: string }>`
        select ${a ? a.expr : sql`'*'`} as a, ${b ? b.expr : sql`'*'`} as b,
          date_trunc('quarter', f.release_date::timestamp)::date::text as quarter,
          count(*) filter (where ${known} and ${numeratorCondition(f.measure)}) as n,
          count(*) filter (where ${known} and f.value is not null) as d,
          count(*) filter (where ${known} and f.value is null) as u
        from ${cohort(f)}
        group by 1, 2, 3`.execute(db)
      return r.rows.map((x) => ({
        a: x.a,
        b: x.b,
        quarter: x.quarter,
        numerator: Number(x.n),
        denominator: Number(x.d),
        unknown: Number(x.u),
      }))
    },

    /** The releases behind one figure: in the cohort and period, in scope, in the groups given. */
    async releases(f: CountFilter & { groups: readonly string[]; limit: number; offset: number }) {
      const match = f.splits.map((s, i) => sql`and ${s.expr} = ${f.groups[i] ?? ''}`)
      const r = await sql<{
        person_id: string
        given_name: string
        family_name: string
        release_date: string
        region_code: string
        pdu_code: string
        prison_code: string
        counted: 'numerator' | 'denominator' | 'unknown' | 'excluded'
        total: string
      }>`
        select f.person_id, p.given_name, p.family_name, f.release_date::text as release_date,
          f.region_code, f.pdu_code, f.prison_code,
          case when ${excludedCondition(f.measure)} then 'excluded' when f.value is null then 'unknown'
            when ${numeratorCondition(f.measure)} then 'numerator' else 'denominator' end as counted,
          count(*) over () as total
        from ${cohort(f)} ${sql.join(match, sql` `)}
        order by f.release_date, p.family_name, f.person_id
        limit ${f.limit} offset ${f.offset}`.execute(db)
      return { rows: r.rows, total: Number(r.rows[0]?.total ?? 0) }
    },

    names: async (kind: 'region' | 'pdu' | 'prison', codes: readonly string[]) => {
      if (!codes.length) return new Map<string, string>()
      const rows = await db
        .selectFrom(kind)
        .where('code', 'in', [...codes])
        .select(['code', 'name'])
        .execute()
      return new Map(rows.map((r) => [r.code, r.name]))
    },
  }
}

export type VariationRepository = ReturnType<typeof variationRepository>

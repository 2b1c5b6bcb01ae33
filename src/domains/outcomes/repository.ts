import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { Scope } from '../../platform/auth/actor.ts'
import { episodeInScope } from '../../platform/auth/scope.ts'
import { cohortCondition, countedAs } from './query.ts'
import type { CheckpointMeasure, ReoffendingMeasure, TerminationMeasure } from './measures.ts'
import { outcomeTables } from './tables.ts'

export interface DrillFilter {
  region: string
  from: string
  to: string
  today: string
  pdu?: string
  prison?: string
}

export interface DrillRow {
  person_id: string
  given_name: string
  family_name: string
  release_date: string
  pdu_code: string
  prison_code: string
  counted: 'numerator' | 'denominator' | 'unknown' | 'excluded'
  excluded: string | null
  value: string | null
  n: number
  event_id: string | null
  event_date: string | null
  event_source: string | null
  accommodation_name: string | null
}

/** The facts of one figure that the scope can see, as `f`. */
const inFigure = (measure: CheckpointMeasure | ReoffendingMeasure, f: DrillFilter, scope: Scope) => sql`
  outcome_fact f join custody_episode e on e.id = f.custody_episode_id
  where ${cohortCondition(measure)} and f.region_code = ${f.region}
    and f.release_date between ${f.from}::date and ${f.to}::date and f.checkpoint_date <= ${f.today}::date
    ${f.pdu ? sql`and f.pdu_code = ${f.pdu}` : sql``}
    ${f.prison ? sql`and f.prison_code = ${f.prison}` : sql``}
    and ${episodeInScope(scope, 'e')}`

export function outcomesRepository(db: Database) {
  const t = outcomeTables(db)
  return {
    regions: () => db.selectFrom('region').select(['code', 'name']).orderBy('name').execute(),
    pdus: (region: string) =>
      db.selectFrom('pdu').where('region_code', '=', region).select(['code', 'name']).execute(),
    prisons: (codes: string[]) =>
      codes.length
        ? db.selectFrom('prison').where('code', 'in', codes).select(['code', 'name']).execute()
        : Promise.resolve([]),

    /**
     * The releases behind one figure, each with how it counted and the event read at the
     * checkpoint. Uses the measure's own conditions, so the list adds up to the figure. A page
     * (`limit` rows from `offset`, optionally only one way of counting) reads people and events
     * for its own rows only: a London quarter has about 5,000 releases.
     */
    async releases(
      measure: CheckpointMeasure | ReoffendingMeasure,
      f: DrillFilter,
      scope: Scope,
      page?: { limit: number; offset: number; counted?: DrillRow['counted'] },
    ): Promise<DrillRow[]> {
      const result = await sql<DrillRow>`
        with facts as (
          select f.*, ${countedAs(measure)} as counted
          from ${inFigure(measure, f, scope)}
        ), chosen as (
          select * from facts
          ${page?.counted ? sql`where counted = ${page.counted}` : sql``}
          order by release_date, person_id
          ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}
        )
        select f.person_id, p.given_name, p.family_name, f.release_date::text as release_date, f.pdu_code, f.prison_code,
          f.counted, f.excluded, f.value, f.n, f.event_id, s.effective_date::text as event_date, s.source as event_source,
          a.name as accommodation_name
        from chosen f
        join person p on p.id = f.person_id
        left join status_event s on s.id = f.event_id
        left join accommodation_type a on a.code = s.accommodation_type_code
        order by f.release_date, f.person_id
      `.execute(db)
      return result.rows
    },

    /** How many releases behind one figure counted each way. */
    async releaseCounts(
      measure: CheckpointMeasure | ReoffendingMeasure,
      f: DrillFilter,
      scope: Scope,
    ): Promise<Record<DrillRow['counted'], number>> {
      const result = await sql<{ counted: DrillRow['counted']; n: number }>`
        select ${countedAs(measure)} as counted, count(*)::int as n
        from ${inFigure(measure, f, scope)}
        group by 1
      `.execute(db)
      const counts = { numerator: 0, denominator: 0, unknown: 0, excluded: 0 }
      for (const r of result.rows) counts[r.counted] = r.n
      return counts
    },

    /** The orders, licences or programmes behind a termination figure. */
    async terminations(measure: TerminationMeasure, f: DrillFilter) {
      const base = sql`where f.region_code = ${f.region} and f.terminated_on between ${f.from}::date and ${f.to}::date
        and f.terminated_on <= ${f.today}::date ${f.pdu ? sql`and f.pdu_code = ${f.pdu}` : sql``}
        ${measure.filterColumn ? sql`and ${sql.ref(`f.${measure.filterColumn}`)}` : sql``}`
      const label =
        measure.table === 'programme'
          ? sql`f.name`
          : sql`f.kind || coalesce(' (' || f.termination_reason || ')', '')`
      const result = await sql<{
        person_id: string
        given_name: string
        family_name: string
        label: string
        terminated_on: string
        pdu_code: string
        counted: boolean
      }>`
        select f.person_id, p.given_name, p.family_name, ${label} as label, f.terminated_on::text as terminated_on, f.pdu_code,
          ${sql.ref(`f.${measure.numeratorColumn}`)} as counted
        from ${sql.table(measure.table)} f join person p on p.id = f.person_id
        ${base}
        order by f.terminated_on, p.family_name
      `.execute(db)
      return result.rows
    },

    targets: (region?: string) =>
      t
        .selectFrom('outcome_target')
        .$if(Boolean(region), (q) => q.where('region_code', '=', region ?? ''))
        .selectAll()
        .orderBy('region_code')
        .orderBy('measure_key')
        .orderBy('deadline')
        .execute(),

    insertTarget: (row: {
      region_code: string
      measure_key: string
      baseline_value: number
      baseline_date: string
      kind: string
      amount: number | null
      deadline: string
      created_by: string | null
    }) =>
      t
        .insertInto('outcome_target')
        .values({
          ...row,
          baseline_value: String(row.baseline_value),
          amount: row.amount === null ? null : String(row.amount),
        })
        .returning('id')
        .executeTakeFirstOrThrow(),

    /**
     * The PDUs and prisons a dashboard can be narrowed to: those with releases counted in the
     * measures (outcome_split_rollup, migration 0025_1), a prison with every region it released into.
     */
    async areas() {
      const rows = await sql<{ split: 'pdu' | 'prison'; code: string; name: string; regions: string[] }>`
        select r.split, r.grp as code, coalesce(d.name, p.name, r.grp) as name,
          array_agg(distinct r.region_code order by r.region_code) as regions
        from outcome_split_rollup r
        left join pdu d on r.split = 'pdu' and d.code = r.grp
        left join prison p on r.split = 'prison' and p.code = r.grp
        where r.split in ('pdu', 'prison') and r.cnt > 0
        group by r.split, r.grp, d.name, p.name
        order by 3`.execute(db)
      return {
        pdus: rows.rows
          .filter((r) => r.split === 'pdu')
          .map((r) => ({ code: r.code, name: r.name, regionCode: r.regions[0] ?? '' })),
        prisons: rows.rows
          .filter((r) => r.split === 'prison')
          .map((r) => ({ code: r.code, name: r.name, regionCodes: r.regions })),
      }
    },

    regionExists: (code: string) =>
      db.selectFrom('region').where('code', '=', code).select('code').executeTakeFirst().then(Boolean),

    /** Checkpoints that have come due in the last `days` days with no status recorded, in scope. */
    async dueCheckpoints(scope: Scope, today: string, days: number, checkpoints: string[]) {
      const result = await sql<{
        person_id: string
        custody_episode_id: string
        given_name: string
        family_name: string
        release_date: string
        checkpoint: string
        checkpoint_date: string
      }>`
        select f.person_id, f.custody_episode_id, p.given_name, p.family_name, f.release_date::text as release_date,
          f.checkpoint, f.checkpoint_date::text as checkpoint_date
        from outcome_fact f
        join custody_episode e on e.id = f.custody_episode_id
        join person p on p.id = f.person_id
        where f.checkpoint = any(${checkpoints}::text[]) and f.value is null and f.excluded is null
          and f.checkpoint_date <= ${today}::date and f.checkpoint_date > ${today}::date - ${days}::int
          and (f.checkpoint <> 'treatment_3_weeks' or f.treatment_need)
          and ${episodeInScope(scope, 'e')}
        order by f.checkpoint_date, p.family_name, p.given_name
        limit 500
      `.execute(db)
      return result.rows
    },
  }
}

export type OutcomesRepository = ReturnType<typeof outcomesRepository>

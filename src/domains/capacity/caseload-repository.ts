/**
 * Reads who holds which case: the COM named at handover (release planning's allocation, read
 * here and never written), each case's stage today (allocated before release, or on a licence
 * open today), its MAPPA level and when it is due to start or end, grouped so a region's cases
 * come back as a few thousand rows. Scoped by the one scope predicate on the custody episode.
 */
import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { Scope } from '../../platform/auth/actor.ts'
import { episodeInScope } from '../../platform/auth/scope.ts'
import type { CaseGroup, Weights } from './caseload-rules.ts'

export interface CaseloadFilter {
  region: string | null
  pdu: string | null
  /** A COM sees their own cases only: the name they were allocated under. */
  com: string | null
}

/** Day number of a date expression, computed in SQL. */
const day = (expr: ReturnType<typeof sql>) => sql<number>`(${expr} - date '1970-01-01')`

export function caseloadRepository(db: Database) {
  const filters = (scope: Scope, f: CaseloadFilter) => sql`${episodeInScope(scope, 'e')}
    and (${f.region}::text is null or e.region_code = ${f.region})
    and (${f.pdu}::text is null or coalesce(o.pdu_code, e.pdu_code) = ${f.pdu})
    ${f.com === null ? sql`` : sql`and lower(h.com_name) = lower(${f.com})`}`

  return {
    /**
     * Cases held today, by COM, PDU, stage, MAPPA level and the month a case is released or
     * its licence ends (the first day of that month: a projection at month ends needs no more).
     */
    async caseGroups(scope: Scope, f: CaseloadFilter, today: string): Promise<CaseGroup[]> {
      const rows = await sql<CaseGroup>`
        select h.com_name as com, coalesce(o.pdu_code, e.pdu_code) as pdu,
          case when o.id is null then 'pre_release' else 'licence' end as stage,
          case e.mappa_level when 1 then 'mappa_1' when 2 then 'mappa_2' when 3 then 'mappa_3' else 'none' end as risk,
          case when o.id is null then ${day(sql`date_trunc('month', e.expected_release_date)::date`)} end as "releaseDay",
          case when e.licence_end_date > coalesce(o.start_date, e.expected_release_date)
            then ${day(sql`date_trunc('month', e.licence_end_date)::date`)} end as "endDay",
          count(*)::int as cases
        from handover h
        join custody_episode e on e.id = h.custody_episode_id
        left join supervision_order o on o.custody_episode_id = e.id and o.kind = 'licence'
          and o.start_date <= ${today}::date and (o.terminated_on is null or o.terminated_on > ${today}::date)
        where h.com_name is not null and (o.id is not null or e.actual_release_date is null)
          and ${filters(scope, f)}
        group by 1, 2, 3, 4, 5, 6`.execute(db)
      return rows.rows
    },

    /**
     * Early terminations of licences (anything but completion) per licence-day at risk over the
     * 12 months before today in the same area: the hazard the projection applies.
     */
    async earlyEndHazard(
      scope: Scope,
      f: CaseloadFilter,
      today: string,
    ): Promise<{ events: number; exposure: number }> {
      const area = { ...f, com: null }
      const rows = await sql<{ events: number; exposure: number }>`
        select count(*) filter (where o.terminated_on >= ${today}::date - 365 and o.terminated_on < ${today}::date
            and o.termination_reason <> 'completed')::float8 as events,
          coalesce(sum(greatest(0, least(coalesce(o.terminated_on, ${today}::date), ${today}::date)
            - greatest(o.start_date, ${today}::date - 365))), 0)::float8 as exposure
        from supervision_order o join custody_episode e on e.id = o.custody_episode_id
        where o.kind = 'licence' and o.start_date < ${today}::date
          and (o.terminated_on is null or o.terminated_on >= ${today}::date - 365) and ${filters(scope, area)}`.execute(
        db,
      )
      return rows.rows[0] ?? { events: 0, exposure: 0 }
    },

    async weights(): Promise<Weights> {
      const rows = await sql<{
        stage: 'pre_release' | 'licence'
        risk: 'none' | 'mappa_1' | 'mappa_2' | 'mappa_3'
        weight: number
      }>`
        select stage, risk, weight::float8 as weight from caseload_weight`.execute(db)
      const w: Weights = {
        pre_release: { none: 0.5, mappa_1: 0.6, mappa_2: 0.8, mappa_3: 1 },
        licence: { none: 1, mappa_1: 1.2, mappa_2: 1.6, mappa_3: 2 },
      }
      for (const r of rows.rows) w[r.stage][r.risk] = r.weight
      return w
    },

    /** Regions and PDUs for the area choice, within a region when the actor has one. */
    async areas(region: string | null) {
      const rows = await sql<{ regionCode: string; regionName: string; pduCode: string; pduName: string }>`
        select r.code as "regionCode", r.name as "regionName", p.code as "pduCode", p.name as "pduName"
        from pdu p join region r on r.code = p.region_code
        where ${region}::text is null or r.code = ${region}
        order by r.name, p.name`.execute(db)
      return rows.rows
    },
  }
}

export type CaseloadRepository = ReturnType<typeof caseloadRepository>

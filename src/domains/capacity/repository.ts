/**
 * Capacity as recorded: COM full-time equivalents per PDU, the caseload norm, Approved
 * Premises places, and the CAS3 estate's bed-nights by region and month (bedspaces open in
 * the month, archived ones up to their end date, less voids).
 */
import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'

export interface Staffing {
  pduCode: string
  pduName: string
  regionCode: string
  comFte: number | null
}
export interface ApprovedPremises {
  regionCode: string
  regionName: string
  /** Null when nobody has recorded the region's places. */
  places: number | null
  source: string | null
}
export interface CapacitySettings {
  normLow: number
  normHigh: number
  alert: number
}

export function capacityRepository(db: Database) {
  return {
    async staffing(regionCode: string | null): Promise<Staffing[]> {
      const rows = await sql<Staffing>`
        select p.code as "pduCode", p.name as "pduName", p.region_code as "regionCode", s.com_fte::float8 as "comFte"
        from pdu p left join pdu_staffing s on s.pdu_code = p.code
        where ${regionCode === null ? sql`true` : sql`p.region_code = ${regionCode}`}
        order by p.name`.execute(db)
      return rows.rows
    },

    async regionNames(): Promise<Map<string, string>> {
      const rows = await sql<{ code: string; name: string }>`select code, name from region`.execute(db)
      return new Map(rows.rows.map((r) => [r.code, r.name]))
    },

    async setStaffing(pduCode: string, comFte: number, userId: string | null): Promise<void> {
      await sql`insert into pdu_staffing (pdu_code, com_fte, updated_by) values (${pduCode}, ${comFte}, ${userId})
        on conflict (pdu_code) do update set com_fte = excluded.com_fte, updated_by = excluded.updated_by, updated_at = now()`.execute(
        db,
      )
    },

    async settings(): Promise<CapacitySettings> {
      const row = await sql<CapacitySettings>`
        select caseload_norm_low as "normLow", caseload_norm_high as "normHigh", caseload_alert as alert
        from capacity_setting`.execute(db)
      return row.rows[0] ?? { normLow: 30, normHigh: 60, alert: 70 }
    },

    /** Approved Premises places by region, with where each figure came from (every region, set or not). */
    async approvedPremises(regionCode: string | null): Promise<ApprovedPremises[]> {
      const rows = await sql<ApprovedPremises>`
        select r.code as "regionCode", r.name as "regionName", a.places, a.source
        from region r left join approved_premises_places a on a.region_code = r.code
        where ${regionCode === null ? sql`true` : sql`r.code = ${regionCode}`} order by r.name`.execute(db)
      return rows.rows
    },

    async setApprovedPremises(regionCode: string, places: number, source: string, userId: string | null) {
      await sql`insert into approved_premises_places (region_code, places, source, updated_by)
        values (${regionCode}, ${places}, ${source}, ${userId})
        on conflict (region_code) do update set places = excluded.places, source = excluded.source,
          updated_by = excluded.updated_by, updated_at = now()`.execute(db)
    },

    /**
     * Nights in Approved Premises (accommodation code A02) of the releases in the 12 months
     * before `asOf`, by region: each A02 status runs to the next accommodation status, or to
     * asOf, so nothing after the as-of date is read. A rate per release for the forecast.
     */
    async approvedPremisesNights(
      regionCode: string | null,
      asOf: string,
      from: string,
    ): Promise<{ area: string; releases: number; nights: number }[]> {
      const rows = await sql<{ area: string; releases: number; nights: number }>`
        with released as (
          select e.id, e.region_code from custody_episode e
          where e.actual_release_date >= ${from}::date and e.actual_release_date < ${asOf}::date
            and ${regionCode === null ? sql`true` : sql`e.region_code = ${regionCode}`}),
        stays as (
          select s.custody_episode_id as id, sum(least(coalesce((
              select min(n.effective_date) from status_event n
              where n.custody_episode_id = s.custody_episode_id and n.kind = 'accommodation'
                and n.effective_date > s.effective_date), ${asOf}::date), ${asOf}::date) - s.effective_date) as nights
          from status_event s join released r on r.id = s.custody_episode_id
          where s.accommodation_type_code = 'A02' and s.effective_date < ${asOf}::date
          group by s.custody_episode_id)
        select r.region_code as area, count(*)::int as releases, coalesce(sum(st.nights), 0)::float8 as nights
        from released r left join stays st on st.id = r.id group by r.region_code`.execute(db)
      return rows.rows
    },

    /** Bed-nights the CAS3 estate can give in each month, by region: open nights less void nights. */
    async cas3Nights(
      regionCode: string | null,
      months: string[],
    ): Promise<{ area: string; month: string; nights: number }[]> {
      const inRegion = regionCode === null ? sql`true` : sql`p.region_code = ${regionCode}`
      const rows = await sql<{ area: string; month: string; nights: number }>`
        with m as (select d::date as start, (d + interval '1 month')::date as stop from unnest(${months}::date[]) as d),
        open as (
          select p.region_code as area, m.start,
            sum(greatest(0, least(coalesce(b.end_date + 1, m.stop), m.stop) - greatest(b.start_date, m.start))) as nights
          from cas3_bedspace b join cas3_premises p on p.id = b.premises_id cross join m
          where ${inRegion} group by 1, 2),
        void as (
          select p.region_code as area, m.start,
            sum(greatest(0, least(v.end_date + 1, m.stop) - greatest(v.start_date, m.start))) as nights
          from cas3_void v join cas3_bedspace b on b.id = v.bedspace_id join cas3_premises p on p.id = b.premises_id cross join m
          where v.cancelled_at is null and ${inRegion} group by 1, 2)
        select open.area, to_char(open.start, 'YYYY-MM-DD') as month,
          (open.nights - coalesce(void.nights, 0))::int as nights
        from open left join void on void.area = open.area and void.start = open.start`.execute(db)
      return rows.rows
    },
  }
}

export type CapacityRepository = ReturnType<typeof capacityRepository>

/**
 * CRS contracts as capacity (issue 16 item 2, "Contract places"): the contracts running in a
 * forecast's months with their places a contract year (migration 0029), the regions they cover
 * and the pathways of their service categories (crs_category_pathway); and the referrals each
 * took in the 12 months before the forecast, by region and pathway, which share the forecast
 * between contracts that cover the same ground.
 */
import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'

export interface ContractPlaces {
  id: string
  reference: string
  providerName: string
  start: string
  end: string
  placesPerYear: number | null
  regions: string[]
  regionNames: string[]
  pathways: string[]
}

export function contractPlacesRepository(db: Database) {
  const covers = (regionCode: string | null) =>
    regionCode === null
      ? sql`true`
      : sql`exists (select 1 from contract_region kr where kr.contract_id = k.id and kr.region_code = ${regionCode})`
  return {
    /** Contracts running at some time in [from, to), covering the region when one is given. */
    async running(regionCode: string | null, from: string, to: string): Promise<ContractPlaces[]> {
      const rows = await sql<ContractPlaces>`
        select k.id, k.reference, o.name as "providerName", k.start_date::text as start, k.end_date::text as "end",
          k.places_per_year as "placesPerYear",
          array(select kr.region_code from contract_region kr where kr.contract_id = k.id order by kr.region_code) as regions,
          array(select r.name from contract_region kr join region r on r.code = kr.region_code
            where kr.contract_id = k.id order by r.name) as "regionNames",
          array(select distinct cp.pathway from contract_service_category cs
            join crs_category_pathway cp on cp.service_category_id = cs.service_category_id
            where cs.contract_id = k.id and cp.pathway is not null order by 1) as pathways
        from contract k join organisation o on o.id = k.provider_organisation_id
        where k.start_date < ${to}::date and k.end_date >= ${from}::date and ${covers(regionCode)}
        order by k.reference`.execute(db)
      return rows.rows
    },

    /** Referrals sent under each contract in [from, to), by the person's region and the pathway. */
    async taken(
      regionCode: string | null,
      from: string,
      to: string,
    ): Promise<{ contractId: string; region: string; pathway: string; referrals: number }[]> {
      const rows = await sql<{ contractId: string; region: string; pathway: string; referrals: number }>`
        select r.contract_id as "contractId", e.region_code as region, cp.pathway, count(*)::int as referrals
        from referral r
          join custody_episode e on e.id = r.custody_episode_id
          join crs_category_pathway cp on cp.service_category_id = r.service_category_id
        where r.state <> 'draft' and r.sent_at >= ${from}::date and r.sent_at < ${to}::date
          and cp.pathway is not null
          and ${regionCode === null ? sql`true` : sql`e.region_code = ${regionCode}`}
        group by 1, 2, 3`.execute(db)
      return rows.rows
    },
  }
}

export type ContractPlacesRepository = ReturnType<typeof contractPlacesRepository>

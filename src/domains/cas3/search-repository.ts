import { sql } from 'kysely'
import type { Cas3Db } from './tables.ts'

export interface SearchCriteria {
  regionCode: string
  pduCode?: string | undefined
  localAuthorityCode?: string | undefined
  arrivalDate: string
  departureDate: string
  /** The first date the next person could arrive after this stay: the turnaround end. */
  blockedUntil: string
  premisesNeeds: string[]
  bedspaceNeeds: string[]
  premisesExcluded: string[]
  limit: number
}

/** Live bookings: the set the exclusion constraint in migration 0005 covers. */
export const LIVE = sql<boolean>`(b.status in ('provisional', 'confirmed') or b.arrived_on is not null)`

/**
 * The availability search: bedspaces open for the whole stay, matching the needs, with no
 * live booking (stay plus turnaround, both ways) and no void in the way. The booking test is
 * the exclusion constraint's own range test, so it runs on the constraint's GiST index.
 */
export function availabilitySearch(db: Cas3Db) {
  return (c: SearchCriteria) =>
    db
      .selectFrom('cas3_bedspace as s')
      .innerJoin('cas3_premises as pr', 'pr.id', 's.premises_id')
      .innerJoin('pdu', 'pdu.code', 'pr.pdu_code')
      .innerJoin('local_authority as la', 'la.code', 'pr.local_authority_code')
      .where('pr.region_code', '=', c.regionCode)
      .$if(Boolean(c.pduCode), (q) => q.where('pr.pdu_code', '=', c.pduCode!))
      .$if(Boolean(c.localAuthorityCode), (q) =>
        q.where('pr.local_authority_code', '=', c.localAuthorityCode!),
      )
      .where('s.start_date', '<=', c.arrivalDate)
      .where((eb) => eb.or([eb('s.end_date', 'is', null), eb('s.end_date', '>=', c.departureDate)]))
      .$if(c.premisesNeeds.length > 0, (q) =>
        q.where(sql<boolean>`pr.characteristics @> ${sql.val(c.premisesNeeds)}::text[]`),
      )
      .$if(c.bedspaceNeeds.length > 0, (q) =>
        q.where(sql<boolean>`s.characteristics @> ${sql.val(c.bedspaceNeeds)}::text[]`),
      )
      .$if(c.premisesExcluded.length > 0, (q) =>
        q.where(sql<boolean>`not (pr.characteristics && ${sql.val(c.premisesExcluded)}::text[])`),
      )
      .where(
        sql<boolean>`not exists (select 1 from cas3_booking b where b.bedspace_id = s.id and ${LIVE}
          and daterange(b.arrival_date, b.blocked_until, '[)') && daterange(${c.arrivalDate}::date, ${c.blockedUntil}::date, '[)'))`,
      )
      .where(
        sql<boolean>`not exists (select 1 from cas3_void v where v.bedspace_id = s.id and v.cancelled_at is null
          and daterange(v.start_date, v.end_date, '[]') && daterange(${c.arrivalDate}::date, ${c.departureDate}::date, '[)'))`,
      )
      .select([
        's.id',
        's.reference',
        's.characteristics',
        'pr.id as premises_id',
        'pr.name as premises_name',
        'pr.town',
        'pr.postcode',
        'pr.characteristics as premises_characteristics',
        'pdu.name as pdu_name',
        'la.name as local_authority_name',
      ])
      .orderBy('pdu.name')
      .orderBy('pr.name')
      .orderBy('s.reference')
      .limit(c.limit)
      .execute()
}

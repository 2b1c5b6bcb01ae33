import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { cas3Db } from './tables.ts'

/** Reads for the CAS3 reports, for one region or nationally (regionCode null) over [from, to]. */
export function reportRepository(database: Database) {
  const db = cas3Db(database)
  const region = (regionCode: string | null, column: string) =>
    regionCode ? sql<boolean>`${sql.ref(column)} = ${regionCode}` : sql<boolean>`true`

  const bookings = (regionCode: string | null) =>
    db
      .selectFrom('cas3_booking as b')
      .innerJoin('cas3_bedspace as s', 's.id', 'b.bedspace_id')
      .innerJoin('cas3_premises as pr', 'pr.id', 's.premises_id')
      .innerJoin('pdu', 'pdu.code', 'pr.pdu_code')
      .innerJoin('person as p', 'p.id', 'b.person_id')
      .leftJoin('ethnic_group as eg', 'eg.code', 'p.ethnic_group_code')
      .leftJoin('cas3_reason as mo', (j) =>
        j.onRef('mo.list', '=', 'b.move_on_list').onRef('mo.id', '=', 'b.move_on_category_id'),
      )
      .leftJoin('cas3_reason as dr', (j) =>
        j.onRef('dr.list', '=', 'b.departure_reason_list').onRef('dr.id', '=', 'b.departure_reason_id'),
      )
      .leftJoin('cas3_reason as cr', (j) =>
        j.onRef('cr.list', '=', 'b.cancellation_reason_list').onRef('cr.id', '=', 'b.cancellation_reason_id'),
      )
      .where(region(regionCode, 'pr.region_code'))
      .select([
        'b.id',
        'b.reference',
        'b.status',
        'b.arrival_date',
        'b.departure_date',
        'b.blocked_until',
        'b.arrived_on',
        'b.departed_on',
        'b.overstay_reason',
        'b.move_on_category_id',
        'b.bedspace_id',
        's.reference as bedspace_reference',
        'pr.name as premises_name',
        'pr.region_code',
        'pdu.name as pdu_name',
        'p.given_name',
        'p.family_name',
        'p.crn',
        'p.sex',
        'p.date_of_birth',
        'eg.category as ethnicity',
        'mo.name as move_on_name',
        'dr.name as departure_reason_name',
        'cr.name as cancellation_reason_name',
      ])

  return {
    regionName: (code: string) =>
      database.selectFrom('region').select('name').where('code', '=', code).executeTakeFirst(),
    referrals: (regionCode: string | null, from: string, to: string) =>
      db
        .selectFrom('cas3_referral as r')
        .innerJoin('person as p', 'p.id', 'r.person_id')
        .innerJoin('pdu', 'pdu.code', 'r.placement_pdu_code')
        .leftJoin('ethnic_group as eg', 'eg.code', 'p.ethnic_group_code')
        .leftJoin('cas3_reason as rr', (j) =>
          j.onRef('rr.list', '=', 'r.rejection_reason_list').onRef('rr.id', '=', 'r.rejection_reason_id'),
        )
        .where(region(regionCode, 'r.region_code'))
        .where(sql<boolean>`r.created_at::date between ${from}::date and ${to}::date`)
        .select([
          sql<string>`to_char(r.created_at, 'YYYY-MM-DD')`.as('referred_on'),
          'r.status',
          'r.release_date',
          'r.duty_to_refer_submitted',
          'r.duty_to_refer_outcome',
          'r.crs_referral_made',
          'pdu.name as pdu_name',
          'rr.name as rejection_reason',
          'p.given_name',
          'p.family_name',
          'p.crn',
          'p.sex',
          'p.date_of_birth',
          'eg.category as ethnicity',
        ])
        .orderBy('r.created_at')
        .execute(),
    /** Bookings whose stay or turnaround meets [from, to]. */
    bookingsOverlapping: (regionCode: string | null, from: string, to: string) =>
      bookings(regionCode)
        .where('b.arrival_date', '<=', to)
        .where('b.blocked_until', '>', from)
        .orderBy('b.arrival_date')
        .execute(),
    departedBetween: (regionCode: string | null, from: string, to: string) =>
      bookings(regionCode)
        .where('b.departed_on', '>=', from)
        .where('b.departed_on', '<=', to)
        .orderBy('b.departed_on')
        .execute(),
    bedspaces: (regionCode: string | null, from: string, to: string) =>
      db
        .selectFrom('cas3_bedspace as s')
        .innerJoin('cas3_premises as pr', 'pr.id', 's.premises_id')
        .innerJoin('pdu', 'pdu.code', 'pr.pdu_code')
        .where(region(regionCode, 'pr.region_code'))
        .where('s.start_date', '<=', to)
        .where((eb) => eb.or([eb('s.end_date', 'is', null), eb('s.end_date', '>=', from)]))
        .select([
          's.id',
          's.reference',
          's.start_date',
          's.end_date',
          'pr.id as premises_id',
          'pr.name as premises_name',
          'pdu.name as pdu_name',
        ])
        .orderBy('pdu.name')
        .orderBy('pr.name')
        .orderBy('s.reference')
        .execute(),
    voids: (regionCode: string | null, from: string, to: string) =>
      db
        .selectFrom('cas3_void as v')
        .innerJoin('cas3_bedspace as s', 's.id', 'v.bedspace_id')
        .innerJoin('cas3_premises as pr', 'pr.id', 's.premises_id')
        .where(region(regionCode, 'pr.region_code'))
        .where('v.cancelled_at', 'is', null)
        .where('v.start_date', '<=', to)
        .where('v.end_date', '>=', from)
        .select(['v.bedspace_id', 'v.start_date', 'v.end_date'])
        .execute(),
  }
}
export type ReportRepository = ReturnType<typeof reportRepository>

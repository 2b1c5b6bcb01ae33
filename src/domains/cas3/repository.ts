import { sql, type Insertable, type Transaction } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { Scope } from '../../platform/auth/actor.ts'
import { personRowInScope } from '../../platform/auth/scope.ts'
import { cas3Db, type Cas3Tables, type ReasonList } from './tables.ts'
import { availabilitySearch, LIVE } from './search-repository.ts'

export type { SearchCriteria } from './search-repository.ts'

type Trx = Transaction<Cas3Tables & Record<string, never>>

export function cas3Repository(database: Database) {
  const db = cas3Db(database)

  const bookingView = () =>
    db
      .selectFrom('cas3_booking as b')
      .innerJoin('cas3_bedspace as s', 's.id', 'b.bedspace_id')
      .innerJoin('cas3_premises as pr', 'pr.id', 's.premises_id')
      .innerJoin('person as p', 'p.id', 'b.person_id')
      .selectAll('b')
      .select([
        's.reference as bedspace_reference',
        'pr.id as premises_id',
        'pr.name as premises_name',
        'pr.region_code',
        'p.given_name',
        'p.family_name',
        'p.crn',
        'p.prison_number',
      ])

  return {
    db,
    reasons: (list: ReasonList) =>
      db
        .selectFrom('cas3_reason')
        .selectAll()
        .where('list', '=', list)
        .where('active', '=', true)
        .orderBy('name')
        .execute(),
    reason: (list: ReasonList, id: string) =>
      db
        .selectFrom('cas3_reason')
        .selectAll()
        .where('list', '=', list)
        .where('id', '=', id)
        .executeTakeFirst(),
    characteristics: (scope: 'premises' | 'bedspace') =>
      db
        .selectFrom('cas3_characteristic')
        .selectAll()
        .where('scope', '=', scope)
        .where('active', '=', true)
        .orderBy('description')
        .execute(),
    pdusIn: (regionCode: string) =>
      database
        .selectFrom('pdu')
        .select(['code', 'name'])
        .where('region_code', '=', regionCode)
        // Where a person can live (issue 12, defect 10): not the PDUs that run unpaid work,
        // attendance centres or courts, which supervise no one at an address.
        .where('name', 'not ilike', '%unpaid work%')
        .where('name', 'not ilike', '%courts and centralised%')
        .orderBy('name')
        .execute(),
    // England and Wales only (GSS codes E and W): Scottish and Northern Irish councils take no
    // Duty to Refer and have no CAS3 (issue 12, defect 10).
    localAuthorities: () =>
      database
        .selectFrom('local_authority')
        .select(['code', 'name'])
        .where((eb) => eb.or([eb('code', 'like', 'E%'), eb('code', 'like', 'W%')]))
        .orderBy('name')
        .execute(),
    pdu: (code: string) => database.selectFrom('pdu').selectAll().where('code', '=', code).executeTakeFirst(),
    localAuthorityExists: (code: string) =>
      database
        .selectFrom('local_authority')
        .select('code')
        .where('code', '=', code)
        .executeTakeFirst()
        .then(Boolean),
    regions: () => database.selectFrom('region').selectAll().orderBy('name').execute(),

    premisesList: (regionCode: string | null) =>
      db
        .selectFrom('cas3_premises as pr')
        .innerJoin('pdu', 'pdu.code', 'pr.pdu_code')
        .innerJoin('local_authority as la', 'la.code', 'pr.local_authority_code')
        .$if(regionCode !== null, (q) => q.where('pr.region_code', '=', regionCode!))
        .selectAll('pr')
        .select(['pdu.name as pdu_name', 'la.name as local_authority_name'])
        .select((eb) =>
          eb
            .selectFrom('cas3_bedspace as s')
            .whereRef('s.premises_id', '=', 'pr.id')
            .select((e) => e.fn.countAll<number>().as('n'))
            .as('bedspaces'),
        )
        .orderBy('pdu.name')
        .orderBy('pr.name')
        .limit(500)
        .execute(),
    premises: (id: string) =>
      db
        .selectFrom('cas3_premises as pr')
        .innerJoin('pdu', 'pdu.code', 'pr.pdu_code')
        .innerJoin('local_authority as la', 'la.code', 'pr.local_authority_code')
        .selectAll('pr')
        .select(['pdu.name as pdu_name', 'la.name as local_authority_name'])
        .where('pr.id', '=', id)
        .executeTakeFirst(),
    insertPremises: (row: Insertable<Cas3Tables['cas3_premises']>) =>
      db.insertInto('cas3_premises').values(row).returning('id').executeTakeFirstOrThrow(),
    bedspaces: (premisesId: string) =>
      db
        .selectFrom('cas3_bedspace')
        .selectAll()
        .where('premises_id', '=', premisesId)
        .orderBy('reference')
        .execute(),
    bedspace: (id: string) =>
      db
        .selectFrom('cas3_bedspace as s')
        .innerJoin('cas3_premises as pr', 'pr.id', 's.premises_id')
        .selectAll('s')
        .select([
          'pr.region_code',
          'pr.name as premises_name',
          'pr.characteristics as premises_characteristics',
        ])
        .where('s.id', '=', id)
        .executeTakeFirst(),
    insertBedspace: (row: Insertable<Cas3Tables['cas3_bedspace']>) =>
      db.insertInto('cas3_bedspace').values(row).returning('id').executeTakeFirstOrThrow(),
    archiveBedspace: (id: string, endDate: string) =>
      db
        .updateTable('cas3_bedspace')
        .set({ end_date: endDate, version: sql`version + 1` })
        .where('id', '=', id)
        .execute(),
    voids: (bedspaceId: string) =>
      db
        .selectFrom('cas3_void as v')
        .innerJoin('cas3_reason as r', (j) =>
          j.onRef('r.list', '=', 'v.reason_list').onRef('r.id', '=', 'v.reason_id'),
        )
        .selectAll('v')
        .select('r.name as reason_name')
        .where('v.bedspace_id', '=', bedspaceId)
        .where('v.cancelled_at', 'is', null)
        .orderBy('v.start_date')
        .execute(),

    /** Runs `fn` holding the bedspace: voids take it exclusively, bookings share it, so a void and a booking cannot cross. */
    withBedspace<T>(bedspaceId: string, mode: 'share' | 'update', fn: (trx: Trx) => Promise<T>) {
      return db.transaction().execute(async (trx) => {
        await sql`select id from cas3_bedspace where id = ${bedspaceId} ${mode === 'share' ? sql`for share` : sql`for update`}`.execute(
          trx,
        )
        return fn(trx as unknown as Trx)
      })
    },

    /** A live booking whose stay or turnaround meets [arrival, blockedUntil), if any. */
    clashingBooking: (
      trx: Trx | typeof db,
      bedspaceId: string,
      arrival: string,
      blockedUntil: string,
      exceptId?: string,
    ) =>
      (trx as typeof db)
        .selectFrom('cas3_booking as b')
        .innerJoin('person as p', 'p.id', 'b.person_id')
        .select([
          'b.id',
          'b.reference',
          'b.arrival_date',
          'b.departure_date',
          'b.blocked_until',
          'p.given_name',
          'p.family_name',
        ])
        .where('b.bedspace_id', '=', bedspaceId)
        .where(LIVE)
        .where(
          sql<boolean>`daterange(b.arrival_date, b.blocked_until, '[)') && daterange(${arrival}::date, ${blockedUntil}::date, '[)')`,
        )
        .$if(Boolean(exceptId), (q) => q.where('b.id', '!=', exceptId!))
        .orderBy('b.arrival_date')
        .executeTakeFirst(),
    clashingVoid: (trx: Trx | typeof db, bedspaceId: string, arrival: string, departure: string) =>
      (trx as typeof db)
        .selectFrom('cas3_void as v')
        .innerJoin('cas3_reason as r', (j) =>
          j.onRef('r.list', '=', 'v.reason_list').onRef('r.id', '=', 'v.reason_id'),
        )
        .select(['v.id', 'v.start_date', 'v.end_date', 'r.name as reason_name'])
        .where('v.bedspace_id', '=', bedspaceId)
        .where('v.cancelled_at', 'is', null)
        .where(
          sql<boolean>`daterange(v.start_date, v.end_date, '[]') && daterange(${arrival}::date, ${departure}::date, '[)')`,
        )
        .executeTakeFirst(),

    bookingView,
    booking: (id: string) => bookingView().where('b.id', '=', id).executeTakeFirst(),
    bookingsForBedspaces: (ids: string[], from: string, to: string) =>
      ids.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('cas3_booking as b')
            .select([
              'b.bedspace_id',
              'b.reference',
              'b.arrival_date',
              'b.departure_date',
              'b.blocked_until',
              'b.status',
            ])
            .where('b.bedspace_id', 'in', ids)
            .where(LIVE)
            .where('b.blocked_until', '>', from)
            .where('b.arrival_date', '<', to)
            .execute(),
    voidsForBedspaces: (ids: string[], from: string, to: string) =>
      ids.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('cas3_void as v')
            .select(['v.bedspace_id', 'v.start_date', 'v.end_date'])
            .where('v.bedspace_id', 'in', ids)
            .where('v.cancelled_at', 'is', null)
            .where('v.end_date', '>=', from)
            .where('v.start_date', '<', to)
            .execute(),
    bookingEvents: (bookingId: string) =>
      db
        .selectFrom('cas3_booking_event as e')
        .leftJoin('app_user as u', 'u.id', 'e.by_user')
        .selectAll('e')
        .select('u.name as by_name')
        .where('e.booking_id', '=', bookingId)
        .orderBy('e.at')
        .orderBy('e.id')
        .execute(),
    bookingsInRegion: (regionCode: string | null, statuses: string[]) =>
      bookingView()
        .$if(regionCode !== null, (q) => q.where('pr.region_code', '=', regionCode!))
        .where('b.status', 'in', statuses as never[])
        .orderBy('b.arrival_date')
        .limit(200)
        .execute(),
    personBookings: (personId: string) =>
      db
        .selectFrom('cas3_booking as b')
        .innerJoin('cas3_bedspace as s', 's.id', 'b.bedspace_id')
        .innerJoin('cas3_premises as pr', 'pr.id', 's.premises_id')
        .leftJoin('cas3_reason as m', (j) =>
          j.onRef('m.list', '=', 'b.move_on_list').onRef('m.id', '=', 'b.move_on_category_id'),
        )
        .selectAll('b')
        .select([
          'pr.name as premises_name',
          'pr.town',
          's.reference as bedspace_reference',
          'm.name as move_on_name',
        ])
        .where('b.person_id', '=', personId)
        .orderBy('b.arrival_date')
        .execute(),

    /** People in the scope staying in CAS3 and due to leave by `until` with no move-on address recorded. */
    moveOnDue: (scope: Scope, today: string, until: string) =>
      bookingView()
        .where('b.status', '=', 'arrived')
        .where('b.departure_date', '<=', until)
        .where('b.departure_date', '>=', today)
        .where('b.planned_move_on_address', 'is', null)
        .where(personRowInScope(scope, 'p'))
        .orderBy('b.departure_date')
        .limit(200)
        .execute(),
    search: availabilitySearch(db),
  }
}

export type Cas3Repository = ReturnType<typeof cas3Repository>

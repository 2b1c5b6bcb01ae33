import type { Kysely } from 'kysely'
import { runSql } from './run-sql.ts'

// One CAS3 referral places one person: it may hold one live booking for any night (issue 17
// finding 8: 20 bookings for the same dates were accepted at once). Live is what holds a
// bedspace in cas3_booking_no_overlap: provisional, confirmed, or arrived. A referral can still be
// booked again after a cancellation, or moved to another bedspace from the day the last stay ends
// (departure dates are exclusive). The database decides, so concurrent requests cannot race it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runSql(
    db,
    `
    alter table cas3_booking add constraint cas3_booking_one_stay_per_referral exclude using gist (
      referral_id with =, daterange(arrival_date, departure_date, '[)') with &&
    ) where (referral_id is not null and (status in ('provisional', 'confirmed') or arrived_on is not null));
    `,
  )
}

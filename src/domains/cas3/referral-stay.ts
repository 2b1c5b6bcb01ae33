import { sql } from 'kysely'
import { ValidationFailed } from '../../platform/errors.ts'
import type { Cas3Db } from './tables.ts'

/** The database's rule that a referral holds one live stay for any night (migration 0011_2). */
export const ONE_STAY_CONSTRAINT = 'cas3_booking_one_stay_per_referral'

/** The referral's live booking that shares a night with these dates, if any. */
export function referralStayClash(
  db: Pick<Cas3Db, 'selectFrom'>,
  referralId: string,
  arrival: string,
  departure: string,
  exceptId?: string,
) {
  return db
    .selectFrom('cas3_booking as b')
    .select(['b.id', 'b.reference', 'b.arrival_date', 'b.departure_date'])
    .where('b.referral_id', '=', referralId)
    .where(sql<boolean>`(b.status in ('provisional', 'confirmed') or b.arrived_on is not null)`)
    .where(
      sql<boolean>`daterange(b.arrival_date, b.departure_date, '[)') && daterange(${arrival}::date, ${departure}::date, '[)')`,
    )
    .$if(Boolean(exceptId), (q) => q.where('b.id', '!=', exceptId!))
    .executeTakeFirst()
}

export function oneStayRefusal(
  field: string,
  clash?: { reference: string; arrival_date: string; departure_date: string },
): ValidationFailed {
  return new ValidationFailed({
    [field]: clash
      ? `This referral already has a booking for these dates (booking ${clash.reference}, ${clash.arrival_date} to ${clash.departure_date}). Cancel it or change its dates first.`
      : 'This referral already has a booking for these dates: it has just been booked by someone else.',
  })
}

/** Two officers booking one referral at the same moment: the constraint refuses the second. */
export const isOneStayViolation = (err: unknown) =>
  typeof err === 'object' && err !== null && 'constraint' in err && err.constraint === ONE_STAY_CONSTRAINT

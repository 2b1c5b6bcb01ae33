import { formatDate } from '../../platform/views/environment.ts'
import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Conflict, ValidationFailed } from '../../platform/errors.ts'
import type { StatusService } from '../status/service.ts'
import { stayStatus } from './stay-rules.ts'
import { openInRegion } from './access.ts'
import type { Cas3Repository } from './repository.ts'
import { canMove } from './rules.ts'
import { stayConfig, type BookingDeps } from './stay-config.ts'
import type { BookingStatus } from './tables.ts'
import { BOOKING_STATUSES } from './vocabulary.ts'

/**
 * The steps every booking use case is made of: opening a booking in the user's region, the stay
 * limit, a versioned status move with its history and audit, and the accommodation status event.
 */
export function bookingSteps(
  repo: Cas3Repository,
  status: StatusService,
  audit: AuditLog,
  deps: BookingDeps,
) {
  const { stayRules, blockedUntil } = stayConfig(deps)

  const openBooking = (ctx: RequestContext, id: string) =>
    openInRegion(
      ctx,
      audit,
      { recordType: 'cas3_booking', id, label: 'Booking', personId: (b) => b.person_id },
      repo.booking,
    )

  const clashMessage = (c: {
    reference: string
    given_name: string
    family_name: string
    arrival_date: string
    departure_date: string
    blocked_until: string
  }) =>
    `This bedspace is booked for ${c.given_name} ${c.family_name} (booking ${c.reference}) from ${c.arrival_date} to ${c.departure_date}; with the turnaround the next arrival can be from ${c.blocked_until}`

  /** The stay limit: past it, an authorised overstay with a reason (CAS3 policy framework, 84 nights). */
  function checkLimit(arrival: string, departure: string, overstayReason: string | null, field: string) {
    const s = stayStatus(arrival, departure, deps.today(), stayRules)
    if (s.overLimit && !overstayReason) {
      throw new ValidationFailed({
        [field]: `This stay is ${s.nights} nights, over the ${stayRules.maxNights}-night limit: leave by ${formatDate(s.limitDate)} or give the reason for authorising an overstay`,
      })
    }
    return s
  }

  async function transition(
    ctx: RequestContext,
    id: string,
    to: BookingStatus,
    version: number,
    set: Record<string, unknown>,
    event: { note?: string | null; from?: string; toDate?: string },
  ) {
    const updated = await repo.db
      .updateTable('cas3_booking')
      .set({ ...set, status: to, updated_at: new Date(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returning(['id', 'version'])
      .executeTakeFirst()
    if (!updated)
      throw new Conflict(
        'Someone else changed this booking while you were working on it. Check its current state and try again.',
      )
    await repo.db
      .insertInto('cas3_booking_event')
      .values({
        booking_id: id,
        by_user: ctx.actor.userId,
        event: to,
        note: event.note ?? null,
        from_departure_date: event.from ?? null,
        to_departure_date: event.toDate ?? null,
      })
      .execute()
    await audit.record(ctx, {
      action: 'update',
      recordType: 'cas3_booking',
      recordId: id,
      outcome: 'allowed',
      detail: to,
    })
    return updated
  }

  function mustMove(from: BookingStatus, to: BookingStatus) {
    if (!canMove(from, to))
      throw new ValidationFailed({
        form: `A booking that is ${BOOKING_STATUSES[from].toLowerCase()} cannot be marked ${BOOKING_STATUSES[to].toLowerCase()}`,
      })
  }

  /** A status event goes through the status service; its date problems belong to this form's date. */
  async function recordAccommodation(
    ctx: RequestContext,
    booking: { person_id: string; custody_episode_id: string; reference: string },
    code: string,
    date: string,
    field: string,
  ) {
    try {
      await status.record(ctx, booking.person_id, {
        kind: 'accommodation',
        accommodationTypeCode: code,
        custodyEpisodeId: booking.custody_episode_id,
        effectiveDate: date,
        source: 'cas3',
        note: `CAS3 booking ${booking.reference}`,
      })
    } catch (err) {
      if (err instanceof ValidationFailed)
        throw new ValidationFailed({ [field]: Object.values(err.fields).join('. ') })
      throw err
    }
  }

  return {
    stayRules,
    blockedUntil,
    openBooking,
    clashMessage,
    checkLimit,
    transition,
    mustMove,
    recordAccommodation,
  }
}

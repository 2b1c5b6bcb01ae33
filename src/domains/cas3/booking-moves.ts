import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { formatDayMonthYear } from '../../platform/calendar/index.ts'
import { Conflict, ValidationFailed } from '../../platform/errors.ts'
import type { StatusService } from '../status/service.ts'
import { requireCapability } from './access.ts'
import { bookingSteps } from './booking-steps.ts'
import type { Cas3Repository } from './repository.ts'
import { isOneStayViolation, oneStayRefusal } from './referral-stay.ts'
import { canChangeDates } from './rules.ts'
import type { BookingDeps } from './stay-config.ts'
import { BOOKING_STATUSES, CAS3_ACCOMMODATION_TYPE, MOVE_ON_CATEGORIES } from './vocabulary.ts'

/**
 * A booking's lifecycle after it is made (domain.md section 9): confirmation, cancellation,
 * arrival, non-arrival, departure, closing and a changed departure date, each versioned and kept
 * in the booking's history.
 */
export function bookingMoves(
  repo: Cas3Repository,
  status: StatusService,
  audit: AuditLog,
  deps: BookingDeps,
) {
  const { blockedUntil, openBooking, clashMessage, checkLimit, transition, mustMove, recordAccommodation } =
    bookingSteps(repo, status, audit, deps)

  /** The CAS3 team's booking, in the actor's region, that the state machine lets move to `to`. */
  async function openToMove(ctx: RequestContext, id: string, to: Parameters<typeof mustMove>[1]) {
    requireCapability(ctx, 'cas3:manage')
    const b = await openBooking(ctx, id)
    mustMove(b.status, to)
    return b
  }

  return {
    async confirm(ctx: RequestContext, id: string, version: number) {
      await openToMove(ctx, id, 'confirmed')
      return transition(ctx, id, 'confirmed', version, {}, {})
    },

    async cancel(
      ctx: RequestContext,
      id: string,
      input: { reasonId: string; notes: string | null; version: number },
    ) {
      await openToMove(ctx, id, 'cancelled')
      if (!(await repo.reason('cancellation', input.reasonId)))
        throw new ValidationFailed({ reasonId: 'Select a reason from the list' })
      return transition(
        ctx,
        id,
        'cancelled',
        input.version,
        { cancellation_reason_id: input.reasonId, notes: input.notes },
        { note: input.notes },
      )
    },

    /** Arrival records CAS3 (nDelius A17) as the person's accommodation from that night. */
    async arrive(ctx: RequestContext, id: string, input: { arrivalDate: string; version: number }) {
      const b = await openToMove(ctx, id, 'arrived')
      if (input.arrivalDate > deps.today())
        throw new ValidationFailed({ arrivalDate: 'The arrival date cannot be in the future' })
      if (input.arrivalDate >= b.departure_date)
        throw new ValidationFailed({
          arrivalDate: 'The arrival date must be before the expected departure date',
        })
      await recordAccommodation(ctx, b, CAS3_ACCOMMODATION_TYPE, input.arrivalDate, 'arrivalDate')
      return transition(
        ctx,
        id,
        'arrived',
        input.version,
        { arrived_on: input.arrivalDate },
        { note: `Arrived ${formatDayMonthYear(input.arrivalDate)}` },
      )
    },

    async notArrived(ctx: RequestContext, id: string, version: number) {
      await openToMove(ctx, id, 'not_arrived')
      return transition(ctx, id, 'not_arrived', version, {}, {})
    },

    /** Departure frees the bedspace from the actual date and records where the person moved on to. */
    async depart(
      ctx: RequestContext,
      id: string,
      input: {
        departureDate: string
        reasonId: string
        moveOnCategoryId: string
        notes: string | null
        version: number
      },
    ) {
      const b = await openToMove(ctx, id, 'departed')
      const errors: Record<string, string> = {}
      const [reason, category] = await Promise.all([
        repo.reason('departure', input.reasonId),
        repo.reason('move_on', input.moveOnCategoryId),
      ])
      if (!reason) errors.reasonId = 'Select a reason from the list'
      if (!category) errors.moveOnCategoryId = 'Select a move-on category from the list'
      if (input.departureDate > deps.today())
        errors.departureDate = 'The departure date cannot be in the future'
      else if (input.departureDate <= (b.arrived_on ?? b.arrival_date))
        errors.departureDate = 'The departure date must be after the arrival date'
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      const code = MOVE_ON_CATEGORIES[input.moveOnCategoryId]?.accommodationType
      if (code) await recordAccommodation(ctx, b, code, input.departureDate, 'departureDate')
      return transition(
        ctx,
        id,
        'departed',
        input.version,
        {
          departed_on: input.departureDate,
          departure_date: input.departureDate,
          blocked_until: blockedUntil(input.departureDate),
          departure_reason_id: input.reasonId,
          move_on_category_id: input.moveOnCategoryId,
          notes: input.notes,
        },
        {
          from: b.departure_date,
          toDate: input.departureDate,
          note: `${reason!.name}; moved on to ${category!.name}`,
        },
      )
    },

    async close(ctx: RequestContext, id: string, version: number) {
      await openToMove(ctx, id, 'closed')
      return transition(ctx, id, 'closed', version, {}, {})
    },

    /** Extending or shortening keeps the old date in the booking's history; the constraint still guards the bedspace. */
    async changeDeparture(
      ctx: RequestContext,
      id: string,
      input: { departureDate: string; overstayReason: string | null; version: number },
    ) {
      requireCapability(ctx, 'cas3:manage')
      const b = await openBooking(ctx, id)
      if (!canChangeDates(b.status))
        throw new ValidationFailed({
          departureDate: `A booking that is ${BOOKING_STATUSES[b.status].toLowerCase()} cannot change its dates`,
        })
      if (input.departureDate <= b.arrival_date)
        throw new ValidationFailed({ departureDate: 'The departure date must be after the arrival date' })
      if (input.departureDate === b.departure_date)
        throw new ValidationFailed({ departureDate: 'Enter a different departure date' })
      const reason = input.overstayReason ?? b.overstay_reason
      checkLimit(b.arrival_date, input.departureDate, reason, 'departureDate')
      const until = blockedUntil(input.departureDate)
      const event = input.departureDate > b.departure_date ? 'extended' : 'shortened'
      await repo
        .withBedspace(b.bedspace_id, 'share', async (trx) => {
          const v = await repo.clashingVoid(trx, b.bedspace_id, b.arrival_date, input.departureDate)
          if (v)
            throw new ValidationFailed({
              departureDate: `This bedspace is void from ${v.start_date} to ${v.end_date} (${v.reason_name})`,
            })
          const clash = await repo.clashingBooking(trx, b.bedspace_id, b.arrival_date, until, id)
          if (clash) throw new ValidationFailed({ departureDate: clashMessage(clash) })
          const updated = await trx
            .updateTable('cas3_booking')
            .set({
              departure_date: input.departureDate,
              blocked_until: until,
              overstay_reason: reason,
              overstay_authorised_by: reason ? (b.overstay_authorised_by ?? ctx.actor.userId) : null,
              updated_at: new Date(),
              version: input.version + 1,
            })
            .where('id', '=', id)
            .where('version', '=', input.version)
            .returning('id')
            .executeTakeFirst()
          if (!updated)
            throw new Conflict(
              'Someone else changed this booking while you were working on it. Check its current dates and try again.',
            )
          await trx
            .insertInto('cas3_booking_event')
            .values({
              booking_id: id,
              by_user: ctx.actor.userId,
              event,
              from_departure_date: b.departure_date,
              to_departure_date: input.departureDate,
              note: input.overstayReason,
            })
            .execute()
          if (input.overstayReason && !b.overstay_reason) {
            await trx
              .insertInto('cas3_booking_event')
              .values({
                booking_id: id,
                by_user: ctx.actor.userId,
                event: 'overstay_authorised',
                note: input.overstayReason,
              })
              .execute()
          }
        })
        .catch((err: unknown) => {
          if ((err as { constraint?: string }).constraint === 'cas3_booking_no_overlap')
            throw new ValidationFailed({ departureDate: 'Another booking has just taken these dates' })
          // Extending into the referral's next stay (on another bedspace) would hold two at once.
          if (isOneStayViolation(err)) throw oneStayRefusal('departureDate')
          throw err
        })
      await audit.record(ctx, {
        action: 'update',
        recordType: 'cas3_booking',
        recordId: id,
        personId: b.person_id,
        detail: event,
      })
    },
  }
}
export type BookingMoves = ReturnType<typeof bookingMoves>

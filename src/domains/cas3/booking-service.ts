import { formatDate } from '../../platform/views/environment.ts'
import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Conflict, ValidationFailed } from '../../platform/errors.ts'
import type { PeopleService } from '../people/service.ts'
import type { StatusService } from '../status/service.ts'
import { stayStatus } from './stay-rules.ts'
import { openInRegion, regionOf, requireCapability } from './access.ts'
import type { Cas3Repository } from './repository.ts'
import type { ReferralService } from './referral-service.ts'
import { canChangeDates } from './rules.ts'
import type { BookingInput } from './schemas.ts'
import type { BookingDeps } from './stay-config.ts'
import { bookingSteps } from './booking-steps.ts'
import { isOneStayViolation, oneStayRefusal, referralStayClash } from './referral-stay.ts'
import type { BookingStatus } from './tables.ts'
import { BOOKING_STATUSES, CAS3_ACCOMMODATION_TYPE, MOVE_ON_CATEGORIES } from './vocabulary.ts'

export type { BookingDeps }

/** Booking a bedspace and moving the booking through its lifecycle, with its history. */
export function bookingService(
  repo: Cas3Repository,
  referrals: ReferralService,
  people: PeopleService,
  status: StatusService,
  audit: AuditLog,
  deps: BookingDeps,
) {
  const {
    stayRules,
    blockedUntil,
    openBooking,
    clashMessage,
    checkLimit,
    transition,
    mustMove,
    recordAccommodation,
  } = bookingSteps(repo, status, audit, deps)

  return {
    openBooking,
    blockedUntil,

    async book(ctx: RequestContext, input: BookingInput) {
      requireCapability(ctx, 'cas3:manage')
      const referral = await referrals.openReferral(ctx, input.referralId)
      if (referral.status !== 'ready_to_place')
        throw new ValidationFailed({ referralId: 'Only a referral that is ready to place can be booked' })
      // CAS3 houses people on release: a stay cannot start while they are still in prison, and an
      // arrival then could never be recorded (issue 12, defect 4).
      const release = referral.released_on ?? referral.release_date
      if (input.arrivalDate < release)
        throw new ValidationFailed({
          arrivalDate: `The arrival date must be on or after the person’s release on ${formatDate(release)}`,
        })
      const bedspace = await openInRegion(
        ctx,
        audit,
        { recordType: 'cas3_bedspace', id: input.bedspaceId, label: 'Bedspace' },
        repo.bedspace,
      )
      if (bedspace.end_date !== null && bedspace.end_date < input.departureDate) {
        throw new ValidationFailed({
          bedspaceId:
            bedspace.end_date < deps.today()
              ? 'This bedspace is archived and cannot be booked'
              : `This bedspace closes on ${formatDate(bedspace.end_date)}, before the departure date`,
        })
      }
      if (bedspace.start_date > input.arrivalDate)
        throw new ValidationFailed({
          arrivalDate: `This bedspace is not available until ${formatDate(bedspace.start_date)}`,
        })
      checkLimit(input.arrivalDate, input.departureDate, input.overstayReason, 'departureDate')
      const until = blockedUntil(input.departureDate)
      const created = await repo
        .withBedspace(input.bedspaceId, 'share', async (trx) => {
          const v = await repo.clashingVoid(trx, input.bedspaceId, input.arrivalDate, input.departureDate)
          if (v)
            throw new ValidationFailed({
              arrivalDate: `This bedspace is void from ${v.start_date} to ${v.end_date} (${v.reason_name})`,
            })
          const clash = await repo.clashingBooking(trx, input.bedspaceId, input.arrivalDate, until)
          if (clash) throw new ValidationFailed({ arrivalDate: clashMessage(clash) })
          const stay = await referralStayClash(trx, referral.id, input.arrivalDate, input.departureDate)
          if (stay) throw oneStayRefusal('referralId', stay)
          const row = await trx
            .insertInto('cas3_booking')
            .values({
              bedspace_id: input.bedspaceId,
              person_id: referral.person_id,
              custody_episode_id: referral.custody_episode_id,
              referral_id: referral.id,
              arrival_date: input.arrivalDate,
              departure_date: input.departureDate,
              blocked_until: until,
              status: input.confirmed ? 'confirmed' : 'provisional',
              overstay_reason: input.overstayReason,
              overstay_authorised_by: input.overstayReason ? ctx.actor.userId : null,
              created_by: ctx.actor.userId,
            })
            .returning(['id', 'reference'])
            .executeTakeFirstOrThrow()
          await trx
            .insertInto('cas3_booking_event')
            .values({
              booking_id: row.id,
              by_user: ctx.actor.userId,
              event: 'created',
              to_departure_date: input.departureDate,
              note: input.overstayReason,
            })
            .execute()
          return row
        })
        .catch(async (err: unknown) => {
          if (isOneStayViolation(err))
            throw oneStayRefusal(
              'referralId',
              await referralStayClash(repo.db, referral.id, input.arrivalDate, input.departureDate),
            )
          // Two officers booking at the same moment: the exclusion constraint refuses the second.
          if ((err as { code?: string; constraint?: string }).constraint === 'cas3_booking_no_overlap') {
            const clash = await repo.clashingBooking(repo.db, input.bedspaceId, input.arrivalDate, until)
            throw new ValidationFailed({
              arrivalDate: clash
                ? clashMessage(clash)
                : 'This bedspace has just been booked for these dates by someone else',
            })
          }
          throw err
        })
      await audit.record(ctx, {
        action: 'create',
        recordType: 'cas3_booking',
        recordId: created.id,
        personId: referral.person_id,
        outcome: 'allowed',
      })
      return created
    },

    async page(ctx: RequestContext, id: string) {
      requireCapability(ctx, 'cas3:manage')
      const booking = await openBooking(ctx, id)
      const [events, cancellationReasons, departureReasons, moveOnCategories] = await Promise.all([
        repo.bookingEvents(id),
        repo.reasons('cancellation'),
        repo.reasons('departure'),
        repo.reasons('move_on'),
      ])
      return {
        booking,
        events,
        stay: stayStatus(booking.arrival_date, booking.departure_date, deps.today(), stayRules),
        cancellationReasons,
        departureReasons,
        moveOnCategories,
      }
    },

    async list(ctx: RequestContext, statuses: BookingStatus[]) {
      requireCapability(ctx, 'cas3:manage')
      const rows = await repo.bookingsInRegion(regionOf(ctx), statuses)
      const today = deps.today()
      return rows.map((b) => ({ ...b, stay: stayStatus(b.arrival_date, b.departure_date, today, stayRules) }))
    },

    async confirm(ctx: RequestContext, id: string, version: number) {
      requireCapability(ctx, 'cas3:manage')
      const b = await openBooking(ctx, id)
      mustMove(b.status, 'confirmed')
      return transition(ctx, id, 'confirmed', version, {}, {})
    },

    async cancel(
      ctx: RequestContext,
      id: string,
      input: { reasonId: string; notes: string | null; version: number },
    ) {
      requireCapability(ctx, 'cas3:manage')
      const b = await openBooking(ctx, id)
      mustMove(b.status, 'cancelled')
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
      requireCapability(ctx, 'cas3:manage')
      const b = await openBooking(ctx, id)
      mustMove(b.status, 'arrived')
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
        { note: `Arrived ${input.arrivalDate}` },
      )
    },

    async notArrived(ctx: RequestContext, id: string, version: number) {
      requireCapability(ctx, 'cas3:manage')
      const b = await openBooking(ctx, id)
      mustMove(b.status, 'not_arrived')
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
      requireCapability(ctx, 'cas3:manage')
      const b = await openBooking(ctx, id)
      mustMove(b.status, 'departed')
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
      requireCapability(ctx, 'cas3:manage')
      const b = await openBooking(ctx, id)
      mustMove(b.status, 'closed')
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
        outcome: 'allowed',
        detail: event,
      })
    },
  }
}
export type BookingService = ReturnType<typeof bookingService>

import { formatDate } from '../../platform/views/environment.ts'
import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { ValidationFailed } from '../../platform/errors.ts'
import type { PeopleService } from '../people/service.ts'
import type { StatusService } from '../status/service.ts'
import { stayStatus } from './stay-rules.ts'
import { openInRegion, regionOf, requireCapability } from './access.ts'
import type { Cas3Repository } from './repository.ts'
import type { ReferralService } from './referral-service.ts'
import type { BookingInput } from './schemas.ts'
import type { BookingDeps } from './stay-config.ts'
import { bookingSteps } from './booking-steps.ts'
import { isOneStayViolation, oneStayRefusal, referralStayClash } from './referral-stay.ts'
import type { BookingStatus } from './tables.ts'

export type { BookingDeps }

/** Booking a bedspace, and the booking's page and lists (its later moves are in booking-moves.ts). */
export function bookingService(
  repo: Cas3Repository,
  referrals: ReferralService,
  people: PeopleService,
  status: StatusService,
  audit: AuditLog,
  deps: BookingDeps,
) {
  const { stayRules, blockedUntil, openBooking, clashMessage, checkLimit } = bookingSteps(
    repo,
    status,
    audit,
    deps,
  )

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
      })
      return created
    },

    /** The booking form, opened from a search result: only a CAS3 team may book. */
    async bookingForm(ctx: RequestContext, referralId: string, bedspaceId: string) {
      requireCapability(ctx, 'cas3:manage')
      const [referral, bedspace] = await Promise.all([
        referrals.openReferral(ctx, referralId),
        openInRegion(
          ctx,
          audit,
          { recordType: 'cas3_bedspace', id: bedspaceId, label: 'Bedspace' },
          repo.bedspace,
        ),
      ])
      return { referral, bedspace }
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
  }
}
export type BookingService = ReturnType<typeof bookingService>

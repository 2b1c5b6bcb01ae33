import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { can } from '../../platform/auth/roles.ts'
import { Conflict, Forbidden, NotFound } from '../../platform/errors.ts'
import type { PeopleService } from '../people/service.ts'
import type { TimelineItem } from '../people/timeline.ts'
import { stayStatus } from './stay-rules.ts'
import { requireCapability } from './access.ts'
import type { Cas3Repository } from './repository.ts'
import { addDays } from './rules.ts'
import { stayConfig, type BookingDeps } from './stay-config.ts'
import { BOOKING_STATUSES, MOVE_ON_DUE_DAYS } from './vocabulary.ts'

/** CAS3 stays as the person's own record sees them: the timeline, the COM's worklist and the move-on address. */
export function personStaysService(
  repo: Cas3Repository,
  people: PeopleService,
  audit: AuditLog,
  deps: BookingDeps,
) {
  const { stayRules } = stayConfig(deps)
  return {
    /** The COM (anyone who can see the person) or the CAS3 team records where the person will go next. */
    async setMoveOnAddress(ctx: RequestContext, id: string, input: { address: string; version: number }) {
      // Seeing the person is not enough: only those who write to the record (the COM, the
      // prison) or run the CAS3 estate may change it (issue 17 finding 1).
      if (!can(ctx.actor.role, 'people:write') && !can(ctx.actor.role, 'cas3:manage')) throw new Forbidden()
      const b = await repo.booking(id)
      if (!b) throw new NotFound('Booking')
      await people.openRecord(ctx, b.person_id, 'update', 'cas3_booking')
      const updated = await repo.db
        .updateTable('cas3_booking')
        .set({ planned_move_on_address: input.address, updated_at: new Date(), version: input.version + 1 })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .returning('id')
        .executeTakeFirst()
      if (!updated) throw new Conflict('Someone else changed this booking. Check it and try again.')
      await repo.db
        .insertInto('cas3_booking_event')
        .values({ booking_id: id, by_user: ctx.actor.userId, event: 'move_on_address', note: input.address })
        .execute()
    },

    async bookingForPerson(ctx: RequestContext, id: string) {
      const b = await repo.booking(id)
      if (!b) throw new NotFound('Booking')
      await people.openRecord(ctx, b.person_id, 'read', 'cas3_booking')
      return b
    },

    /** The COM's worklist: people leaving CAS3 within 4 weeks with nowhere recorded to go. */
    async moveOnDue(ctx: RequestContext) {
      requireCapability(ctx, 'people:read')
      const today = deps.today()
      const rows = await repo.moveOnDue(ctx.actor.scope, today, addDays(today, MOVE_ON_DUE_DAYS))
      await audit.record(ctx, {
        action: 'search',
        recordType: 'cas3_move_on_due',
        outcome: 'allowed',
        detail: `${rows.length} rows`,
      })
      return rows
    },

    /** The person's CAS3 stays, for their timeline; the caller has already checked access. */
    async timeline(personId: string): Promise<TimelineItem[]> {
      const today = deps.today()
      const rows = await repo.personBookings(personId)
      return rows.flatMap((b) => {
        const where = `${b.premises_name}${b.town ? `, ${b.town}` : ''} (bedspace ${b.bedspace_reference})`
        const items: TimelineItem[] = []
        if (b.status === 'cancelled' || b.status === 'not_arrived') {
          items.push({
            date: b.arrival_date,
            title: `CAS3 booking ${BOOKING_STATUSES[b.status].toLowerCase()}`,
            detail: where,
            source: 'CAS3',
          })
          return items
        }
        const s = stayStatus(b.arrival_date, b.departure_date, today, stayRules)
        items.push({
          date: b.arrival_date,
          title: b.arrived_on ? 'Arrived in CAS3 temporary accommodation' : 'CAS3 arrival booked',
          detail: `${where}; ${s.nights} nights to ${b.departure_date}${s.overLimit ? ' (authorised overstay)' : ''}`,
          source: 'CAS3',
          future: !b.arrived_on && b.arrival_date >= today,
        })
        if (b.departed_on)
          items.push({
            date: b.departed_on,
            title: 'Left CAS3 temporary accommodation',
            detail: `Moved on to: ${b.move_on_name ?? 'not recorded'}`,
            source: 'CAS3',
          })
        else if (b.status === 'arrived')
          items.push({
            date: b.departure_date,
            title: 'Due to leave CAS3',
            detail: b.planned_move_on_address
              ? `Moving on to ${b.planned_move_on_address}`
              : 'No move-on address recorded',
            source: 'CAS3',
            future: true,
          })
        return items
      })
    },
  }
}

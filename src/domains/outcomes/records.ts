/**
 * The records the non-status measures read: offences with their proof, orders and licences with
 * how they ended, and accredited programmes. Each write refreshes the affected outcome facts
 * through the table triggers of migration 0006, in the same transaction.
 */
import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import type { Database } from '../../platform/db/index.ts'
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../../platform/errors.ts'
import type { PeopleService } from '../people/service.ts'
import { outcomeTables } from './tables.ts'

export const TERMINATION_REASONS = {
  completed: 'Completed',
  recalled: 'Recalled to custody',
  revoked_breach: 'Revoked for breach',
  early_termination: 'Terminated early for good progress',
  died: 'Died',
  other: 'Other',
} as const
export type TerminationReason = keyof typeof TERMINATION_REASONS

export interface OffenceInput {
  offenceDate: string
  description: string
  disposal?: 'conviction' | 'caution'
  provenDate?: string
}

export interface OrderInput {
  kind: 'licence' | 'community_order' | 'suspended_sentence_order'
  custodyEpisodeId?: string
  pduCode: string
  startDate: string
}

export interface Termination {
  terminatedOn: string
  reason: TerminationReason
  requirementsComplete: boolean
  version: number
}

export function outcomeRecords(
  db: Database,
  people: PeopleService,
  audit: AuditLog,
  deps: { today: () => string },
) {
  const t = outcomeTables(db)
  const mayWrite = (ctx: RequestContext) => {
    if (!can(ctx.actor.role, 'people:write')) throw new Forbidden()
  }
  const notFuture = (errors: Record<string, string>, field: string, date: string | undefined) => {
    if (date && date > deps.today()) errors[field] = 'The date cannot be in the future'
  }

  return {
    /** An offence, and once proven, the conviction or caution that proved it. */
    async recordOffence(ctx: RequestContext, personId: string, input: OffenceInput) {
      mayWrite(ctx)
      await people.openRecord(ctx, personId, 'update', 'offence')
      const errors: Record<string, string> = {}
      notFuture(errors, 'offenceDate', input.offenceDate)
      notFuture(errors, 'provenDate', input.provenDate)
      if (Boolean(input.disposal) !== Boolean(input.provenDate))
        errors.provenDate = 'Give both the disposal and the date it was proven, or neither'
      if (input.provenDate && input.provenDate < input.offenceDate)
        errors.provenDate = 'The offence cannot be proven before it was committed'
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      const row = await t
        .insertInto('offence')
        .values({
          person_id: personId,
          offence_date: input.offenceDate,
          description: input.description,
          disposal: input.disposal ?? null,
          proven_date: input.provenDate ?? null,
          recorded_by: ctx.actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await audit.record(ctx, {
        action: 'create',
        recordType: 'offence',
        recordId: row.id,
        personId,
        outcome: 'allowed',
      })
      return row
    },

    /** Starts an order or a licence; a licence belongs to the release it follows. */
    async startOrder(ctx: RequestContext, personId: string, input: OrderInput) {
      mayWrite(ctx)
      await people.openRecord(ctx, personId, 'update', 'supervision_order')
      const pdu = await db
        .selectFrom('pdu')
        .where('code', '=', input.pduCode)
        .select(['code', 'region_code'])
        .executeTakeFirst()
      const errors: Record<string, string> = {}
      if (!pdu) errors.pduCode = 'Select the PDU that supervises the order'
      if (input.kind === 'licence') {
        const episode = input.custodyEpisodeId
          ? await db
              .selectFrom('custody_episode')
              .where('id', '=', input.custodyEpisodeId)
              .where('person_id', '=', personId)
              .select('actual_release_date')
              .executeTakeFirst()
          : undefined
        if (!episode) errors.custodyEpisodeId = 'Choose the release the licence follows'
        else if (!episode.actual_release_date || input.startDate < episode.actual_release_date)
          errors.startDate = 'A licence starts on or after the release'
      }
      notFuture(errors, 'startDate', input.startDate)
      if (Object.keys(errors).length || !pdu) throw new ValidationFailed(errors)
      const row = await t
        .insertInto('supervision_order')
        .values({
          person_id: personId,
          custody_episode_id: input.kind === 'licence' ? (input.custodyEpisodeId ?? null) : null,
          kind: input.kind,
          region_code: pdu.region_code,
          pdu_code: pdu.code,
          start_date: input.startDate,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await audit.record(ctx, {
        action: 'create',
        recordType: 'supervision_order',
        recordId: row.id,
        personId,
        outcome: 'allowed',
        detail: input.kind,
      })
      return row
    },

    /** Ends an order or licence with its reason and whether its requirements were complete. */
    async terminateOrder(ctx: RequestContext, orderId: string, input: Termination) {
      mayWrite(ctx)
      const order = await t
        .selectFrom('supervision_order')
        .where('id', '=', orderId)
        .select(['person_id', 'start_date', 'terminated_on', 'version'])
        .executeTakeFirst()
      if (!order) throw new NotFound('Order not found')
      await people.openRecord(ctx, order.person_id, 'update', 'supervision_order')
      const errors: Record<string, string> = {}
      notFuture(errors, 'terminatedOn', input.terminatedOn)
      if (input.terminatedOn < order.start_date)
        errors.terminatedOn = 'The order cannot end before it started'
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      if (order.terminated_on) throw new Conflict('This order has already ended')
      const done = await t
        .updateTable('supervision_order')
        .set((eb) => ({
          terminated_on: input.terminatedOn,
          termination_reason: input.reason,
          requirements_complete: input.requirementsComplete,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', orderId)
        .where('version', '=', input.version)
        .executeTakeFirst()
      if (!done.numUpdatedRows)
        throw new Conflict('Someone else has just changed this order. Check it and try again.')
      await audit.record(ctx, {
        action: 'update',
        recordType: 'supervision_order',
        recordId: orderId,
        personId: order.person_id,
        outcome: 'allowed',
        detail: input.reason,
      })
    },

    /** Starts an accredited programme (the sexual offending programmes flagged). */
    async startProgramme(
      ctx: RequestContext,
      personId: string,
      input: { name: string; sexualOffending: boolean; pduCode: string; startedOn: string },
    ) {
      mayWrite(ctx)
      await people.openRecord(ctx, personId, 'update', 'programme')
      const pdu = await db
        .selectFrom('pdu')
        .where('code', '=', input.pduCode)
        .select(['code', 'region_code'])
        .executeTakeFirst()
      const errors: Record<string, string> = {}
      if (!pdu) errors.pduCode = 'Select the PDU that runs the programme'
      notFuture(errors, 'startedOn', input.startedOn)
      if (Object.keys(errors).length || !pdu) throw new ValidationFailed(errors)
      return t
        .insertInto('programme')
        .values({
          person_id: personId,
          name: input.name,
          sexual_offending: input.sexualOffending,
          region_code: pdu.region_code,
          pdu_code: pdu.code,
          started_on: input.startedOn,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    },

    async terminateProgramme(
      ctx: RequestContext,
      programmeId: string,
      input: { terminatedOn: string; completed: boolean; version: number },
    ) {
      mayWrite(ctx)
      const p = await t
        .selectFrom('programme')
        .where('id', '=', programmeId)
        .select(['person_id', 'started_on', 'terminated_on'])
        .executeTakeFirst()
      if (!p) throw new NotFound('Programme not found')
      await people.openRecord(ctx, p.person_id, 'update', 'programme')
      const errors: Record<string, string> = {}
      notFuture(errors, 'terminatedOn', input.terminatedOn)
      if (input.terminatedOn < p.started_on)
        errors.terminatedOn = 'The programme cannot end before it started'
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      if (p.terminated_on) throw new Conflict('This programme has already ended')
      const done = await t
        .updateTable('programme')
        .set((eb) => ({
          terminated_on: input.terminatedOn,
          completed: input.completed,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', programmeId)
        .where('version', '=', input.version)
        .executeTakeFirst()
      if (!done.numUpdatedRows)
        throw new Conflict('Someone else has just changed this programme. Check it and try again.')
    },
  }
}

export type OutcomeRecords = ReturnType<typeof outcomeRecords>

/**
 * The records the non-status measures read: offences with their proof, orders and licences with
 * how they ended, and accredited programmes. Each write refreshes the affected outcome facts
 * through the table triggers of migration 0006, in the same transaction. Reads are in
 * records-read.ts.
 */
import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import type { Database } from '../../platform/db/index.ts'
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../../platform/errors.ts'
import type { PeopleService } from '../people/service.ts'
import type {
  OffenceInput,
  OrderInput,
  ProgrammeEnd,
  ProgrammeInput,
  ProofInput,
  Termination,
} from './record-schemas.ts'
import { recordReads } from './records-read.ts'
import { outcomeTables } from './tables.ts'
import { UUID_PATTERN } from '../../platform/validation/index.ts'

export { TERMINATION_REASONS, type TerminationReason } from './records-read.ts'

export function outcomeRecords(
  db: Database,
  people: PeopleService,
  audit: AuditLog,
  deps: { today: () => string },
) {
  const t = outcomeTables(db)
  const requireWrite = (ctx: RequestContext) => {
    if (!can(ctx.actor.role, 'people:write')) throw new Forbidden()
  }
  const notFuture = (errors: Record<string, string>, field: string, date: string | undefined) => {
    if (date && date > deps.today()) errors[field] = 'The date cannot be in the future'
  }
  const pduOf = (code: string) =>
    db.selectFrom('pdu').where('code', '=', code).select(['code', 'region_code']).executeTakeFirst()
  /** A malformed id is simply missing: the columns are uuid, where it would be a database error. */
  const idOf = (id: string) => (UUID_PATTERN.test(id) ? id : '00000000-0000-0000-0000-000000000000')
  /** Opens the owner of a record found by its own id: out of scope answers as if it were missing. */
  const openOwner = (ctx: RequestContext, personId: string, recordType: string, what: string) =>
    people.openRecord(ctx, personId, 'update', recordType).catch((err: unknown) => {
      throw err instanceof NotFound ? new NotFound(what) : err
    })

  return {
    ...recordReads(db, people),
    /** Whether the actor may record and change these records, so pages offer only what works. */
    mayWrite: (ctx: RequestContext) => can(ctx.actor.role, 'people:write'),

    /** An offence, and once proven, the conviction or caution that proved it. */
    async recordOffence(ctx: RequestContext, personId: string, input: OffenceInput) {
      requireWrite(ctx)
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

    /**
     * Records the conviction or caution for an offence recorded earlier: proof often comes months
     * later, and the reoffending measure counts an offence only once proven (MoJ Proven
     * Reoffending Statistics). Proof is set once: the update only takes an unproven offence, so
     * of two people proving it at once the second is told, and no version column is needed.
     */
    async proveOffence(ctx: RequestContext, offenceId: string, input: ProofInput, personId?: string) {
      requireWrite(ctx)
      const offence = await t
        .selectFrom('offence')
        .where('id', '=', idOf(offenceId))
        .$if(personId !== undefined, (q) => q.where('person_id', '=', personId ?? ''))
        .select(['person_id', 'offence_date', 'proven_date'])
        .executeTakeFirst()
      if (!offence) throw new NotFound('Offence')
      await openOwner(ctx, offence.person_id, 'offence', 'Offence')
      const errors: Record<string, string> = {}
      notFuture(errors, 'provenDate', input.provenDate)
      if (input.provenDate < offence.offence_date)
        errors.provenDate = 'The offence cannot be proven before it was committed'
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      if (offence.proven_date) throw new Conflict('This offence has already been proven')
      const done = await t
        .updateTable('offence')
        .set({ disposal: input.disposal, proven_date: input.provenDate })
        .where('id', '=', offenceId)
        .where('proven_date', 'is', null)
        .executeTakeFirst()
      if (!done.numUpdatedRows)
        throw new Conflict('Someone else has just recorded proof of this offence. Check it and try again.')
      await audit.record(ctx, {
        action: 'update',
        recordType: 'offence',
        recordId: offenceId,
        personId: offence.person_id,
        outcome: 'allowed',
        detail: input.disposal,
      })
    },

    /** Starts an order or a licence; a licence belongs to the release it follows. */
    async startOrder(ctx: RequestContext, personId: string, input: OrderInput) {
      requireWrite(ctx)
      await people.openRecord(ctx, personId, 'update', 'supervision_order')
      const pdu = await pduOf(input.pduCode)
      const errors: Record<string, string> = {}
      if (!pdu) errors.pduCode = 'Select the PDU that supervises the order'
      if (input.kind === 'licence') {
        const episode =
          input.custodyEpisodeId && UUID_PATTERN.test(input.custodyEpisodeId)
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

    /**
     * Ends an order or licence with its reason and whether its requirements were complete. With
     * `personId` (the pages), the order must be that person's, so no other person's record is
     * reached through their address.
     */
    async terminateOrder(ctx: RequestContext, orderId: string, input: Termination, personId?: string) {
      requireWrite(ctx)
      const order = await t
        .selectFrom('supervision_order')
        .where('id', '=', idOf(orderId))
        .$if(personId !== undefined, (q) => q.where('person_id', '=', personId ?? ''))
        .select(['person_id', 'start_date', 'terminated_on', 'version'])
        .executeTakeFirst()
      if (!order) throw new NotFound('Order')
      await openOwner(ctx, order.person_id, 'supervision_order', 'Order')
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
    async startProgramme(ctx: RequestContext, personId: string, input: ProgrammeInput) {
      requireWrite(ctx)
      await people.openRecord(ctx, personId, 'update', 'programme')
      const pdu = await pduOf(input.pduCode)
      const errors: Record<string, string> = {}
      if (!pdu) errors.pduCode = 'Select the PDU that runs the programme'
      notFuture(errors, 'startedOn', input.startedOn)
      if (Object.keys(errors).length || !pdu) throw new ValidationFailed(errors)
      const row = await t
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
      // The programme's name stays out of the audit detail: a sexual offending programme's name
      // says what the person was convicted of, and the audit log is read more widely.
      await audit.record(ctx, {
        action: 'create',
        recordType: 'programme',
        recordId: row.id,
        personId,
        outcome: 'allowed',
      })
      return row
    },

    async terminateProgramme(
      ctx: RequestContext,
      programmeId: string,
      input: ProgrammeEnd,
      personId?: string,
    ) {
      requireWrite(ctx)
      const p = await t
        .selectFrom('programme')
        .where('id', '=', idOf(programmeId))
        .$if(personId !== undefined, (q) => q.where('person_id', '=', personId ?? ''))
        .select(['person_id', 'started_on', 'terminated_on'])
        .executeTakeFirst()
      if (!p) throw new NotFound('Programme')
      await openOwner(ctx, p.person_id, 'programme', 'Programme')
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
      await audit.record(ctx, {
        action: 'update',
        recordType: 'programme',
        recordId: programmeId,
        personId: p.person_id,
        outcome: 'allowed',
        detail: input.completed ? 'completed' : 'not completed',
      })
    },
  }
}

export type OutcomeRecords = ReturnType<typeof outcomeRecords>

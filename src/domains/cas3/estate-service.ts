import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { isUniqueViolation } from '../../platform/db/index.ts'
import { Forbidden, ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { openInRegion, regionOf, requireCapability } from './access.ts'
import type { Cas3Repository } from './repository.ts'
import { bedspaceStatus } from './rules.ts'
import type { BedspaceInput, PremisesInput, VoidInput } from './schemas.ts'
import { addDays } from '../../platform/calendar/index.ts'

/** Premises, bedspaces and voids: a region's CAS3 team manages its own estate. */
export function estateService(repo: Cas3Repository, audit: AuditLog, deps: { today: () => string }) {
  const manage = (ctx: RequestContext) => {
    requireCapability(ctx, 'cas3:manage')
    return regionOf(ctx)
  }
  const openPremises = (ctx: RequestContext, id: string) =>
    openInRegion(ctx, audit, { recordType: 'cas3_premises', id, label: 'Premises' }, repo.premises)
  const openBedspace = (ctx: RequestContext, id: string) =>
    openInRegion(ctx, audit, { recordType: 'cas3_bedspace', id, label: 'Bedspace' }, repo.bedspace)

  async function checkCharacteristics(scope: 'premises' | 'bedspace', names: string[], errors: FieldErrors) {
    const known = new Set((await repo.characteristics(scope)).map((c) => c.name))
    if (names.some((n) => !known.has(n))) errors.characteristics = 'Select characteristics from the list'
  }

  return {
    openPremises,
    openBedspace,
    formLists: async (ctx: RequestContext) => {
      const region = manage(ctx)
      const [pdus, localAuthorities, premisesCharacteristics, bedspaceCharacteristics, voidReasons] =
        await Promise.all([
          region ? repo.pdusIn(region) : Promise.resolve([]),
          repo.localAuthorities(),
          repo.characteristics('premises'),
          repo.characteristics('bedspace'),
          repo.reasons('void'),
        ])
      return { pdus, localAuthorities, premisesCharacteristics, bedspaceCharacteristics, voidReasons }
    },

    async listPremises(ctx: RequestContext) {
      const region = manage(ctx)
      return repo.premisesList(region)
    },

    async createPremises(ctx: RequestContext, input: PremisesInput) {
      const region = manage(ctx)
      if (!region) throw new Forbidden('Only a region’s CAS3 team can add premises')
      const errors: FieldErrors = {}
      const [pdu, laOk] = await Promise.all([
        repo.pdu(input.pduCode),
        repo.localAuthorityExists(input.localAuthorityCode),
      ])
      if (!pdu || pdu.region_code !== region) errors.pduCode = 'Select a PDU in your region'
      if (!laOk) errors.localAuthorityCode = 'Select the local authority from the list'
      await checkCharacteristics('premises', input.characteristics, errors)
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      const created = await repo
        .insertPremises({
          region_code: region,
          name: input.name,
          address_line1: input.addressLine1,
          address_line2: input.addressLine2,
          town: input.town,
          postcode: input.postcode,
          local_authority_code: input.localAuthorityCode,
          pdu_code: input.pduCode,
          characteristics: input.characteristics,
          notes: input.notes,
        })
        .catch((err: unknown) => {
          if (isUniqueViolation(err, 'cas3_premises_region_code_name_key'))
            throw new ValidationFailed({ name: 'Your region already has premises with this name' })
          throw err
        })
      await audit.record(ctx, {
        action: 'create',
        recordType: 'cas3_premises',
        recordId: created.id,
        outcome: 'allowed',
      })
      return created
    },

    async premisesPage(ctx: RequestContext, id: string) {
      manage(ctx)
      const premises = await openPremises(ctx, id)
      const today = deps.today()
      const bedspaces = (await repo.bedspaces(id)).map((b) => ({ ...b, status: bedspaceStatus(b, today) }))
      return { premises, bedspaces }
    },

    async addBedspace(ctx: RequestContext, premisesId: string, input: BedspaceInput) {
      manage(ctx)
      await openPremises(ctx, premisesId)
      const errors: FieldErrors = {}
      await checkCharacteristics('bedspace', input.characteristics, errors)
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      const created = await repo
        .insertBedspace({
          premises_id: premisesId,
          reference: input.reference,
          start_date: input.startDate,
          characteristics: input.characteristics,
          notes: input.notes,
        })
        .catch((err: unknown) => {
          if (isUniqueViolation(err, 'cas3_bedspace_premises_id_reference_key'))
            throw new ValidationFailed({
              reference: 'These premises already have a bedspace with this reference',
            })
          throw err
        })
      await audit.record(ctx, {
        action: 'create',
        recordType: 'cas3_bedspace',
        recordId: created.id,
        outcome: 'allowed',
      })
      return created
    },

    async bedspacePage(ctx: RequestContext, id: string) {
      manage(ctx)
      const bedspace = await openBedspace(ctx, id)
      const voids = await repo.voids(id)
      return { bedspace: { ...bedspace, status: bedspaceStatus(bedspace, deps.today()) }, voids }
    },

    /** Archiving keeps the bedspace and its history; it is refused while a booking runs past the date. */
    async archiveBedspace(ctx: RequestContext, id: string, endDate: string) {
      manage(ctx)
      const bedspace = await openBedspace(ctx, id)
      if (endDate < bedspace.start_date)
        throw new ValidationFailed({ lastDate: 'The bedspace cannot close before it opens' })
      await repo.withBedspace(id, 'update', async (trx) => {
        const clash = await repo.clashingBooking(trx, id, endDate, '9999-12-31')
        if (clash && clash.departure_date > endDate) {
          throw new ValidationFailed({
            lastDate: `Booking ${clash.reference} (${clash.given_name} ${clash.family_name}) runs to ${clash.departure_date}: move or cancel it first`,
          })
        }
      })
      await repo.archiveBedspace(id, endDate)
      await audit.record(ctx, {
        action: 'update',
        recordType: 'cas3_bedspace',
        recordId: id,
        outcome: 'allowed',
        detail: `archived from ${endDate}`,
      })
    },

    async addVoid(ctx: RequestContext, bedspaceId: string, input: VoidInput) {
      manage(ctx)
      await openBedspace(ctx, bedspaceId)
      if (!(await repo.reason('void', input.reasonId)))
        throw new ValidationFailed({ reasonId: 'Select a reason from the list' })
      // Held exclusively, so no booking can be made in these dates while the void is checked.
      const created = await repo.withBedspace(bedspaceId, 'update', async (trx) => {
        const clash = await repo.clashingBooking(trx, bedspaceId, input.startDate, addOne(input.endDate))
        if (clash && clash.arrival_date <= input.endDate && clash.departure_date > input.startDate) {
          throw new ValidationFailed({
            startDate: `Booking ${clash.reference} (${clash.given_name} ${clash.family_name}, ${clash.arrival_date} to ${clash.departure_date}) is in these dates`,
          })
        }
        return trx
          .insertInto('cas3_void')
          .values({
            bedspace_id: bedspaceId,
            start_date: input.startDate,
            end_date: input.endDate,
            reason_id: input.reasonId,
            notes: input.notes,
            created_by: ctx.actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
          .catch((err: unknown) => {
            if ((err as { code?: string }).code === '23P01')
              throw new ValidationFailed({ startDate: 'Another void already covers some of these dates' })
            throw err
          })
      })
      await audit.record(ctx, {
        action: 'create',
        recordType: 'cas3_void',
        recordId: created.id,
        outcome: 'allowed',
      })
      return created
    },
  }
}

function addOne(iso: string) {
  return addDays(iso, 1)
}

export type EstateService = ReturnType<typeof estateService>

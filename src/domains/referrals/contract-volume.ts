/**
 * A contract's volume (places a contract year) and end date, kept by an administrator or a
 * region's performance lead (issue 16: contract places; migration 0029). Setting an end date
 * ends a contract: the catalogue offers only contracts running today, so no new referral is
 * made under it after that day. Optimistic concurrency on the contract's version: a save that
 * lost the race changes nothing and answers 409 with what is saved now.
 */
import { sql } from 'kysely'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import type { Database } from '../../platform/db/index.ts'
import { formatDate } from '../../platform/calendar/index.ts'
import { Conflict, Forbidden, NotFound, ValidationFailed } from '../../platform/errors.ts'
import { UUID_PATTERN } from '../../platform/validation/index.ts'
import type { ContractVolumeInput } from './schemas.ts'

export interface ContractVolume {
  id: string
  reference: string
  providerName: string
  startDate: string
  endDate: string
  placesPerYear: number | null
  version: number
  regionCodes: string[]
  regionNames: string[]
  /** The day the last referral under the contract was sent, if any: the contract cannot end before it. */
  lastSent: string | null
}

export function contractVolumeRepository(db: Database) {
  return {
    async find(id: string): Promise<ContractVolume | undefined> {
      const rows = await sql<ContractVolume>`
        select k.id, k.reference, o.name as "providerName", k.start_date::text as "startDate",
          k.end_date::text as "endDate", k.places_per_year as "placesPerYear", k.version,
          array(select kr.region_code from contract_region kr where kr.contract_id = k.id order by kr.region_code) as "regionCodes",
          array(select r.name from contract_region kr join region r on r.code = kr.region_code
            where kr.contract_id = k.id order by r.name) as "regionNames",
          (select max(rf.sent_at)::date::text from referral rf where rf.contract_id = k.id and rf.state <> 'draft') as "lastSent"
        from contract k join organisation o on o.id = k.provider_organisation_id
        where k.id = ${id}`.execute(db)
      return rows.rows[0]
    },

    /** Saves when the version is still `version`; the new version, or null when it moved on. */
    async save(
      id: string,
      input: { placesPerYear: number; endDate: string; version: number },
      userId: string | null,
    ): Promise<number | null> {
      const row = await sql<{ version: number }>`
        update contract set places_per_year = ${input.placesPerYear}, end_date = ${input.endDate}::date,
          volume_updated_by = ${userId}, volume_updated_at = now(), version = version + 1
        where id = ${id} and version = ${input.version}
        returning version`.execute(db)
      return row.rows[0]?.version ?? null
    },
  }
}

export type ContractVolumeRepository = ReturnType<typeof contractVolumeRepository>

/** An administrator, or a regional lead (capacity data as a capability: roles.ts). */
export const mayKeepVolumes = (ctx: RequestContext) =>
  can(ctx.actor.role, 'capacity:staffing') &&
  (ctx.actor.scope.level === 'national' || ctx.actor.scope.level === 'region')

export function contractVolumeService(repo: ContractVolumeRepository, audit: AuditLog) {
  /**
   * The contract, if the actor may change it. A regional lead keeps the contracts let for their
   * region alone; one that also covers other regions was let across regions and is kept by an
   * administrator (403). A contract outside their region is not found, as if missing.
   */
  async function open(ctx: RequestContext, id: string): Promise<ContractVolume> {
    if (!mayKeepVolumes(ctx)) throw new Forbidden()
    const found = UUID_PATTERN.test(id) ? await repo.find(id) : undefined
    if (!found) throw new NotFound('contract')
    const { scope } = ctx.actor
    if (scope.level === 'region') {
      if (!found.regionCodes.includes(scope.regionCode)) throw new NotFound('contract')
      if (found.regionCodes.length > 1) throw new Forbidden()
    }
    return found
  }

  return {
    open,

    async save(ctx: RequestContext, id: string, input: ContractVolumeInput): Promise<ContractVolume> {
      const before = await open(ctx, id)
      if (input.endDate < before.startDate)
        throw new ValidationFailed({
          endDate: `The end date must be on or after the start date, ${formatDate(before.startDate)}`,
        })
      if (before.lastSent && input.endDate < before.lastSent)
        throw new ValidationFailed({
          endDate: `The end date cannot be before ${formatDate(before.lastSent)}, when the last referral under this contract was sent`,
        })
      const saved = await repo.save(id, input, ctx.actor.userId)
      if (saved === null) {
        const now = await repo.find(id)
        throw new Conflict(
          'Someone else changed this contract while you were editing it. Check what is saved now, then save again if you still need to.',
          now,
        )
      }
      await audit.record(ctx, {
        action: 'update',
        recordType: 'contract',
        recordId: id,
        detail: `contract ${before.reference}: places a year ${before.placesPerYear ?? 'not recorded'} to ${input.placesPerYear}; end date ${before.endDate} to ${input.endDate}`,
      })
      return before
    },
  }
}

export type ContractVolumeService = ReturnType<typeof contractVolumeService>

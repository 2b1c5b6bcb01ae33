import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import type { Database } from '../../platform/db/index.ts'
import { isUniqueViolation } from '../../platform/db/index.ts'
import { Forbidden, ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import type { ContractInput } from './schemas.ts'
import { referralDb } from './tables.ts'

/** Contracts: held by a provider, for service categories, in one or more regions, dated and valued. */
export function contractRepository(database: Database) {
  const db = referralDb(database)
  return {
    providers: () =>
      db
        .selectFrom('organisation')
        .where('kind', '=', 'provider')
        .select(['id', 'name'])
        .orderBy('name')
        .execute(),
    contractTypes: () => db.selectFrom('crs_contract_type').selectAll().orderBy('name').execute(),
    categories: () => db.selectFrom('crs_service_category').selectAll().orderBy('name').execute(),
    regions: () => db.selectFrom('region').select(['code', 'name']).orderBy('name').execute(),
    insert(input: ContractInput) {
      return db.transaction().execute(async (trx) => {
        const contract = await trx
          .insertInto('contract')
          .values({
            reference: input.reference,
            provider_organisation_id: input.providerOrganisationId,
            contract_type_id: input.contractTypeId,
            start_date: input.startDate,
            end_date: input.endDate,
            value_pence: input.value,
          })
          .returning(['id', 'reference'])
          .executeTakeFirstOrThrow()
        await trx
          .insertInto('contract_region')
          .values(input.regionCodes.map((region_code) => ({ contract_id: contract.id, region_code })))
          .execute()
        await trx
          .insertInto('contract_service_category')
          .values(
            input.serviceCategoryIds.map((service_category_id) => ({
              contract_id: contract.id,
              service_category_id,
            })),
          )
          .execute()
        return contract
      })
    },
  }
}

export type ContractRepository = ReturnType<typeof contractRepository>

export function contractService(repo: ContractRepository, audit: AuditLog) {
  function requireManager(ctx: RequestContext) {
    if (!can(ctx.actor.role, 'contracts:manage')) throw new Forbidden()
  }
  return {
    async formOptions(ctx: RequestContext) {
      requireManager(ctx)
      const [providers, contractTypes, categories, regions] = await Promise.all([
        repo.providers(),
        repo.contractTypes(),
        repo.categories(),
        repo.regions(),
      ])
      return { providers, contractTypes, categories, regions }
    },

    async create(ctx: RequestContext, input: ContractInput) {
      requireManager(ctx)
      const options = await this.formOptions(ctx)
      const errors: FieldErrors = {}
      if (!options.providers.some((p) => p.id === input.providerOrganisationId))
        errors.providerOrganisationId = 'Select a provider from the list'
      if (!options.contractTypes.some((t) => t.id === input.contractTypeId))
        errors.contractTypeId = 'Select a contract type from the list'
      if (!input.serviceCategoryIds.every((id) => options.categories.some((c) => c.id === id)))
        errors.serviceCategoryIds = 'Select service categories from the list'
      if (!input.regionCodes.every((code) => options.regions.some((r) => r.code === code)))
        errors.regionCodes = 'Select regions from the list'
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      try {
        const created = await repo.insert(input)
        await audit.record(ctx, {
          action: 'admin',
          recordType: 'contract',
          recordId: created.id,
          detail: `created contract ${created.reference}`,
        })
        return created
      } catch (err) {
        if (isUniqueViolation(err, 'contract_reference_uq'))
          throw new ValidationFailed({ reference: 'A contract with this reference already exists' })
        throw err
      }
    },
  }
}

export type ContractService = ReturnType<typeof contractService>

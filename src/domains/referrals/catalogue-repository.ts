import type { ReferralDatabase } from './tables.ts'

/**
 * The CRS reference data a referral is made from (domain.md section 8): service categories,
 * their complexity levels and outcomes, the reasons for ending a referral, and the contracts
 * that offer a category in a region.
 */
export function catalogueQueries(db: ReferralDatabase) {
  return {
    serviceCategories() {
      return db.selectFrom('crs_service_category').selectAll().orderBy('name').execute()
    },
    complexityLevels(categoryId: string) {
      return db
        .selectFrom('crs_complexity_level')
        .selectAll()
        .where('service_category_id', '=', categoryId)
        .orderBy('complexity')
        .execute()
    },
    /** Outcomes that can be chosen now: deprecated ones stay on old referrals but are not offered. */
    choosableOutcomes(categoryId: string) {
      return db
        .selectFrom('crs_desired_outcome')
        .selectAll()
        .where('service_category_id', '=', categoryId)
        .where('deprecated_at', 'is', null)
        .orderBy('description')
        .execute()
    },
    withdrawalReasons() {
      return db.selectFrom('crs_withdrawal_reason').selectAll().orderBy('description').execute()
    },
    cancellationReasons() {
      return db.selectFrom('crs_cancellation_reason').selectAll().orderBy('description').execute()
    },

    /** Categories with a live contract covering the region today. */
    categoriesOffered(regionCode: string, today: string) {
      return db
        .selectFrom('crs_service_category as c')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('contract_service_category as cs')
              .innerJoin('contract as k', 'k.id', 'cs.contract_id')
              .innerJoin('contract_region as kr', 'kr.contract_id', 'k.id')
              .whereRef('cs.service_category_id', '=', 'c.id')
              .where('kr.region_code', '=', regionCode)
              .where('k.start_date', '<=', today)
              .where('k.end_date', '>=', today)
              .select('k.id'),
          ),
        )
        .select(['c.id', 'c.name'])
        .orderBy('c.name')
        .execute()
    },

    /** Live contracts that cover the region and the category: the only ones a referral may use. */
    contractsOffered(regionCode: string, categoryId: string, today: string) {
      return db
        .selectFrom('contract as k')
        .innerJoin('organisation as o', 'o.id', 'k.provider_organisation_id')
        .where('k.start_date', '<=', today)
        .where('k.end_date', '>=', today)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('contract_region as kr')
              .whereRef('kr.contract_id', '=', 'k.id')
              .where('kr.region_code', '=', regionCode)
              .select('kr.contract_id'),
          ),
        )
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('contract_service_category as cs')
              .whereRef('cs.contract_id', '=', 'k.id')
              .where('cs.service_category_id', '=', categoryId)
              .select('cs.contract_id'),
          ),
        )
        .select(['k.id', 'k.reference', 'k.provider_organisation_id', 'o.name as provider_name'])
        .orderBy('o.name')
        .execute()
    },

    outcomeIdsValid(categoryId: string, ids: string[]) {
      if (!ids.length) return Promise.resolve(true)
      return db
        .selectFrom('crs_desired_outcome')
        .where('id', 'in', ids)
        .where('service_category_id', '=', categoryId)
        .where('deprecated_at', 'is', null)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n) === ids.length)
    },
  }
}

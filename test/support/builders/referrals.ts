import { randomUUID } from 'node:crypto'
import type { Database } from '../../../src/platform/db/index.ts'
import { loadCrsReference } from '../../../src/domains/referrals/crs-reference.ts'
import { referralDb } from '../../../src/domains/referrals/tables.ts'

// Builders for the referrals domain's tests (route, browser and bench): providers, contracts and
// sent referrals. One file per domain in test/support/builders/; common.ts holds people and users.

/** CRS "Accommodation" service category (data/reference/crs/service_category.csv). */
export const ACCOMMODATION = '428ee70f-3001-4399-95a6-ad25eaaede16'
/** CRS "Education, Training and Employment (ETE)". */
export const ETE = 'ca374ac3-84eb-4b91-bea7-9005398f426f'
/** CRS contract type "Accommodation" (ACC). */
export const ACC_TYPE = '72e60faf-b8e5-4699-9d7c-aef631cca71b'

export async function buildProvider(db: Database, name = `Provider ${randomUUID().slice(0, 8)}`) {
  return db
    .insertInto('organisation')
    .values({ kind: 'provider', name })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow()
}

/** A contract for a provider (made if not given), covering categories in regions; live on 2026-11-22 unless told. */
export async function buildContract(
  db: Database,
  options: {
    providerId?: string
    categoryIds?: string[]
    regionCodes?: string[]
    startDate?: string
    endDate?: string
    reference?: string
  } = {},
) {
  await loadCrsReference(db)
  const rdb = referralDb(db)
  const providerId = options.providerId ?? (await buildProvider(db)).id
  const contract = await rdb
    .insertInto('contract')
    .values({
      reference: options.reference ?? `CRS-${randomUUID().slice(0, 8).toUpperCase()}`,
      provider_organisation_id: providerId,
      contract_type_id: ACC_TYPE,
      start_date: options.startDate ?? '2026-01-01',
      end_date: options.endDate ?? '2028-12-31',
      value_pence: 25_000_000,
    })
    .returning(['id', 'reference'])
    .executeTakeFirstOrThrow()
  await rdb
    .insertInto('contract_region')
    .values(
      (options.regionCodes ?? ['N07']).map((region_code) => ({ contract_id: contract.id, region_code })),
    )
    .execute()
  await rdb
    .insertInto('contract_service_category')
    .values(
      (options.categoryIds ?? [ACCOMMODATION]).map((service_category_id) => ({
        contract_id: contract.id,
        service_category_id,
      })),
    )
    .execute()
  return { ...contract, providerId }
}

/** Choosable and deprecated desired outcomes and a complexity level of a category. */
export async function categoryChoices(db: Database, categoryId = ACCOMMODATION) {
  const rdb = referralDb(db)
  const [outcomes, levels] = await Promise.all([
    rdb
      .selectFrom('crs_desired_outcome')
      .selectAll()
      .where('service_category_id', '=', categoryId)
      .orderBy('id')
      .execute(),
    rdb
      .selectFrom('crs_complexity_level')
      .selectAll()
      .where('service_category_id', '=', categoryId)
      .orderBy('complexity')
      .execute(),
  ])
  return {
    choosable: outcomes.filter((o) => o.deprecated_at === null),
    deprecated: outcomes.filter((o) => o.deprecated_at !== null),
    complexity: levels,
  }
}

let counter = 0
/** A referral already sent on a contract, for a person, by a referring user of an organisation. */
export async function buildSentReferral(
  db: Database,
  options: {
    personId: string
    contract: { id: string; providerId: string }
    referrerUserId: string
    referrerOrganisationId: string
    categoryId?: string
  },
) {
  const rdb = referralDb(db)
  const episode = await db
    .selectFrom('custody_episode')
    .where('person_id', '=', options.personId)
    .select('id')
    .orderBy('sentence_date', 'desc')
    .executeTakeFirstOrThrow()
  const choices = await categoryChoices(db, options.categoryId ?? ACCOMMODATION)
  const n = ++counter
  const referral = await rdb
    .insertInto('referral')
    .values({
      reference: `TB${String(n % 10_000).padStart(4, '0')}${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + (Math.floor(n / 26) % 26))}`,
      person_id: options.personId,
      custody_episode_id: episode.id,
      state: 'sent',
      contract_id: options.contract.id,
      provider_organisation_id: options.contract.providerId,
      service_category_id: options.categoryId ?? ACCOMMODATION,
      complexity_level_id: choices.complexity[0]!.id,
      reason: 'Needs somewhere to live on release',
      completion_deadline: '2027-03-31',
      referrer_user_id: options.referrerUserId,
      referrer_organisation_id: options.referrerOrganisationId,
      draft_expires_on: '2027-02-20',
      sent_at: new Date('2026-11-01T10:00:00Z'),
    })
    .returning(['id', 'reference'])
    .executeTakeFirstOrThrow()
  await rdb
    .insertInto('referral_desired_outcome')
    .values({ referral_id: referral.id, desired_outcome_id: choices.choosable[0]!.id })
    .execute()
  return referral
}

import { readReferenceCsv } from '../reference/files.ts'
import type { Database } from '../../platform/db/index.ts'
import { referralDb } from './tables.ts'

/**
 * The CRS reference data in data/reference/crs (hmpps-interventions-service, MIT licence):
 * service categories, contract types and their categories, complexity levels, desired
 * outcomes (with deprecation dates), withdrawal and cancellation reasons. Idempotent: rows are
 * upserted by their source ids, so a later extract refreshes descriptions and deprecations.
 */
export async function loadCrsReference(
  database: Database,
): Promise<{ categories: number; outcomes: number }> {
  const db = referralDb(database)
  const csv = (name: string) => readReferenceCsv(`crs/${name}.csv`)
  const categories = csv('service_category').map((r) => ({ id: r.id ?? '', name: r.name ?? '' }))
  const types = csv('contract_type').map((r) => ({ id: r.id ?? '', name: r.name ?? '', code: r.code ?? '' }))
  const typeCategories = csv('contract_type_service_category').map((r) => ({
    contract_type_id: r.contract_type_id ?? '',
    service_category_id: r.service_category_id ?? '',
  }))
  const complexity = csv('complexity_level').map((r) => ({
    id: r.id ?? '',
    title: r.title ?? '',
    description: (r.description ?? '').trim(),
    service_category_id: r.service_category_id ?? '',
    complexity: (r.complexity ?? 'LOW') as 'LOW' | 'MEDIUM' | 'HIGH',
  }))
  const outcomes = csv('desired_outcome').map((r) => ({
    id: r.id ?? '',
    description: r.description ?? '',
    service_category_id: r.service_category_id ?? '',
    deprecated_at: r.deprecated_at ? r.deprecated_at.replace(' ', 'T').replace(/\+00$/, 'Z') : null,
  }))
  const withdrawal = csv('withdrawal_reason').map((r) => ({
    code: r.code ?? '',
    description: r.description ?? '',
    grouping: r.grouping ?? '',
  }))
  const cancellation = csv('cancellation_reason').map((r) => ({
    code: r.code ?? '',
    description: r.description ?? '',
  }))

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('crs_service_category')
      .values(categories)
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
      .execute()
    await trx
      .insertInto('crs_contract_type')
      .values(types)
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), code: eb.ref('excluded.code') })),
      )
      .execute()
    await trx
      .insertInto('crs_contract_type_service_category')
      .values(typeCategories)
      .onConflict((oc) => oc.doNothing())
      .execute()
    await trx
      .insertInto('crs_complexity_level')
      .values(complexity)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          description: eb.ref('excluded.description'),
        })),
      )
      .execute()
    await trx
      .insertInto('crs_desired_outcome')
      .values(outcomes)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          description: eb.ref('excluded.description'),
          deprecated_at: eb.ref('excluded.deprecated_at'),
        })),
      )
      .execute()
    await trx
      .insertInto('crs_withdrawal_reason')
      .values(withdrawal)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          description: eb.ref('excluded.description'),
          grouping: eb.ref('excluded.grouping'),
        })),
      )
      .execute()
    await trx
      .insertInto('crs_cancellation_reason')
      .values(cancellation)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({ description: eb.ref('excluded.description') })),
      )
      .execute()
  })
  return { categories: categories.length, outcomes: outcomes.length }
}

/**
 * The CRS service's NPS regions (crs/nps_region.csv, letters A to L) against Resettle's probation
 * regions (probation-estate/regions.csv), for placing contract types named after a region.
 */
export const NPS_REGION_TO_REGION: Record<string, string> = {
  A: 'N54',
  B: 'N51',
  C: 'N55',
  D: 'N03',
  E: 'N52',
  F: 'N53',
  G: 'N58',
  H: 'N59',
  I: 'N56',
  J: 'N07',
  K: 'N57',
  L: 'N50',
}

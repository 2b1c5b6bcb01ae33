import type { Database } from '../../platform/db/index.ts'
import type { DB } from '../../platform/db/schema.ts'
import { sql, type Insertable } from 'kysely'

export function referenceRepository(db: Database) {
  return {
    async upsertRegions(rows: Insertable<DB['region']>[]) {
      await db
        .insertInto('region')
        .values(rows)
        .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
        .execute()
    },
    async upsertPdus(rows: Insertable<DB['pdu']>[]) {
      await db
        .insertInto('pdu')
        .values(rows)
        .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
        .execute()
    },
    async upsertPrisons(rows: Insertable<DB['prison']>[]) {
      await db
        .insertInto('prison')
        .values(rows)
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            active: eb.ref('excluded.active'),
            male: eb.ref('excluded.male'),
            female: eb.ref('excluded.female'),
            types: eb.ref('excluded.types'),
            town: eb.ref('excluded.town'),
            postcode: eb.ref('excluded.postcode'),
            country: eb.ref('excluded.country'),
          })),
        )
        .execute()
    },
    async upsertLocalAuthorities(rows: Insertable<DB['local_authority']>[]) {
      await db
        .insertInto('local_authority')
        .values(rows)
        .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
        .execute()
    },
    async upsertAccommodationTypes(rows: Insertable<DB['accommodation_type']>[]) {
      await db
        .insertInto('accommodation_type')
        .values(rows)
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            settled_type: eb.ref('excluded.settled_type'),
            is_homeless: eb.ref('excluded.is_homeless'),
            outcome_class: eb.ref('excluded.outcome_class'),
            first_night_group: eb.ref('excluded.first_night_group'),
          })),
        )
        .execute()
    },
    async upsertEthnicGroups(rows: Insertable<DB['ethnic_group']>[]) {
      await db
        .insertInto('ethnic_group')
        .values(rows)
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            high_level_group: eb.ref('excluded.high_level_group'),
            category: eb.ref('excluded.category'),
          })),
        )
        .execute()
    },
    /**
     * Gives every prison, region, PDU and council its organisation, once. Organisations are
     * derived from reference rows so that a new prison in the register becomes usable by loading.
     */
    async ensureReferenceOrganisations() {
      await db
        .insertInto('organisation')
        .columns(['kind', 'name', 'prison_code'])
        .expression((eb) =>
          eb
            .selectFrom('prison')
            .where('active', '=', true)
            .where((w) =>
              w.not(
                w.exists(w.selectFrom('organisation as o').whereRef('o.prison_code', '=', 'prison.code')),
              ),
            )
            .select([sql<'prison'>`'prison'`.as('kind'), 'name', 'code']),
        )
        .execute()
      await db
        .insertInto('organisation')
        .columns(['kind', 'name', 'region_code'])
        .expression((eb) =>
          eb
            .selectFrom('region')
            .where((w) =>
              w.not(
                w.exists(
                  w
                    .selectFrom('organisation as o')
                    .where('o.kind', '=', 'probation_region')
                    .whereRef('o.region_code', '=', 'region.code'),
                ),
              ),
            )
            .select([
              sql<'probation_region'>`'probation_region'`.as('kind'),
              sql<string>`name || ' probation region'`.as('name'),
              'code',
            ]),
        )
        .execute()
      await db
        .insertInto('organisation')
        .columns(['kind', 'name', 'pdu_code', 'region_code'])
        .expression((eb) =>
          eb
            .selectFrom('pdu')
            .where((w) =>
              w.not(w.exists(w.selectFrom('organisation as o').whereRef('o.pdu_code', '=', 'pdu.code'))),
            )
            .select([
              sql<'pdu'>`'pdu'`.as('kind'),
              sql<string>`name || ' PDU'`.as('name'),
              'code',
              'region_code',
            ]),
        )
        .execute()
      await db
        .insertInto('organisation')
        .columns(['kind', 'name', 'local_authority_code'])
        .expression((eb) =>
          eb
            .selectFrom('local_authority')
            .where((w) =>
              w.not(
                w.exists(
                  w
                    .selectFrom('organisation as o')
                    .whereRef('o.local_authority_code', '=', 'local_authority.code'),
                ),
              ),
            )
            .select([
              sql<'council'>`'council'`.as('kind'),
              sql<string>`name || ' Council'`.as('name'),
              'code',
            ]),
        )
        .execute()
      await db
        .insertInto('organisation')
        .values({ kind: 'national', name: 'HMPPS National' })
        .onConflict((oc) => oc.doNothing())
        .execute()
    },
    async counts() {
      const [regions, pdus, prisons, las, orgs] = await Promise.all([
        db
          .selectFrom('region')
          .select((s) => s.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('pdu')
          .select((s) => s.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('prison')
          .select((s) => s.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('local_authority')
          .select((s) => s.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('organisation')
          .select((s) => s.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ])
      return {
        regions: regions.n,
        pdus: pdus.n,
        prisons: prisons.n,
        localAuthorities: las.n,
        organisations: orgs.n,
      }
    },
  }
}

/** Short lists for form selects: read once, since reference data changes only by reloading. */
export function referenceLists(db: Database) {
  const once = <T>(load: () => Promise<T>) => {
    let cached: Promise<T> | undefined
    return () =>
      (cached ??= load().catch((err: unknown) => {
        cached = undefined
        throw err
      }))
  }
  return {
    prisons: once(() =>
      db.selectFrom('prison').where('active', '=', true).select(['code', 'name']).orderBy('name').execute(),
    ),
    pdus: once(() =>
      db
        .selectFrom('pdu')
        .innerJoin('region', 'region.code', 'pdu.region_code')
        .select(['pdu.code', 'pdu.name', 'region.name as region_name'])
        .orderBy('region.name')
        .orderBy('pdu.name')
        .execute(),
    ),
    // Where a person released from a prison in England and Wales can be supervised and live
    // (issue 12, defect 10): not the PDUs that run unpaid work, attendance centres or courts,
    // which supervise no one at an address, and councils in England and Wales only (GSS codes
    // E and W). The CAS3 domain applies the same two rules to its own lists.
    residencePdus: once(() =>
      db
        .selectFrom('pdu')
        .innerJoin('region', 'region.code', 'pdu.region_code')
        .select(['pdu.code', 'pdu.name', 'region.name as region_name'])
        .where('pdu.name', 'not ilike', '%unpaid work%')
        .where('pdu.name', 'not ilike', '%courts and centralised%')
        .orderBy('region.name')
        .orderBy('pdu.name')
        .execute(),
    ),
    localAuthorities: once(() =>
      db
        .selectFrom('local_authority')
        .select(['code', 'name'])
        .where((eb) => eb.or([eb('code', 'like', 'E%'), eb('code', 'like', 'W%')]))
        .orderBy('name')
        .execute(),
    ),
    ethnicGroups: once(() =>
      db.selectFrom('ethnic_group').selectAll().orderBy('high_level_group').orderBy('category').execute(),
    ),
    regions: once(() => db.selectFrom('region').select(['code', 'name']).orderBy('name').execute()),
  }
}
export type ReferenceLists = ReturnType<typeof referenceLists>

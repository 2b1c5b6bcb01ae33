import { sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { OrganisationKind } from '../../platform/db/schema.ts'
import { KINDS } from './schemas.ts'

// Orders kinds as KINDS does, so lists and selects read national first, then narrower scopes.
const kindOrder = sql<number>`array_position(array[${sql.join(KINDS)}]::text[], o.kind)`

export function organisationRepository(db: Database) {
  return {
    list(filter: { kind?: OrganisationKind | undefined; name?: string | undefined }) {
      return db
        .selectFrom('organisation as o')
        .leftJoin('app_user as u', 'u.organisation_id', 'o.id')
        .$if(filter.kind !== undefined, (q) => q.where('o.kind', '=', filter.kind ?? 'national'))
        .$if(Boolean(filter.name), (q) =>
          q.where(sql`strpos(lower(o.name), ${(filter.name ?? '').toLowerCase()})`, '>', 0),
        )
        .groupBy('o.id')
        .select([
          'o.id',
          'o.kind',
          'o.name',
          'o.prison_code',
          'o.pdu_code',
          'o.region_code',
          'o.local_authority_code',
        ])
        .select((eb) => eb.fn.count<number>('u.id').as('user_count'))
        .orderBy(kindOrder)
        .orderBy('o.name')
        .execute()
    },

    /**
     * Every organisation a user can belong to, for choosing one in a form. Councils outside
     * England and Wales (GSS codes not E or W) are in the register but take no Duty to Refer and
     * have no one released into their area by HMPPS, so they are not offered (issue 12, defect 10).
     */
    choices() {
      return db
        .selectFrom('organisation as o')
        .where((eb) =>
          eb.or([
            eb('o.kind', '!=', 'council'),
            eb('o.local_authority_code', 'like', 'E%'),
            eb('o.local_authority_code', 'like', 'W%'),
          ]),
        )
        .select(['o.id', 'o.kind', 'o.name'])
        .orderBy(kindOrder)
        .orderBy('o.name')
        .execute()
    },

    nameTaken(kind: OrganisationKind, name: string) {
      return db
        .selectFrom('organisation')
        .where('kind', '=', kind)
        .where(sql`lower(name)`, '=', name.toLowerCase())
        .select('id')
        .executeTakeFirst()
        .then(Boolean)
    },

    insert(row: { kind: OrganisationKind; name: string }) {
      return db
        .insertInto('organisation')
        .values(row)
        .returning(['id', 'kind', 'name'])
        .executeTakeFirstOrThrow()
    },
  }
}

export type OrganisationRepository = ReturnType<typeof organisationRepository>

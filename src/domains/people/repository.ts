import { sql, type Insertable, type Updateable } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { CustodyEpisodeTable, DB, PersonTable } from '../../platform/db/schema.ts'
import type { Scope } from '../../platform/auth/actor.ts'
import { episodeInScope, personInScope, personRowInScope } from '../../platform/auth/scope.ts'
import type { PersonQuery } from './search-query.ts'

export function peopleRepository(db: Database) {
  /** The person's most recent custody episode, for lists. */
  const latestEpisode = (column: keyof CustodyEpisodeTable) =>
    sql.raw(
      `(select e.${column} from custody_episode e where e.person_id = p.id order by e.sentence_date desc limit 1)`,
    )

  return {
    async search(scope: Scope, query: PersonQuery, limit: number) {
      return db
        .selectFrom('person as p')
        .where(personRowInScope(scope, 'p'))
        .where((eb) => {
          switch (query.kind) {
            case 'prison_number':
              return eb('p.prison_number', '=', query.value)
            case 'crn':
              return eb('p.crn', '=', query.value)
            case 'pnc':
              return eb('p.pnc_id', '=', query.value)
            case 'date_of_birth':
              return eb('p.date_of_birth', '=', query.value)
            case 'name':
              // Both orders, so "John Smith" and "Smith John" find the same people; each side is
              // a prefix match on the text_pattern_ops index.
              return eb.or(query.prefixes.map((prefix) => eb('p.search_name', 'like', `${prefix}%`)))
          }
        })
        .select([
          'p.id',
          'p.given_name',
          'p.family_name',
          'p.date_of_birth',
          'p.prison_number',
          'p.crn',
          latestEpisode('expected_release_date').as('expected_release_date'),
          latestEpisode('prison_code').as('prison_code'),
        ])
        .orderBy('p.search_name')
        .orderBy('p.id')
        .limit(limit)
        .execute() as Promise<
        {
          id: string
          given_name: string
          family_name: string
          date_of_birth: string
          prison_number: string | null
          crn: string | null
          expected_release_date: string | null
          prison_code: string | null
        }[]
      >
    },

    findPerson(id: string) {
      return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst()
    },

    personInScope(scope: Scope, id: string) {
      return db
        .selectFrom('person as p')
        .where('p.id', '=', id)
        .where(personInScope(scope, sql.ref('p.id')))
        .select('p.id')
        .executeTakeFirst()
        .then(Boolean)
    },

    episodes(personId: string) {
      return db
        .selectFrom('custody_episode as e')
        .innerJoin('prison as pr', 'pr.code', 'e.prison_code')
        .innerJoin('pdu', 'pdu.code', 'e.pdu_code')
        .innerJoin('region as r', 'r.code', 'e.region_code')
        .leftJoin('local_authority as la', 'la.code', 'e.local_authority_code')
        .where('e.person_id', '=', personId)
        .selectAll('e')
        .select([
          'pr.name as prison_name',
          'pdu.name as pdu_name',
          'r.name as region_name',
          'la.name as local_authority_name',
        ])
        .orderBy('e.sentence_date', 'desc')
        .execute()
    },

    /**
     * Releases due between two dates that the scope can see, one page in the asked order (soonest
     * first by default), optionally only those whose name, prison number or CRN holds `q`.
     */
    async upcomingReleases(
      scope: Scope,
      from: string,
      to: string,
      page: { limit: number; offset: number },
      list: { sort: 'release' | 'name'; order: 'asc' | 'desc'; q?: string | undefined } = {
        sort: 'release',
        order: 'asc',
      },
    ) {
      const like = `%${(list.q ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      const due = db
        .selectFrom('custody_episode as e')
        .innerJoin('person as p', 'p.id', 'e.person_id')
        .where('e.actual_release_date', 'is', null)
        .where('e.expected_release_date', '>=', from)
        .where('e.expected_release_date', '<=', to)
        .where(episodeInScope(scope, 'e'))
        .$if(Boolean(list.q), (qb) =>
          qb.where((eb) =>
            eb.or([
              eb(sql`p.family_name || ', ' || p.given_name`, 'ilike', like),
              eb(sql`p.given_name || ' ' || p.family_name`, 'ilike', like),
              eb('p.prison_number', 'ilike', like),
              eb('p.crn', 'ilike', like),
            ]),
          ),
        )
      // The page of episodes is chosen first (soonest first, on the partial due-date indexes), and
      // only those rows are joined to prisons, PDUs and areas.
      const dir = sql.raw(list.order === 'desc' ? 'desc' : 'asc')
      const sorted = (alias: 'e' | 'x') => {
        const name = alias === 'e' ? 'p' : 'x'
        return list.sort === 'name'
          ? sql`${sql.ref(`${name}.family_name`)} ${dir}, ${sql.ref(`${name}.given_name`)} ${dir}, ${sql.ref(`${alias}.id`)}`
          : sql`${sql.ref(`${alias}.expected_release_date`)} ${dir}, ${sql.ref(`${alias}.id`)} ${dir}`
      }
      const pageOfEpisodes = due
        .select([
          'e.id',
          'e.person_id',
          'e.expected_release_date',
          'e.sentence_type',
          'e.release_type',
          'e.prison_code',
          'e.pdu_code',
          'e.local_authority_code',
          'p.given_name',
          'p.family_name',
          'p.prison_number',
          'p.crn',
        ])
        .orderBy(sorted('e'))
        .limit(page.limit)
        .offset(page.offset)
      const [rows, total] = await Promise.all([
        db
          .selectFrom(pageOfEpisodes.as('x'))
          .innerJoin('prison as pr', 'pr.code', 'x.prison_code')
          .innerJoin('pdu', 'pdu.code', 'x.pdu_code')
          .leftJoin('local_authority as la', 'la.code', 'x.local_authority_code')
          .select([
            'x.id as episode_id',
            'x.expected_release_date',
            'x.sentence_type',
            'x.release_type',
            'x.person_id',
            'x.given_name',
            'x.family_name',
            'x.prison_number',
            'x.crn',
            'pr.name as prison_name',
            'pdu.name as pdu_name',
            'la.name as local_authority_name',
          ])
          .orderBy(sorted('x'))
          .execute(),
        due.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ])
      return { rows, total: Number(total.n) }
    },

    /** A person and their first custody episode, together or not at all. */
    createWithEpisode(
      person: Insertable<DB['person']>,
      episode: (personId: string) => Insertable<DB['custody_episode']>,
    ) {
      return db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto('person')
          .values(person)
          .returning(['id', 'version'])
          .executeTakeFirstOrThrow()
        await trx.insertInto('custody_episode').values(episode(created.id)).execute()
        return created
      })
    },

    /** Optimistic update: undefined when someone else saved first. */
    updatePerson(id: string, version: number, changes: Updateable<PersonTable>) {
      return db
        .updateTable('person')
        .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returning(['id', 'version'])
        .executeTakeFirst()
    },

    insertEpisode(row: Insertable<DB['custody_episode']>) {
      return db.insertInto('custody_episode').values(row).returning(['id']).executeTakeFirstOrThrow()
    },

    findPdu(code: string) {
      return db.selectFrom('pdu').where('code', '=', code).select(['code', 'region_code']).executeTakeFirst()
    },
    prisonExists(code: string) {
      return db.selectFrom('prison').where('code', '=', code).select('code').executeTakeFirst().then(Boolean)
    },
    localAuthorityExists(code: string) {
      return db
        .selectFrom('local_authority')
        .where('code', '=', code)
        .select('code')
        .executeTakeFirst()
        .then(Boolean)
    },
    ethnicGroupExists(code: string) {
      return db
        .selectFrom('ethnic_group')
        .where('code', '=', code)
        .select('code')
        .executeTakeFirst()
        .then(Boolean)
    },
    identifierTaken(column: 'prison_number' | 'crn', value: string, exceptId?: string) {
      return db
        .selectFrom('person')
        .where(column, '=', value)
        .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId ?? ''))
        .select('id')
        .executeTakeFirst()
        .then((row) => row?.id)
    },
    ethnicGroups() {
      return db
        .selectFrom('ethnic_group')
        .selectAll()
        .orderBy('high_level_group')
        .orderBy('category')
        .execute()
    },
    auditTrail(personId: string) {
      return db
        .selectFrom('audit_event as a')
        .leftJoin('app_user as u', 'u.id', 'a.user_id')
        .leftJoin('organisation as o', 'o.id', 'a.organisation_id')
        .where('a.person_id', '=', personId)
        .select([
          'a.at',
          'a.action',
          'a.outcome',
          'a.route',
          'a.record_type',
          'a.role',
          'u.name as user_name',
          'u.email as user_email',
          'o.name as organisation_name',
        ])
        .orderBy('a.at', 'desc')
        .orderBy('a.id', 'desc')
        .execute()
    },
  }
}

export type PeopleRepository = ReturnType<typeof peopleRepository>

import { sql, type Insertable } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { DB } from '../../platform/db/schema.ts'
import type { StatusKind } from './vocabulary.ts'

export function statusRepository(db: Database) {
  return {
    insert(row: Insertable<DB['status_event']>) {
      return db
        .insertInto('status_event')
        .values(row)
        .returning(['id', 'recorded_at'])
        .executeTakeFirstOrThrow()
    },

    findEpisode(episodeId: string) {
      return db
        .selectFrom('custody_episode')
        .where('id', '=', episodeId)
        .select(['id', 'person_id', 'actual_release_date', 'expected_release_date'])
        .executeTakeFirst()
    },

    findEvent(id: string) {
      return db
        .selectFrom('status_event as s')
        .where('s.id', '=', id)
        .select(['s.id', 's.custody_episode_id', 's.kind', 's.person_id'])
        .select((eb) =>
          eb
            .exists(
              eb
                .selectFrom('status_event as later')
                .whereRef('later.supersedes_id', '=', 's.id')
                .select('later.id'),
            )
            .as('superseded'),
        )
        .executeTakeFirst()
    },

    accommodationTypeExists(code: string) {
      return db
        .selectFrom('accommodation_type')
        .where('code', '=', code)
        .select('code')
        .executeTakeFirst()
        .then(Boolean)
    },

    accommodationTypes() {
      return db
        .selectFrom('accommodation_type')
        .selectAll()
        .orderBy('outcome_class')
        .orderBy('name')
        .execute()
    },

    /** Every event for a person, newest first, with whether a correction replaced it. */
    history(personId: string) {
      return db
        .selectFrom('status_event as s')
        .leftJoin('accommodation_type as a', 'a.code', 's.accommodation_type_code')
        .leftJoin('app_user as u', 'u.id', 's.recorded_by')
        .where('s.person_id', '=', personId)
        .selectAll('s')
        .select(['a.name as accommodation_name', 'a.outcome_class', 'u.name as recorded_by_name'])
        .select((eb) =>
          eb
            .exists(
              eb
                .selectFrom('status_event as later')
                .whereRef('later.supersedes_id', '=', 's.id')
                .select('later.id'),
            )
            .as('superseded'),
        )
        .orderBy('s.effective_date', 'desc')
        .orderBy('s.recorded_at', 'desc')
        .execute()
    },

    /**
     * The status at a checkpoint: the latest event on or before `date` that no correction has
     * replaced (domain.md section 10). Ties on the date go to the later recording.
     */
    latestOnOrBefore(episodeId: string, kind: StatusKind, date: string) {
      return db
        .selectFrom('status_event as s')
        .where('s.custody_episode_id', '=', episodeId)
        .where('s.kind', '=', kind)
        .where('s.effective_date', '<=', date)
        .where(sql<boolean>`not exists (select 1 from status_event c where c.supersedes_id = s.id)`)
        .selectAll('s')
        .orderBy('s.effective_date', 'desc')
        .orderBy('s.recorded_at', 'desc')
        .orderBy('s.id', 'desc')
        .limit(1)
        .executeTakeFirst()
    },
  }
}

export type StatusRepository = ReturnType<typeof statusRepository>

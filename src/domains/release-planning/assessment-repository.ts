import { sql, type Insertable } from 'kysely'
import type { PlanningDb, ReleasePlanningTables as Tables } from './tables.ts'

/** Pathway assessments, the needs they identify with their history, and screenings. */
export function assessmentQueries(db: PlanningDb) {
  return {
    supportNeeds() {
      return db.selectFrom('support_need').selectAll().orderBy('id').execute()
    },

    assessments(episodeId: string) {
      return db
        .selectFrom('pathway_assessment')
        .selectAll()
        .where('custody_episode_id', '=', episodeId)
        .execute()
    },

    /** Insert when `version` is 0 (none yet), else update that version; undefined when someone saved first. */
    saveAssessment(row: Insertable<Tables['pathway_assessment']>, version: number) {
      if (version === 0) {
        return db
          .insertInto('pathway_assessment')
          .values(row)
          .onConflict((oc) => oc.columns(['custody_episode_id', 'pathway']).doNothing())
          .returning(['id', 'version'])
          .executeTakeFirst()
      }
      return db
        .updateTable('pathway_assessment')
        .set({
          status: row.status,
          answers: row.answers,
          question_set_version: row.question_set_version,
          updated_by: row.updated_by,
          updated_at: new Date(),
          version: sql`version + 1`,
        })
        .where('custody_episode_id', '=', row.custody_episode_id)
        .where('pathway', '=', row.pathway)
        .where('version', '=', version)
        .returning(['id', 'version'])
        .executeTakeFirst()
    },

    needs(episodeId: string) {
      return db
        .selectFrom('person_need as n')
        .innerJoin('support_need as s', 's.id', 'n.support_need_id')
        .where('n.custody_episode_id', '=', episodeId)
        .selectAll('n')
        .select(['s.title', 's.pathway', 's.section'])
        .orderBy('s.id')
        .execute()
    },

    needHistory(episodeId: string) {
      return db
        .selectFrom('need_update as u')
        .innerJoin('person_need as n', 'n.id', 'u.person_need_id')
        .leftJoin('app_user as usr', 'usr.id', 'u.updated_by')
        .where('n.custody_episode_id', '=', episodeId)
        .select([
          'u.person_need_id',
          'u.status',
          'u.responsible_party',
          'u.note',
          'u.updated_at',
          'usr.name as updated_by_name',
        ])
        .orderBy('u.updated_at')
        .execute()
    },

    /** Adds needs not already recorded for the release, each with its first history entry. */
    addNeeds(rows: Insertable<Tables['person_need']>[], by: string | null) {
      if (rows.length === 0) return Promise.resolve([])
      return db.transaction().execute(async (trx) => {
        const added = await trx
          .insertInto('person_need')
          .values(rows)
          .onConflict((oc) => oc.columns(['custody_episode_id', 'support_need_id']).doNothing())
          .returning(['id', 'status', 'responsible_party', 'support_need_id'])
          .execute()
        if (added.length) {
          await trx
            .insertInto('need_update')
            .values(
              added.map((n) => ({
                person_need_id: n.id,
                status: n.status,
                responsible_party: n.responsible_party,
                note: 'Need identified',
                updated_by: by,
              })),
            )
            .execute()
        }
        return added
      })
    },

    updateNeed(
      id: string,
      version: number,
      changes: { status: string; responsible_party: string; note: string | null },
      by: string | null,
    ) {
      return db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('person_need')
          .set({
            status: changes.status,
            responsible_party: changes.responsible_party,
            version: sql`version + 1`,
          })
          .where('id', '=', id)
          .where('version', '=', version)
          .returning(['id', 'version'])
          .executeTakeFirst()
        if (updated)
          await trx
            .insertInto('need_update')
            .values({ person_need_id: id, ...changes, updated_by: by })
            .execute()
        return updated
      })
    },

    screenings(episodeId: string) {
      return db
        .selectFrom('screening')
        .selectAll()
        .where('custody_episode_id', '=', episodeId)
        .orderBy('screened_on', 'desc')
        .orderBy('recorded_at', 'desc')
        .execute()
    },

    insertScreening(row: Insertable<Tables['screening']>) {
      return db.insertInto('screening').values(row).returning(['id']).executeTakeFirstOrThrow()
    },
  }
}

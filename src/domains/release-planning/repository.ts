import { sql, type Insertable, type Selectable, type Updateable } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { planningDb, type ReleasePlanningTables } from './tables.ts'
import { assessmentQueries } from './assessment-repository.ts'

type Tables = ReleasePlanningTables
/** Tables with one row per release, edited in place under a version number. */
type PerRelease = 'handover' | 'release_day_decision' | 'departure_checklist' | 'duty_to_refer'

export function releasePlanningRepository(database: Database) {
  const db = planningDb(database)

  return {
    /** The release being planned: the open custody episode, else the most recent. */
    currentEpisode(personId: string) {
      return db
        .selectFrom('custody_episode as e')
        .innerJoin('person as p', 'p.id', 'e.person_id')
        .innerJoin('prison as pr', 'pr.code', 'e.prison_code')
        .innerJoin('pdu', 'pdu.code', 'e.pdu_code')
        .leftJoin('local_authority as la', 'la.code', 'e.local_authority_code')
        .where('e.person_id', '=', personId)
        .selectAll('e')
        .select([
          'p.date_of_birth',
          'pr.name as prison_name',
          'pdu.name as pdu_name',
          'la.name as local_authority_name',
        ])
        .orderBy(sql`e.actual_release_date is null`, 'desc')
        .orderBy('e.sentence_date', 'desc')
        .executeTakeFirst()
    },

    ...assessmentQueries(db),

    actions(episodeId: string) {
      return db
        .selectFrom('plan_action as a')
        .leftJoin('organisation as o', 'o.id', 'a.owner_organisation_id')
        .leftJoin('person_need as n', 'n.id', 'a.person_need_id')
        .leftJoin('support_need as s', 's.id', 'n.support_need_id')
        .where('a.custody_episode_id', '=', episodeId)
        .selectAll('a')
        .select(['o.name as owner_organisation_name', 's.title as need_title'])
        .orderBy('a.due_date')
        .orderBy('a.created_at')
        .execute()
    },

    findAction(id: string) {
      return db.selectFrom('plan_action').selectAll().where('id', '=', id).executeTakeFirst()
    },

    insertActions(rows: Insertable<Tables['plan_action']>[]) {
      if (rows.length === 0) return Promise.resolve([])
      // A standard action proposed twice at once is added once (plan_action_standard_uq).
      return db
        .insertInto('plan_action')
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(['custody_episode_id', 'standard_action'])
            .where('standard_action', 'is not', null)
            .where('status', '<>', 'cancelled')
            .doNothing(),
        )
        .returning(['id'])
        .execute()
    },

    updateAction(id: string, version: number, changes: Updateable<Tables['plan_action']>) {
      return db
        .updateTable('plan_action')
        .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returning(['id', 'version'])
        .executeTakeFirst()
    },

    organisations() {
      return db.selectFrom('organisation').select(['id', 'name', 'kind']).orderBy('name').execute()
    },

    organisationExists(id: string) {
      return db.selectFrom('organisation').select('id').where('id', '=', id).executeTakeFirst().then(Boolean)
    },

    findOne<T extends PerRelease>(table: T, episodeId: string) {
      // Each table has custody_episode_id; typing through one of them keeps Kysely's types simple.
      return db
        .selectFrom(table as 'handover')
        .selectAll()
        .where('custody_episode_id', '=', episodeId)
        .executeTakeFirst() as Promise<Selectable<Tables[T]> | undefined>
    },

    /** The one-row-per-release records, optimistic: 0 means "none yet"; undefined when someone saved first. */
    async saveOne<T extends PerRelease>(
      table: T,
      episodeId: string,
      version: number,
      values: Insertable<Tables[T]>,
    ): Promise<{ custody_episode_id: string; version: number } | undefined> {
      const t = table as 'handover'
      if (version === 0) {
        return db
          .insertInto(t)
          .values(values as Insertable<Tables['handover']>)
          .onConflict((oc) => oc.column('custody_episode_id').doNothing())
          .returning(['custody_episode_id', 'version'])
          .executeTakeFirst()
      }
      return db
        .updateTable(t)
        .set({
          ...(values as Updateable<Tables['handover']>),
          updated_at: new Date(),
          version: sql`version + 1`,
        })
        .where('custody_episode_id', '=', episodeId)
        .where('version', '=', version)
        .returning(['custody_episode_id', 'version'])
        .executeTakeFirst()
    },

    releaseDateChanges(episodeId: string) {
      return db
        .selectFrom('release_date_change as c')
        .leftJoin('app_user as u', 'u.id', 'c.changed_by')
        .where('c.custody_episode_id', '=', episodeId)
        .select([
          'c.id',
          'c.old_date',
          'c.new_date',
          'c.reason',
          'c.moved',
          'c.changed_at',
          'u.name as changed_by_name',
        ])
        .orderBy('c.changed_at', 'desc')
        .execute()
    },

    /**
     * Moves the expected release date under the episode's version, moves the actions planned from
     * it and records the change with what moved, all or nothing.
     */
    changeReleaseDate(input: {
      episodeId: string
      personId: string
      version: number
      oldDate: string
      newDate: string
      reason: string
      actionDates: { id: string; to: string }[]
      releaseDay?: {
        due_date: string
        applied: string
        exclusion: string | null
        release_date: string
        further_day_date: string | null
      }
      moved: unknown
      by: string | null
    }) {
      return db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('custody_episode')
          .set({ expected_release_date: input.newDate, updated_at: new Date(), version: sql`version + 1` })
          .where('id', '=', input.episodeId)
          .where('version', '=', input.version)
          .returning(['id', 'version'])
          .executeTakeFirst()
        if (!updated) return undefined
        if (input.releaseDay) {
          await trx
            .updateTable('release_day_decision')
            .set({
              ...input.releaseDay,
              further_day_requested_on: null,
              further_day_requested_by: null,
              further_day_decision: null,
              further_day_decided_by: null,
              further_day_decided_on: null,
              updated_at: new Date(),
              version: sql`version + 1`,
            })
            .where('custody_episode_id', '=', input.episodeId)
            .execute()
        }
        for (const a of input.actionDates) {
          await trx
            .updateTable('plan_action')
            .set({ due_date: a.to, updated_at: new Date(), version: sql`version + 1` })
            .where('id', '=', a.id)
            .execute()
        }
        await trx
          .insertInto('release_date_change')
          .values({
            custody_episode_id: input.episodeId,
            person_id: input.personId,
            old_date: input.oldDate,
            new_date: input.newDate,
            reason: input.reason,
            moved: JSON.stringify(input.moved),
            changed_by: input.by,
          })
          .execute()
        return updated
      })
    },

    /** Records the release itself: the day the person left and how. */
    recordRelease(episodeId: string, date: string, releaseType: 'conditional_release' | 'hdc' | 'parole') {
      return db
        .updateTable('custody_episode')
        .set({
          actual_release_date: date,
          release_type: releaseType,
          updated_at: new Date(),
          version: sql`version + 1`,
        })
        .where('id', '=', episodeId)
        .where('actual_release_date', 'is', null)
        .returning(['id'])
        .executeTakeFirst()
    },

    /** Everything release planning holds about a person, for a subject access request. */
    async everything(personId: string) {
      const [
        assessments,
        needs,
        screenings,
        actions,
        handovers,
        releaseDays,
        checklists,
        dutyToRefer,
        dateChanges,
      ] = await Promise.all([
        db.selectFrom('pathway_assessment').selectAll().where('person_id', '=', personId).execute(),
        db.selectFrom('person_need').selectAll().where('person_id', '=', personId).execute(),
        db.selectFrom('screening').selectAll().where('person_id', '=', personId).execute(),
        db.selectFrom('plan_action').selectAll().where('person_id', '=', personId).execute(),
        db.selectFrom('handover').selectAll().where('person_id', '=', personId).execute(),
        db.selectFrom('release_day_decision').selectAll().where('person_id', '=', personId).execute(),
        db.selectFrom('departure_checklist').selectAll().where('person_id', '=', personId).execute(),
        db.selectFrom('duty_to_refer').selectAll().where('person_id', '=', personId).execute(),
        db.selectFrom('release_date_change').selectAll().where('person_id', '=', personId).execute(),
      ])
      return {
        assessments,
        needs,
        screenings,
        actions,
        handovers,
        releaseDays,
        checklists,
        dutyToRefer,
        dateChanges,
      }
    },
  }
}

export type ReleasePlanningRepository = ReturnType<typeof releasePlanningRepository>

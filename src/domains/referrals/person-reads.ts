import { sql } from 'kysely'
import type { ReferralDatabase } from './tables.ts'

/**
 * What a new referral reads from the person's record in other domains' tables: the custody
 * episode it belongs to, the plan action it answers, and the needs still open.
 */
export function personReads(db: ReferralDatabase) {
  return {
    /** The person's latest custody episode, which a new referral belongs to. */
    latestEpisode(personId: string) {
      return db
        .selectFrom('custody_episode')
        .where('person_id', '=', personId)
        .select(['id', 'region_code', 'prison_code', 'expected_release_date', 'actual_release_date'])
        .orderBy('sentence_date', 'desc')
        .limit(1)
        .executeTakeFirst()
    },

    /** A plan action of this person's, if that is what the id names (release planning, migration 0003). */
    planActionOf(personId: string, planActionId: string) {
      return sql<{
        id: string
      }>`select id from plan_action where id = ${planActionId} and person_id = ${personId}`
        .execute(db)
        .then((r) => r.rows[0])
    },

    /** The needs the release's resettlement assessment found and has not yet met, to start the referral's needs text. */
    async assessedNeeds(episodeId: string) {
      const result = await sql<{ title: string; pathway: string }>`
        select s.title, s.pathway from person_need n join support_need s on s.id = n.support_need_id
        where n.custody_episode_id = ${episodeId} and n.status in ('not_started', 'in_progress') and not s.exclude_from_count
        order by s.pathway, s.id`.execute(db)
      return result.rows
    },
  }
}

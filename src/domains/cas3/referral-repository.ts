import { sql, type Insertable } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { cas3Db, type Cas3Tables, type ReferralStatus } from './tables.ts'

export function referralRepository(database: Database) {
  const db = cas3Db(database)
  const view = () =>
    db
      .selectFrom('cas3_referral as r')
      .innerJoin('person as p', 'p.id', 'r.person_id')
      .innerJoin('pdu', 'pdu.code', 'r.placement_pdu_code')
      .innerJoin('organisation as o', 'o.id', 'r.referrer_organisation_id')
      .leftJoin('local_authority as la', 'la.code', 'r.placement_local_authority_code')
      .leftJoin('custody_episode as ep', 'ep.id', 'r.custody_episode_id')
      .leftJoin('cas3_reason as rr', (j) =>
        j.onRef('rr.list', '=', 'r.rejection_reason_list').onRef('rr.id', '=', 'r.rejection_reason_id'),
      )
      .selectAll('r')
      .select([
        'p.given_name',
        'p.family_name',
        'p.crn',
        'p.prison_number',
        'p.sex',
        'p.date_of_birth',
        'pdu.name as pdu_name',
        'la.name as local_authority_name',
        'o.name as referrer_organisation_name',
        'rr.name as rejection_reason_name',
        // When the person has been released, that date is the fact; the referral's is the plan.
        'ep.actual_release_date as released_on',
      ])

  return {
    insert: (row: Insertable<Cas3Tables['cas3_referral']>) =>
      db.insertInto('cas3_referral').values(row).returning('id').executeTakeFirstOrThrow(),
    find: (id: string) => view().where('r.id', '=', id).executeTakeFirst(),
    /** A region's queue, or the referrals an organisation made. */
    list: (filter: {
      regionCode?: string | null
      organisationId?: string
      status?: ReferralStatus | undefined
    }) =>
      view()
        .$if(Boolean(filter.regionCode), (q) => q.where('r.region_code', '=', filter.regionCode!))
        .$if(Boolean(filter.organisationId), (q) =>
          q.where('r.referrer_organisation_id', '=', filter.organisationId!),
        )
        .$if(Boolean(filter.status), (q) => q.where('r.status', '=', filter.status!))
        // Every referral in scope: the list sorts, filters and pages them (issue 12), and the
        // dashboard's counts are of all of them, not of a first 200.
        .orderBy('r.release_date')
        .orderBy('r.id')
        .execute(),
    setStatus: (
      id: string,
      version: number,
      changes: {
        status: ReferralStatus
        assessor_id: string | null
        rejection_reason_id: string | null
        rejection_notes: string | null
      },
    ) =>
      db
        .updateTable('cas3_referral')
        .set({ ...changes, updated_at: new Date(), version: sql`version + 1` })
        .where('id', '=', id)
        .where('version', '=', version)
        .returning(['id', 'version'])
        .executeTakeFirst(),
    latestEpisode: (personId: string) =>
      database
        .selectFrom('custody_episode')
        .select([
          'id',
          'expected_release_date',
          'actual_release_date',
          'region_code',
          'pdu_code',
          'local_authority_code',
        ])
        .where('person_id', '=', personId)
        .orderBy('sentence_date', 'desc')
        .limit(1)
        .executeTakeFirst(),
  }
}
export type ReferralRepository = ReturnType<typeof referralRepository>

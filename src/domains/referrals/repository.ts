import { sql, type Insertable, type Updateable } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { catalogueQueries } from './catalogue-repository.ts'
import { personReads } from './person-reads.ts'
import { referralDb, type ReferralDatabase, type ReferralTables } from './tables.ts'
import type { ReferralState } from './state-machine.ts'
import { OPEN } from './state-machine.ts'

export type ProviderTab = 'unassigned' | 'mine' | 'open' | 'completed' | 'cancelled'
type Db = ReferralDatabase

export function referralRepository(database: Database) {
  const db = referralDb(database)

  const summary = (q: Db) =>
    q
      .selectFrom('referral as r')
      .innerJoin('person as p', 'p.id', 'r.person_id')
      .leftJoin('crs_service_category as c', 'c.id', 'r.service_category_id')
      .leftJoin('organisation as prov', 'prov.id', 'r.provider_organisation_id')
      .leftJoin('app_user as cw', 'cw.id', 'r.caseworker_user_id')
      .leftJoin('referral_quality as q', 'q.referral_id', 'r.id')
      .select([
        'r.id',
        'r.reference',
        'r.state',
        'r.person_id',
        'r.provider_organisation_id',
        'r.sent_at',
        'r.concluded_at',
        'r.draft_expires_on',
        'r.completion_deadline',
        'p.given_name',
        'p.family_name',
        'p.crn',
        'c.name as category_name',
        'prov.name as provider_name',
        'cw.name as caseworker_name',
        'q.score as quality_score',
      ])

  return {
    db,
    ...catalogueQueries(db),
    ...personReads(db),

    /** One referral with everything its page shows, or undefined. */
    find(id: string, trx: Db = db) {
      return trx
        .selectFrom('referral as r')
        .innerJoin('person as p', 'p.id', 'r.person_id')
        .innerJoin('custody_episode as e', 'e.id', 'r.custody_episode_id')
        .leftJoin('crs_service_category as c', 'c.id', 'r.service_category_id')
        .leftJoin('crs_complexity_level as cl', 'cl.id', 'r.complexity_level_id')
        .leftJoin('contract as k', 'k.id', 'r.contract_id')
        .leftJoin('organisation as prov', 'prov.id', 'r.provider_organisation_id')
        .leftJoin('organisation as ref_org', 'ref_org.id', 'r.referrer_organisation_id')
        .leftJoin('app_user as cw', 'cw.id', 'r.caseworker_user_id')
        .leftJoin('app_user as referrer', 'referrer.id', 'r.referrer_user_id')
        .leftJoin('prison as pr', 'pr.code', 'r.prison_code')
        .selectAll('r')
        .select([
          'p.given_name',
          'p.family_name',
          'p.crn',
          'p.prison_number',
          'e.region_code',
          'e.actual_release_date',
          'e.expected_release_date',
          'c.name as category_name',
          'cl.title as complexity_title',
          'k.reference as contract_reference',
          'prov.name as provider_name',
          'ref_org.name as referrer_organisation_name',
          'cw.name as caseworker_name',
          'referrer.name as referrer_name',
          'pr.name as prison_name',
        ])
        .where('r.id', '=', id)
        .executeTakeFirst()
    },

    insert(row: Insertable<ReferralTables['referral']>) {
      return db.insertInto('referral').values(row).returning(['id', 'reference']).executeTakeFirstOrThrow()
    },

    /** A draft's fields, only while it is still a draft at the version the user read. */
    updateDraft(
      id: string,
      version: number,
      row: Updateable<ReferralTables['referral']>,
      outcomeIds: string[],
    ) {
      return db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('referral')
          .set({ ...row, updated_at: new Date(), version: sql`version + 1` })
          .where('id', '=', id)
          .where('version', '=', version)
          .where('state', '=', 'draft')
          .returning(['id', 'version'])
          .executeTakeFirst()
        if (!updated) return undefined
        await trx.deleteFrom('referral_desired_outcome').where('referral_id', '=', id).execute()
        if (outcomeIds.length)
          await trx
            .insertInto('referral_desired_outcome')
            .values(outcomeIds.map((o) => ({ referral_id: id, desired_outcome_id: o })))
            .execute()
        return updated
      })
    },

    /**
     * Moves a referral from the state it was read in. The `state = from` guard makes the update
     * the arbiter: of two requests from the same state, only the first changes a row.
     */
    async transition(
      trx: Db,
      id: string,
      from: ReferralState,
      to: ReferralState,
      set: Updateable<ReferralTables['referral']>,
      event: { event: string; userId: string | null; organisationId: string; detail?: string | null },
    ) {
      const moved = await trx
        .updateTable('referral')
        .set({ ...set, state: to, updated_at: new Date(), version: sql`version + 1` })
        .where('id', '=', id)
        .where('state', '=', from)
        .returning(['id', 'state', 'version'])
        .executeTakeFirst()
      if (!moved) return undefined
      await trx
        .insertInto('referral_event')
        .values({
          referral_id: id,
          event: event.event,
          from_state: from,
          to_state: to,
          user_id: event.userId,
          organisation_id: event.organisationId,
          detail: event.detail ?? null,
        })
        .execute()
      return moved
    },

    currentState(id: string) {
      return db.selectFrom('referral').where('id', '=', id).select(['state', 'version']).executeTakeFirst()
    },

    desiredOutcomes(referralId: string) {
      return db
        .selectFrom('referral_desired_outcome as rdo')
        .innerJoin('crs_desired_outcome as o', 'o.id', 'rdo.desired_outcome_id')
        .leftJoin('referral_outcome_rating as rr', (j) =>
          j
            .onRef('rr.referral_id', '=', 'rdo.referral_id')
            .onRef('rr.desired_outcome_id', '=', 'rdo.desired_outcome_id'),
        )
        .where('rdo.referral_id', '=', referralId)
        .select(['o.id', 'o.description', 'o.deprecated_at', 'rr.achievement', 'rr.notes'])
        .orderBy('o.description')
        .execute()
    },

    events(referralId: string) {
      return db
        .selectFrom('referral_event as ev')
        .leftJoin('app_user as u', 'u.id', 'ev.user_id')
        .leftJoin('organisation as o', 'o.id', 'ev.organisation_id')
        .where('ev.referral_id', '=', referralId)
        .select([
          'ev.event',
          'ev.from_state',
          'ev.to_state',
          'ev.at',
          'ev.detail',
          'u.name as user_name',
          'o.name as organisation_name',
        ])
        .orderBy('ev.at')
        .orderBy('ev.id')
        .execute()
    },

    quality(referralId: string) {
      return db
        .selectFrom('referral_quality')
        .selectAll()
        .where('referral_id', '=', referralId)
        .executeTakeFirst()
    },

    appointments(referralId: string, trx: Db = db) {
      return trx
        .selectFrom('referral_appointment')
        .selectAll()
        .where('referral_id', '=', referralId)
        .orderBy('kind')
        .orderBy('session_number')
        .execute()
    },

    async sessionsAttended(trx: Db, referralId: string) {
      const row = await trx
        .selectFrom('referral_appointment')
        .where('referral_id', '=', referralId)
        .where('kind', '=', 'session')
        .where('attendance', 'in', ['attended', 'late'])
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },

    forPerson(personId: string) {
      return summary(db).where('r.person_id', '=', personId).orderBy('r.created_at', 'desc').execute()
    },

    /** The provider portal's dashboards over the referrals sent to one organisation. */
    forProvider(organisationId: string, tab: ProviderTab, userId: string | null, limit = 5000) {
      return summary(db)
        .where('r.provider_organisation_id', '=', organisationId)
        .where('r.state', '<>', 'draft')
        .$call((q) => {
          switch (tab) {
            case 'unassigned':
              return q.where('r.state', '=', 'sent')
            case 'mine':
              return q
                .where('r.caseworker_user_id', '=', userId ?? '00000000-0000-0000-0000-000000000000')
                .where('r.state', 'in', [...OPEN])
            case 'open':
              return q.where('r.state', 'in', [...OPEN])
            case 'completed':
              return q.where('r.state', 'in', ['completed', 'ended_early'])
            case 'cancelled':
              return q.where('r.state', '=', 'cancelled')
          }
        })
        .orderBy('r.sent_at', 'desc')
        .limit(limit)
        .execute()
    },

    /** What a referring organisation has made: drafts still alive and referrals sent. */
    forReferrer(organisationId: string, today: string, limit = 5000) {
      return summary(db)
        .where('r.referrer_organisation_id', '=', organisationId)
        .where((eb) => eb.or([eb('r.state', '<>', 'draft'), eb('r.draft_expires_on', '>=', today)]))
        .orderBy('r.updated_at', 'desc')
        .limit(limit)
        .execute()
    },

    insertQuality(row: Insertable<ReferralTables['referral_quality']>) {
      return db
        .insertInto('referral_quality')
        .values(row)
        .returning(['referral_id', 'score'])
        .executeTakeFirstOrThrow()
    },

    referenceTaken(reference: string) {
      return db
        .selectFrom('referral')
        .where('reference', '=', reference)
        .select('id')
        .executeTakeFirst()
        .then(Boolean)
    },
  }
}

export type ReferralRepository = ReturnType<typeof referralRepository>

import { sql, type RawBuilder } from 'kysely'
import type { Scope } from '../../platform/auth/actor.ts'
import { episodeInScope, personRowInScope } from '../../platform/auth/scope.ts'
import type { Database } from '../../platform/db/index.ts'
import { DEFAULT_CHECKPOINTS } from '../outcomes/checkpoints.ts'
import { EMPLOYMENT_STATUSES } from '../status/vocabulary.ts'
import { TIMESCALES } from './rag.ts'
import { referralDb } from './tables.ts'

export interface Period {
  from: string
  to: string
}

/** The checkpoints at which accommodation and employment are read after a service ends. */
export const OUTCOME_CHECKPOINT_KEYS = [
  'first_night',
  'six_weeks',
  'three_months',
  'six_months',
  'twelve_months',
] as const
const OUTCOME_CHECKPOINTS = DEFAULT_CHECKPOINTS.filter((c) =>
  (OUTCOME_CHECKPOINT_KEYS as readonly string[]).includes(c.key),
)
const EMPLOYED = Object.entries(EMPLOYMENT_STATUSES)
  .filter(([, v]) => v.employed)
  .map(([k]) => k)
const AVAILABLE = Object.entries(EMPLOYMENT_STATUSES)
  .filter(([, v]) => v.availableForWork)
  .map(([k]) => k)

/** The same checkpoint dates as checkpointsFor(), in SQL (PostgreSQL clamps month ends the same way). */
function checkpointDates(release: RawBuilder<string>): RawBuilder<string[]> {
  const parts = OUTCOME_CHECKPOINTS.map((c) =>
    'months' in c.offset
      ? sql`(${release} + make_interval(months => ${c.offset.months}))::date`
      : sql`(${release} + ${c.offset.days}::int)`,
  )
  return sql<string[]>`array[${sql.join(parts)}]`
}

/** A referral row counts for a user if its person's release is in their scope, or it was sent to their organisation. */
function referralVisible(scope: Scope): RawBuilder<boolean> {
  if (scope.level === 'provider') return sql<boolean>`r.provider_organisation_id = ${scope.organisationId}`
  return episodeInScope(scope, 'e')
}

const inPeriod = (p: Period) => sql<boolean>`r.sent_at >= ${p.from}::date and r.sent_at < (${p.to}::date + 1)`

export function performanceRepository(database: Database) {
  const db = referralDb(database)

  return {
    /**
     * Every measure for every contract (or one), from the records alone, for referrals sent in
     * the period: one pass over referrals with their sessions, quality and outcome ratings.
     */
    async contractMeasures(period: Period, contractIds: string[] | null) {
      const filter = contractIds ? sql`and r.contract_id = any(${contractIds}::uuid[])` : sql``
      const result = await sql<{
        contract_id: string
        referrals: number
        rated: number
        mean_quality: number | null
        contacted: number
        contacted_in_time: number
        mean_days_to_contact: number | null
        mean_days_to_assessment: number | null
        sessions: number
        sessions_attended: number
        reports: number
        reports_in_time: number
        mean_days_to_report: number | null
        concluded: number
        completed: number
        ended_early: number
        cancelled: number
        outcome_ratings: number
        outcome_score: number | null
      }>`
        with s as (
          select a.referral_id, count(*) as sessions,
                 count(*) filter (where a.attendance in ('attended', 'late')) as attended,
                 max(a.appointment_date) as last_session
          from referral_appointment a
          join referral r on r.id = a.referral_id
          where a.kind = 'session' and r.state <> 'draft' and ${inPeriod(period)} ${filter}
          group by a.referral_id
        ), o as (
          select rr.referral_id, count(*) as ratings,
                 sum(case rr.achievement when 'achieved' then 1 when 'partially_achieved' then 0.5 else 0 end) as score
          from referral_outcome_rating rr
          join referral r on r.id = rr.referral_id
          where r.state <> 'draft' and ${inPeriod(period)} ${filter}
          group by rr.referral_id
        )
        select r.contract_id,
          count(*)::int as referrals,
          count(q.referral_id)::int as rated,
          avg(q.score)::float8 as mean_quality,
          count(r.first_contact_at)::int as contacted,
          count(*) filter (where r.first_contact_at <= r.sent_at + make_interval(days => ${TIMESCALES.firstContactDays}))::int as contacted_in_time,
          avg(extract(epoch from r.first_contact_at - r.sent_at) / 86400)::float8 as mean_days_to_contact,
          avg(r.assessment_at::date - r.sent_at::date)::float8 as mean_days_to_assessment,
          coalesce(sum(s.sessions), 0)::int as sessions,
          coalesce(sum(s.attended), 0)::int as sessions_attended,
          count(r.report_submitted_at) filter (where s.last_session is not null)::int as reports,
          count(*) filter (where r.report_submitted_at::date - s.last_session <= ${TIMESCALES.reportDays})::int as reports_in_time,
          avg(r.report_submitted_at::date - s.last_session)::float8 as mean_days_to_report,
          count(r.concluded_at)::int as concluded,
          count(*) filter (where r.state = 'completed')::int as completed,
          count(*) filter (where r.state = 'ended_early')::int as ended_early,
          count(*) filter (where r.state = 'cancelled')::int as cancelled,
          coalesce(sum(o.ratings), 0)::int as outcome_ratings,
          (sum(o.score) / nullif(sum(o.ratings), 0))::float8 as outcome_score
        from referral r
        left join referral_quality q on q.referral_id = r.id
        left join s on s.referral_id = r.id
        left join o on o.referral_id = r.id
        where r.state <> 'draft' and ${inPeriod(period)} ${filter}
        group by r.contract_id
      `.execute(db)
      return result.rows
    },

    /**
     * Outcomes after the service, per contract: at the first official checkpoint on or after the
     * service ended (and already passed), the latest accommodation and employment status recorded
     * for that release that no correction replaced (domain.md section 10).
     */
    async outcomesAfterService(period: Period, today: string, contractIds: string[] | null) {
      const filter = contractIds ? sql`and r.contract_id = any(${contractIds}::uuid[])` : sql``
      const result = await sql<{
        contract_id: string
        due: number
        accommodation_known: number
        settled: number
        housed: number
        employment_known: number
        employed: number
      }>`
        with ended as (
          select r.contract_id, r.custody_episode_id,
            (select min(d) from unnest(${checkpointDates(sql`e.actual_release_date`)}) d where d >= r.concluded_at::date) as checkpoint
          from referral r
          join custody_episode e on e.id = r.custody_episode_id
          where r.state in ('completed', 'ended_early') and e.actual_release_date is not null and ${inPeriod(period)} ${filter}
        )
        select ended.contract_id,
          count(*)::int as due,
          count(acc.outcome_class)::int as accommodation_known,
          count(*) filter (where acc.outcome_class = 'settled')::int as settled,
          count(*) filter (where acc.outcome_class in ('settled', 'temporary'))::int as housed,
          count(*) filter (where emp.employment_status = any(${AVAILABLE}::text[]))::int as employment_known,
          count(*) filter (where emp.employment_status = any(${EMPLOYED}::text[]))::int as employed
        from ended
        left join lateral (
          select a.outcome_class from status_event s join accommodation_type a on a.code = s.accommodation_type_code
          where s.custody_episode_id = ended.custody_episode_id and s.kind = 'accommodation' and s.effective_date <= ended.checkpoint
            and not exists (select 1 from status_event c where c.supersedes_id = s.id)
          order by s.effective_date desc, s.recorded_at desc, s.id desc limit 1
        ) acc on true
        left join lateral (
          select s.employment_status from status_event s
          where s.custody_episode_id = ended.custody_episode_id and s.kind = 'employment' and s.effective_date <= ended.checkpoint
            and not exists (select 1 from status_event c where c.supersedes_id = s.id)
          order by s.effective_date desc, s.recorded_at desc, s.id desc limit 1
        ) emp on true
        where ended.checkpoint <= ${today}::date
        group by ended.contract_id
      `.execute(db)
      return result.rows
    },

    contracts(contractIds: string[] | null) {
      return db
        .selectFrom('contract as k')
        .innerJoin('organisation as o', 'o.id', 'k.provider_organisation_id')
        .innerJoin('crs_contract_type as t', 't.id', 'k.contract_type_id')
        .$if(contractIds !== null, (q) =>
          q.where('k.id', 'in', contractIds?.length ? contractIds : ['00000000-0000-0000-0000-000000000000']),
        )
        .select([
          'k.id',
          'k.reference',
          'k.start_date',
          'k.end_date',
          'k.value_pence',
          'k.places_per_year',
          'k.provider_organisation_id',
          'o.name as provider_name',
          't.name as type_name',
        ])
        .select((eb) => [
          sql<string>`(select string_agg(rg.name, ', ' order by rg.name) from contract_region kr join region rg on rg.code = kr.region_code where kr.contract_id = k.id)`.as(
            'regions',
          ),
          eb.fn
            .coalesce(
              sql<string>`(select string_agg(c.name, ', ' order by c.name) from contract_service_category cs join crs_service_category c on c.id = cs.service_category_id where cs.contract_id = k.id)`,
              sql<string>`''`,
            )
            .as('categories'),
        ])
        .orderBy('o.name')
        .orderBy('k.reference')
        .execute()
    },

    /** The referrals behind a contract's figures, in the viewer's scope, one row each as the export lists them. */
    referralRows(contractId: string, period: Period, scope: Scope, limit: number) {
      return db
        .selectFrom('referral as r')
        .innerJoin('person as p', 'p.id', 'r.person_id')
        .innerJoin('custody_episode as e', 'e.id', 'r.custody_episode_id')
        .leftJoin('referral_quality as q', 'q.referral_id', 'r.id')
        .where('r.contract_id', '=', contractId)
        .where('r.state', '<>', 'draft')
        .where(inPeriod(period))
        .where(sql<boolean>`(${referralVisible(scope)} or ${personRowInScope(scope, 'p')})`)
        .select([
          'r.id',
          'r.reference',
          'r.state',
          'p.crn',
          'p.given_name',
          'p.family_name',
          'r.sent_at',
          'r.assigned_at',
          'r.first_contact_at',
          'r.assessment_at',
          'r.action_plan_approved_at',
          'r.action_plan_sessions',
          'r.report_submitted_at',
          'r.concluded_at',
          'r.end_reason_code',
          'q.score as quality_score',
        ])
        .select([
          sql<number>`(select count(*)::int from referral_appointment a where a.referral_id = r.id and a.kind = 'session')`.as(
            'sessions',
          ),
          sql<number>`(select count(*)::int from referral_appointment a where a.referral_id = r.id and a.kind = 'session' and a.attendance in ('attended', 'late'))`.as(
            'attended',
          ),
          sql<
            number | null
          >`(select (sum(case rr.achievement when 'achieved' then 1 when 'partially_achieved' then 0.5 else 0 end) / nullif(count(*), 0))::float8 from referral_outcome_rating rr where rr.referral_id = r.id)`.as(
            'outcome_score',
          ),
        ])
        .orderBy('r.sent_at', 'desc')
        .limit(limit)
        .execute()
    },

    /** Mean referral quality grouped by who and where referrals came from, within the viewer's scope. */
    async qualityBy(grouping: 'referrer' | 'pdu' | 'prison' | 'region', scope: Scope, period: Period) {
      const key = {
        referrer: sql`coalesce(u.name, 'Unknown')`,
        pdu: sql`pdu.name`,
        prison: sql`coalesce(pr.name, 'Released before referral')`,
        region: sql`rg.name`,
      }[grouping]
      const result = await sql<{ label: string; rated: number; mean_score: number; low: number }>`
        select ${key} as label, count(*)::int as rated, avg(q.score)::float8 as mean_score,
               count(*) filter (where q.score < 60)::int as low
        from referral_quality q
        join referral r on r.id = q.referral_id
        join custody_episode e on e.id = r.custody_episode_id
        join pdu on pdu.code = e.pdu_code
        join region rg on rg.code = e.region_code
        left join prison pr on pr.code = r.prison_code
        left join app_user u on u.id = r.referrer_user_id
        where ${referralVisible(scope)} and ${inPeriod(period)}
        group by 1
        order by 3, 1
      `.execute(db)
      return result.rows
    },
  }
}

export type PerformanceRepository = ReturnType<typeof performanceRepository>

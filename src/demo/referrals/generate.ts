import { sql, type Insertable } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { createRng, uuidFrom } from '../prng.ts'
import { addDays } from '../../platform/calendar/index.ts'
import { loadCrsReference } from '../../domains/referrals/crs-reference.ts'
import { referralDb, type ReferralTables } from '../../domains/referrals/tables.ts'
import { ensureDemoContracts, HISTORY_DAYS } from './contracts.ts'
import { pickLine, pickSome, referenceFor, simulate } from './lifecycle.ts'
import { REFERRAL_SHARE, REFERRAL_TEXT } from './plan.ts'
import { comIndex, comTeams } from '../com-teams.ts'
import { DEMO_FOCUS } from '../geography.ts'

export interface ReferralDemoSummary {
  providers: number
  contracts: number
  referrals: number
  sessions: number
}

const BATCH = 2000
/** Releases this many days ahead may already have a referral. */
const UPCOMING_DAYS = 56
const FOCUS_REFERRAL_SHARE = 0.6
type Row<T extends keyof ReferralTables> = Insertable<ReferralTables[T]>
const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`)

/**
 * Deterministic providers and contracts in all twelve regions, and referrals for a share of the
 * demo's releases with lifecycles that run as far as today allows: quality ratings, first
 * contact, assessment, action plan, sessions with attendance, reports rating each outcome, and
 * withdrawals with real reasons. Every state is one the state machine reaches.
 */
export async function generateReferralDemo(
  database: Database,
  options: { seed: number; today: string },
  onProgress?: (done: number, total: number) => void,
): Promise<ReferralDemoSummary> {
  await loadCrsReference(database)
  const db = referralDb(database)
  const rng = createRng(options.seed, 0xc125)
  const { contracts, providers } = await ensureDemoContracts(database, db, rng, options.today)

  const [outcomes, levels, reasons, pduOrgs] = await Promise.all([
    db
      .selectFrom('crs_desired_outcome')
      .select(['id', 'service_category_id'])
      .where('deprecated_at', 'is', null)
      .orderBy('id')
      .execute(),
    db.selectFrom('crs_complexity_level').select(['id', 'service_category_id']).orderBy('id').execute(),
    db.selectFrom('crs_withdrawal_reason').select('code').orderBy('code').execute(),
    database.selectFrom('organisation').where('kind', '=', 'pdu').select(['id', 'pdu_code']).execute(),
  ])
  const byCategory = <T extends { service_category_id: string }>(rows: T[]) => {
    const m = new Map<string, T[]>()
    for (const r of rows) m.set(r.service_category_id, [...(m.get(r.service_category_id) ?? []), r])
    return m
  }
  const outcomesOf = byCategory(outcomes)
  const levelsOf = byCategory(levels)
  const orgOfPdu = new Map(pduOrgs.map((o) => [o.pdu_code, o.id]))
  // The referrer is the release's COM, as the release-planning demo names them (com-teams.ts).
  const teams = await sql<{
    pdu_code: string
    ids: string[]
  }>`select pdu_code, ids from ${comTeams} t`.execute(database)
  const teamOf = new Map(teams.rows.map((t) => [t.pdu_code, t.ids]))

  const from = addDays(options.today, -HISTORY_DAYS)
  // Released in the history, or due out in the next 8 weeks: CRS referrals are made before
  // release too, and the recent ones are the provider's work to accept today.
  const inWindow = sql<boolean>`(actual_release_date >= ${from}::date or (actual_release_date is null
    and expected_release_date <= ${addDays(options.today, UPCOMING_DAYS)}::date))`
  const total = Number(
    (
      await database
        .selectFrom('custody_episode')
        .where(inWindow)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  let done = 0
  let referrals = 0
  let sessions = 0
  let after = '00000000-0000-0000-0000-000000000000'
  // Each release's stream is keyed by the first 32 bits of its id, so at national scale (about
  // 600,000 releases) some dozens of releases share a stream and would draw the same referral
  // id. A repeated id is redrawn from a stream keyed by the id's last 32 bits; below a few
  // thousand releases this never happens, so the small demo is unchanged.
  const taken = new Set<string>()
  const uniqueId = (drawn: string, episodeId: string) => {
    let id = drawn
    for (let stream = 0xc127; taken.has(id); stream++)
      id = uuidFrom(createRng(options.seed, stream, parseInt(episodeId.slice(-8), 16)))
    taken.add(id)
    return id
  }
  for (;;) {
    const episodes = await database
      .selectFrom('custody_episode')
      .where(inWindow)
      .where('id', '>', after)
      .select([
        'id',
        'person_id',
        'region_code',
        'pdu_code',
        'prison_code',
        sql<string>`coalesce(actual_release_date, expected_release_date)::text`.as('release_day'),
      ])
      .orderBy('id')
      .limit(BATCH)
      .execute()
    if (!episodes.length) break
    after = episodes[episodes.length - 1]!.id
    const rows: Row<'referral'>[] = []
    const chosen: Row<'referral_desired_outcome'>[] = []
    const events: Row<'referral_event'>[] = []
    const quality: Row<'referral_quality'>[] = []
    const appointments: Row<'referral_appointment'>[] = []
    const ratings: Row<'referral_outcome_rating'>[] = []
    for (const e of episodes) {
      const r = createRng(options.seed, 0xc126, parseInt(e.id.slice(0, 8), 16))
      // The focus PDU's releases around today are referred far more often, so the demo COM and
      // provider sign-ins have referrals in every state even in the 3,000-person demo.
      const focus = e.pdu_code === DEMO_FOCUS.pduCode && e.release_day >= addDays(options.today, -60)
      if (!r.chance(focus ? FOCUS_REFERRAL_SHARE : REFERRAL_SHARE)) continue
      const line = pickLine(r)
      const contract = contracts.get(`${e.region_code}:${line.code}`)
      const referrerOrg = orgOfPdu.get(e.pdu_code)
      const team = teamOf.get(e.pdu_code)
      const text = REFERRAL_TEXT[line.code]
      if (!contract || !referrerOrg) continue
      const category = r.pick(line.categories)
      const sentDay = addDays(e.release_day, -r.between(0, 60))
      if (sentDay > options.today) continue
      const id = uniqueId(uuidFrom(r), e.id)
      const desired = pickSome(r, outcomesOf.get(category) ?? [], 1 + r.int(3))
      const level = r.pick(levelsOf.get(category) ?? [])
      if (!desired.length || !level) continue
      const life = simulate(r, contract.profile, sentDay, options.today)
      const p = contract.profile
      const q = () => r.chance(p.quality)
      // The release's COM makes the referral and acts for the referrer's side later (approve,
      // withdraw), so their events name them rather than "unknown" (issue 12, defect 13).
      const referrer = team?.length ? (team[comIndex(e.id, team.length)] ?? null) : null
      rows.push({
        id,
        reference: referenceFor(referrals + rows.length, r),
        person_id: e.person_id,
        custody_episode_id: e.id,
        state: life.state,
        contract_id: contract.id,
        provider_organisation_id: contract.providerId,
        service_category_id: category,
        complexity_level_id: level.id,
        reason: r.pick(text.reason),
        needs: r.chance(p.quality) ? r.pick(text.needs) : null,
        risk_information: r.chance(p.quality) ? r.pick(text.risk) : null,
        referrer_user_id: referrer,
        release_date: sentDay < e.release_day ? e.release_day : null,
        prison_code: sentDay < e.release_day ? e.prison_code : null,
        completion_deadline: addDays(sentDay, 120),
        referrer_organisation_id: referrerOrg,
        draft_expires_on: addDays(sentDay, 90),
        created_at: at(addDays(sentDay, -r.int(5)), 9),
        sent_at: at(sentDay),
        caseworker_user_id: life.days.assign ? contract.caseworkerId : null,
        assigned_at: life.days.assign ? at(life.days.assign, 11) : null,
        first_contact_at: life.days.book_assessment ? at(life.days.book_assessment, 12) : null,
        assessment_date: life.days.record_assessment ?? null,
        assessment_at: life.days.record_assessment ? at(life.days.record_assessment, 13) : null,
        action_plan: life.days.submit_action_plan ? r.pick(text.plan) : null,
        action_plan_sessions: life.days.submit_action_plan ? life.planned : null,
        action_plan_submitted_at: life.days.submit_action_plan ? at(life.days.submit_action_plan, 14) : null,
        action_plan_approved_at: life.days.approve_action_plan ? at(life.days.approve_action_plan, 15) : null,
        report_submitted_at: life.days.submit_report ? at(life.days.submit_report, 15) : null,
        report_summary: life.days.submit_report ? r.pick(text.report) : null,
        concluded_at: life.endDay ? at(life.endDay, 16) : null,
        end_reason_kind: life.withdrawn ? 'withdrawal' : null,
        end_reason_code: life.withdrawn ? r.pick(reasons).code : null,
      })
      for (const o of desired) chosen.push({ referral_id: id, desired_outcome_id: o.id })
      for (const ev of life.events)
        events.push({
          referral_id: id,
          event: ev.event,
          from_state: ev.from,
          to_state: ev.to,
          at: at(ev.day, 12),
          user_id:
            ev.event === 'send' || ev.event === 'approve_action_plan' || ev.event === 'withdraw'
              ? referrer
              : contract.caseworkerId,
          organisation_id:
            ev.event === 'send' || ev.event === 'approve_action_plan' || ev.event === 'withdraw'
              ? referrerOrg
              : contract.providerId,
        })
      if (life.days.assign)
        quality.push({
          referral_id: id,
          reason_clear: q(),
          needs_identified: q(),
          risk_present: q(),
          release_date_known: q(),
          contact_details_present: q(),
          rated_by: contract.caseworkerId,
          rated_at: at(life.days.assign, 10),
        })
      if (life.days.book_assessment)
        appointments.push({
          referral_id: id,
          kind: 'assessment',
          appointment_date: life.days.record_assessment ?? addDays(life.days.book_assessment, 7),
          attendance: life.days.record_assessment ? 'attended' : null,
          recorded_by: contract.caseworkerId,
        })
      for (const [n, s] of life.sessions.entries())
        appointments.push({
          referral_id: id,
          kind: 'session',
          session_number: n + 1,
          appointment_date: s.day,
          attendance: s.attendance,
          recorded_by: contract.caseworkerId,
        })
      sessions += life.sessions.length
      if (life.days.submit_report) {
        for (const o of desired)
          ratings.push({
            referral_id: id,
            desired_outcome_id: o.id,
            achievement: r.chance(p.achieved)
              ? 'achieved'
              : r.chance(0.5)
                ? 'partially_achieved'
                : 'not_achieved',
          })
      }
    }
    if (rows.length) {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('referral').values(rows).execute()
        await trx.insertInto('referral_desired_outcome').values(chosen).execute()
        for (let i = 0; i < events.length; i += 5000)
          await trx
            .insertInto('referral_event')
            .values(events.slice(i, i + 5000))
            .execute()
        if (quality.length) await trx.insertInto('referral_quality').values(quality).execute()
        for (let i = 0; i < appointments.length; i += 5000)
          await trx
            .insertInto('referral_appointment')
            .values(appointments.slice(i, i + 5000))
            .execute()
        if (ratings.length) await trx.insertInto('referral_outcome_rating').values(ratings).execute()
      })
    }
    referrals += rows.length
    done += episodes.length
    onProgress?.(done, total)
  }
  return { providers, contracts: contracts.size, referrals, sessions }
}

import type { Insertable } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { createRng, uuidFrom, type Rng } from '../demo/prng.ts'
import { addDays } from '../../platform/calendar/index.ts'
import { loadCrsReference } from './crs-reference.ts'
import {
  CONTRACT_LINES,
  drawProfile,
  PROVIDER_NAMES,
  REFERRAL_SHARE,
  WITHDRAWAL_SHARE,
  type ContractProfile,
} from './demo-plan.ts'
import { transition, type ReferralState } from './state-machine.ts'
import { referralDb, type ReferralTables } from './tables.ts'

export interface ReferralDemoSummary {
  providers: number
  contracts: number
  referrals: number
  sessions: number
}

const BATCH = 2000
const HISTORY_DAYS = 730
type Row<T extends keyof ReferralTables> = Insertable<ReferralTables[T]>
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
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
  const regions = await database.selectFrom('region').select(['code', 'name']).orderBy('code').execute()

  // Providers, one caseworker each, and three contract lines per region.
  type Contract = {
    id: string
    providerId: string
    caseworkerId: string
    line: (typeof CONTRACT_LINES)[number]
    profile: ContractProfile
  }
  const contracts = new Map<string, Contract>()
  let providers = 0
  for (const region of regions) {
    for (const [i, line] of CONTRACT_LINES.entries()) {
      const name = `${PROVIDER_NAMES[(regions.indexOf(region) + i) % PROVIDER_NAMES.length]} (${region.name.trim()})`
      const providerId = uuidFrom(rng)
      const caseworkerId = uuidFrom(rng)
      const contractId = uuidFrom(rng)
      const profile = drawProfile(rng)
      const existing = await database
        .selectFrom('organisation')
        .where('kind', '=', 'provider')
        .where('name', '=', name)
        .select('id')
        .executeTakeFirst()
      if (existing) continue
      await database.insertInto('organisation').values({ id: providerId, kind: 'provider', name }).execute()
      await database
        .insertInto('app_user')
        .values({
          id: caseworkerId,
          email: `caseworker.${region.code.toLowerCase()}.${line.code.toLowerCase()}@demo.resettle`,
          name: `Caseworker ${region.code} ${line.code}`,
          organisation_id: providerId,
          role: 'provider_caseworker',
        })
        .execute()
      await db
        .insertInto('contract')
        .values({
          id: contractId,
          reference: `CRS-${region.code}-${line.code}`,
          provider_organisation_id: providerId,
          contract_type_id: line.contractType,
          start_date: addDays(options.today, -HISTORY_DAYS - 120),
          end_date: addDays(options.today, 730),
          value_pence: (1 + rng.int(40)) * 25_000_000,
        })
        .execute()
      await db
        .insertInto('contract_region')
        .values({ contract_id: contractId, region_code: region.code })
        .execute()
      await db
        .insertInto('contract_service_category')
        .values(line.categories.map((c) => ({ contract_id: contractId, service_category_id: c })))
        .execute()
      contracts.set(`${region.code}:${line.code}`, {
        id: contractId,
        providerId,
        caseworkerId,
        line,
        profile,
      })
      providers++
    }
  }

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

  const from = addDays(options.today, -HISTORY_DAYS)
  const total = Number(
    (
      await database
        .selectFrom('custody_episode')
        .where('actual_release_date', '>=', from)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  let done = 0
  let referrals = 0
  let sessions = 0
  let after = '00000000-0000-0000-0000-000000000000'
  for (;;) {
    const episodes = await database
      .selectFrom('custody_episode')
      .where('actual_release_date', '>=', from)
      .where('id', '>', after)
      .select(['id', 'person_id', 'region_code', 'pdu_code', 'prison_code', 'actual_release_date'])
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
      if (!r.chance(REFERRAL_SHARE)) continue
      const line = pickLine(r)
      const contract = contracts.get(`${e.region_code}:${line.code}`)
      const referrerOrg = orgOfPdu.get(e.pdu_code)
      if (!contract || !referrerOrg || !e.actual_release_date) continue
      const category = r.pick(line.categories)
      const sentDay = addDays(e.actual_release_date, -r.between(0, 60))
      if (sentDay > options.today) continue
      const id = uuidFrom(r)
      const desired = pickSome(r, outcomesOf.get(category) ?? [], 1 + r.int(3))
      const level = r.pick(levelsOf.get(category) ?? [])
      if (!desired.length || !level) continue
      const life = simulate(r, contract.profile, sentDay, options.today)
      const p = contract.profile
      const q = () => r.chance(p.quality)
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
        reason: 'Support on release',
        needs: r.chance(p.quality) ? 'Identified in the resettlement assessment' : null,
        risk_information: r.chance(p.quality) ? 'Risk summary attached' : null,
        release_date: sentDay < e.actual_release_date ? e.actual_release_date : null,
        prison_code: sentDay < e.actual_release_date ? e.prison_code : null,
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
        action_plan: life.days.submit_action_plan ? 'Agreed activities' : null,
        action_plan_sessions: life.days.submit_action_plan ? life.planned : null,
        action_plan_submitted_at: life.days.submit_action_plan ? at(life.days.submit_action_plan, 14) : null,
        action_plan_approved_at: life.days.approve_action_plan ? at(life.days.approve_action_plan, 15) : null,
        report_submitted_at: life.days.submit_report ? at(life.days.submit_report, 15) : null,
        report_summary: life.days.submit_report ? 'Service delivered' : null,
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
              ? null
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

/** Unique by its first six characters (the running count), so a large demo never repeats one. */
function referenceFor(n: number, rng: Rng): string {
  const high = Math.floor(n / 10_000)
  return `${LETTERS[Math.floor(high / 24) % 24]}${LETTERS[high % 24]}${String(n % 10_000).padStart(4, '0')}${rng.pick([...LETTERS])}${rng.pick([...LETTERS])}`
}

function pickLine(rng: Rng) {
  let x = rng.next()
  for (const line of CONTRACT_LINES) {
    if ((x -= line.weight) < 0) return line
  }
  return CONTRACT_LINES[0]
}

function pickSome<T>(rng: Rng, items: T[], n: number): T[] {
  const pool = [...items]
  const out: T[] = []
  while (out.length < n && pool.length) out.push(pool.splice(rng.int(pool.length), 1)[0]!)
  return out
}

/**
 * Walks one referral through the state machine day by day until today: each step is taken only
 * if the machine allows it, so the demo can hold no state the service could not reach.
 */
function simulate(rng: Rng, p: ContractProfile, sentDay: string, today: string) {
  const days: Partial<Record<string, string>> = {}
  const events: { event: string; from: ReferralState; to: ReferralState; day: string }[] = []
  const sessions: { day: string; attendance: 'attended' | 'late' | 'did_not_attend' }[] = []
  let state: ReferralState = 'draft'
  // Read through a function: TypeScript cannot see that fire() below changes it.
  const now = (): ReferralState => state
  let day = sentDay
  const planned = 2 + rng.int(5)
  const withdrawAt = rng.chance(WITHDRAWAL_SHARE) ? rng.int(6) : -1
  let step = 0
  let withdrawn = false
  let endDay: string | null = null
  const attended = () => sessions.filter((s) => s.attendance !== 'did_not_attend').length
  const fire = (event: Parameters<typeof transition>[1], gap: number): boolean => {
    const next = addDays(day, gap)
    if (next > today) return false
    const result = transition(state, event, { sessionsAttended: attended(), plannedSessions: planned })
    if (!result.ok) return false
    events.push({ event, from: state, to: result.to, day: next })
    days[event] = next
    state = result.to
    day = next
    return true
  }
  const timely = rng.chance(p.timely)
  const plan: [Parameters<typeof transition>[1], number][] = [
    ['send', 0],
    ['assign', rng.int(2)],
    ['book_assessment', timely ? rng.int(3) : 4 + rng.int(10)],
    ['record_assessment', 3 + rng.int(10)],
    ['submit_action_plan', 2 + rng.int(6)],
    ['approve_action_plan', 1 + rng.int(5)],
  ]
  for (const [event, gap] of plan) {
    if (step++ === withdrawAt && now() !== 'draft') {
      withdrawn = fire('withdraw', 1 + rng.int(10))
      break
    }
    if (!fire(event, gap)) break
  }
  // Delivery: weekly sessions, a missed one rebooked; a poor-completion contract loses people
  // part-way through, who are then withdrawn or reported on early.
  const completes = rng.chance(p.completion)
  const stopAfter = completes ? planned * 2 : rng.int(planned)
  if (!withdrawn && now() === 'action_plan_approved') {
    while (attended() < planned && sessions.length < stopAfter) {
      const attendance = rng.chance(p.attendance)
        ? rng.chance(0.85)
          ? 'attended'
          : 'late'
        : 'did_not_attend'
      if (!fire('record_session', 5 + rng.int(5))) break
      sessions.push({ day, attendance })
    }
    const finished = attended() >= planned
    if (!finished && (now() === 'action_plan_approved' || rng.chance(0.5)))
      withdrawn = fire('withdraw', 3 + rng.int(20))
    else if (
      now() === 'in_delivery' &&
      fire('submit_report', rng.chance(p.timely) ? 1 + rng.int(13) : 15 + rng.int(30))
    )
      fire('conclude', 1 + rng.int(3))
  }
  if (['completed', 'ended_early', 'cancelled'].includes(now())) endDay = day
  return { state: now(), days, events, sessions, planned, withdrawn, endDay }
}

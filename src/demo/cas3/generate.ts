import { sql, type Insertable } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { DB } from '../../platform/db/schema.ts'
import { createRng, uuidFrom } from '../prng.ts'
import { DEMO_FOCUS, PDU_COUNCILS, REGION_WEIGHTS } from '../geography.ts'
import { earlierOf, englandAndWalesCalendar } from '../../platform/calendar/index.ts'
import { DEFAULT_CAS3_STAY_RULES, nextArrivalDate } from '../../domains/cas3/stay-rules.ts'
import { deferOutcomeRefresh } from '../outcomes/maintenance.ts'
import { addDays } from '../../domains/cas3/rules.ts'
import { cas3Db, type Cas3Tables } from '../../domains/cas3/tables.ts'
import {
  CANCELLATION_REASONS,
  NATIONAL_BEDSPACES,
  REJECTION_REASONS,
  departureReasonFor,
  drawOutcome,
  MOVE_ON_PLANS,
  RISKS_AND_NEEDS,
} from './plan.ts'
import { OUTWARD_CODES, postcodeIn } from './postcodes.ts'
import { MOVE_ON_CATEGORIES } from '../../domains/cas3/vocabulary.ts'

export interface Cas3DemoSummary {
  premises: number
  bedspaces: number
  referrals: number
  bookings: number
}

const STREETS = [
  'Station Road',
  'Church Street',
  'Victoria Road',
  'Park Lane',
  'Mill Lane',
  'High Street',
  'Green Lane',
  'Albert Road',
  'Queen Street',
  'New Road',
]
const HISTORY_DAYS = 730
const FUTURE_DAYS = 56
/** Share of released people referred to CAS3: at least 11% are released homeless (domain.md section 12). */
const REFERRAL_SHARE = 0.11
const FOCUS_REFERRAL_SHARE = 0.4
/** Share of referrals for releases still to come that wait in the queue, unassessed or in review. */
const WAITING_SHARE = 0.4

/**
 * A deterministic national CAS3 estate (660 bedspaces across every region, in real PDUs and their
 * councils) and two years of referrals and bookings for the demo's released people, with arrival
 * and move-on status events. Bookings are placed greedily on the first free bedspace in the region,
 * after the turnaround, so the exclusion constraint holds throughout.
 */
export async function generateCas3Demo(
  database: Database,
  options: { seed: number; today: string; deferRefresh?: boolean },
  onProgress?: (done: number, total: number) => void,
): Promise<Cas3DemoSummary> {
  const db = cas3Db(database)
  const rng = createRng(options.seed, 0xca53)
  const calendar = englandAndWalesCalendar()
  const { maxNights } = DEFAULT_CAS3_STAY_RULES
  const from = addDays(options.today, -HISTORY_DAYS)
  const [pdus, localAuthorities, premisesChars, bedspaceChars, orgs] = await Promise.all([
    database.selectFrom('pdu').select(['code', 'region_code']).execute(),
    database.selectFrom('local_authority').select('code').execute(),
    db
      .selectFrom('cas3_characteristic')
      .select('name')
      .where('scope', '=', 'premises')
      .where('active', '=', true)
      .execute(),
    db
      .selectFrom('cas3_characteristic')
      .select('name')
      .where('scope', '=', 'bedspace')
      .where('active', '=', true)
      .execute(),
    database.selectFrom('organisation').select(['id', 'pdu_code']).where('kind', '=', 'pdu').execute(),
  ])
  const knownLa = new Set(localAuthorities.map((l) => l.code))
  const orgOfPdu = new Map(orgs.map((o) => [o.pdu_code, o.id]))
  const total = REGION_WEIGHTS.reduce((n, [, w]) => n + w, 0)

  type Bed = { id: string; region: string; pdu: string; freeFrom: string }
  const beds: Bed[] = []
  let premisesCount = 0
  for (const [region, weight] of REGION_WEIGHTS) {
    // Premises stand in the councils whose postcode districts are known (postcodes.ts).
    const councilsOf = (pdu: string) =>
      (PDU_COUNCILS[pdu] ?? '').split(' ').filter((c) => knownLa.has(c) && OUTWARD_CODES[c])
    const regionPdus = pdus.filter(
      (p) => p.region_code === region && councilsOf(p.code).length > 0 && orgOfPdu.has(p.code),
    )
    if (regionPdus.length === 0) continue
    const target = Math.round((NATIONAL_BEDSPACES * weight) / total)
    let made = 0
    const premisesRows = []
    const used = new Set<string>()
    const bedRows = []
    while (made < target) {
      const pdu = regionPdus[premisesCount % regionPdus.length]!
      const councils = councilsOf(pdu.code)
      if (councils.length === 0) {
        premisesCount++
        continue
      }
      const id = uuidFrom(rng)
      // A CAS3 property is known by its address: the name is the first line of it.
      // Unique in its region, as premises names are.
      let address = `${rng.between(1, 240)} ${rng.pick(STREETS)}`
      while (used.has(address)) address = `${rng.between(1, 240)} ${rng.pick(STREETS)}`
      used.add(address)
      const council = rng.pick(councils)
      premisesRows.push({
        id,
        region_code: region,
        name: address,
        address_line1: address,
        postcode: postcodeIn(rng, council) ?? '',
        local_authority_code: council,
        pdu_code: pdu.code,
        characteristics: premisesChars.filter(() => rng.chance(0.2)).map((c) => c.name),
      })
      premisesCount++
      const n = Math.min(target - made, rng.between(1, 4))
      for (let i = 0; i < n; i++) {
        const bedId = uuidFrom(rng)
        bedRows.push({
          id: bedId,
          premises_id: id,
          reference: `${i + 1}`,
          start_date: addDays(from, -rng.between(30, 400)),
          characteristics: bedspaceChars.filter(() => rng.chance(0.25)).map((c) => c.name),
        })
        beds.push({ id: bedId, region, pdu: pdu.code, freeFrom: from })
      }
      made += n
    }
    await db.insertInto('cas3_premises').values(premisesRows).execute()
    await db.insertInto('cas3_bedspace').values(bedRows).execute()
  }

  // Released (or due) people in the window, in date order: each may be referred and placed.
  const episodes = await database
    .selectFrom('custody_episode')
    .select([
      'id',
      'person_id',
      'region_code',
      'pdu_code',
      sql<string>`coalesce(actual_release_date, expected_release_date)`.as('release'),
    ])
    .where(
      sql<boolean>`coalesce(actual_release_date, expected_release_date) between ${from}::date and ${addDays(options.today, FUTURE_DAYS)}::date`,
    )
    .where(
      // Releases into the focus PDU in the coming weeks are referred more often, so the demo
      // CAS3 officer has referrals to assess and to place even in the 3,000-person demo.
      sql<boolean>`abs(hashtext(id::text || ${String(options.seed)})) % 1000 < case
        when pdu_code = ${DEMO_FOCUS.pduCode} and actual_release_date is null then ${Math.round(FOCUS_REFERRAL_SHARE * 1000)}::int
        else ${Math.round(REFERRAL_SHARE * 1000)}::int end`,
    )
    .orderBy(sql`coalesce(actual_release_date, expected_release_date)`)
    .orderBy('id')
    .execute()

  // An authorised overstay names the officer who authorised it: the demo's CAS3 officer, if any.
  const authoriser = await database
    .selectFrom('app_user')
    .select('id')
    .where('role', '=', 'cas3_officer')
    .orderBy('email')
    .executeTakeFirst()
  const referrals: Insertable<Cas3Tables['cas3_referral']>[] = []
  const bookings: Insertable<Cas3Tables['cas3_booking']>[] = []
  const events: Insertable<Cas3Tables['cas3_booking_event']>[] = []
  const statusEvents: Insertable<DB['status_event']>[] = []
  for (const [i, e] of episodes.entries()) {
    if (i % 500 === 0) onProgress?.(i, episodes.length)
    const org = orgOfPdu.get(e.pdu_code)
    if (!org || !PDU_COUNCILS[e.pdu_code]) continue
    const referralId = uuidFrom(rng)
    const past = e.release <= options.today
    // Referrals for releases in the coming weeks are partly still in the team's queue: not yet
    // assessed, or being assessed (so the CAS3 sign-in has referrals to assess and to place).
    const waiting =
      !past && rng.chance(WAITING_SHARE) ? (rng.chance(0.6) ? 'unallocated' : 'in_review') : null
    const bed = waiting
      ? undefined
      : beds
          .filter((b) => b.region === e.region_code && b.freeFrom <= e.release)
          .sort((a, b) => (a.freeFrom < b.freeFrom ? -1 : 1))[0]
    referrals.push({
      id: referralId,
      person_id: e.person_id,
      custody_episode_id: e.id,
      region_code: e.region_code,
      placement_pdu_code: e.pdu_code,
      referrer_organisation_id: org,
      consent_given: true,
      // A referral in the queue today was made today at the latest, so its consent and Duty to
      // Refer dates are never after today, however far ahead the release is.
      consent_date: earlierOf(addDays(e.release, -rng.between(14, 60)), options.today),
      eligibility: 'homeless_on_release',
      release_date: e.release,
      risks_and_needs: rng.pick(RISKS_AND_NEEDS),
      duty_to_refer_submitted: true,
      duty_to_refer_date: earlierOf(addDays(e.release, -rng.between(14, 56)), options.today),
      duty_to_refer_outcome: rng.pick(['accepted_prevention', 'accepted_relief', 'pending', 'not_eligible']),
      crs_referral_made: rng.chance(0.6),
      move_on_plan: rng.pick(MOVE_ON_PLANS),
      status: waiting ?? (bed ? (past ? 'closed' : 'ready_to_place') : 'rejected'),
      rejection_reason_id: bed || waiting ? null : rng.pick(REJECTION_REASONS),
      assessor_id: waiting === 'in_review' ? (authoriser?.id ?? null) : null,
      created_at: new Date(`${addDays(e.release, -rng.between(7, 56))}T10:00:00Z`),
    })
    if (!bed) continue
    const drawn = drawOutcome(rng, maxNights)
    const outcome = drawn.overstay && !authoriser ? { ...drawn, overstay: false, nights: maxNights } : drawn
    const arrival = e.release
    const departure = addDays(arrival, outcome.nights)
    const cancelled = rng.chance(0.04)
    const notArrived = !cancelled && rng.chance(0.02)
    const status = cancelled
      ? 'cancelled'
      : notArrived
        ? 'not_arrived'
        : arrival > options.today
          ? rng.chance(0.7)
            ? 'confirmed'
            : 'provisional'
          : departure > options.today
            ? 'arrived'
            : 'departed'
    const id = uuidFrom(rng)
    const blocked = nextArrivalDate(departure, calendar)
    const departed = status === 'departed'
    bookings.push({
      id,
      bedspace_id: bed.id,
      person_id: e.person_id,
      custody_episode_id: e.id,
      referral_id: referralId,
      arrival_date: arrival,
      departure_date: departure,
      blocked_until: blocked,
      status,
      arrived_on: status === 'arrived' || departed ? arrival : null,
      departed_on: departed ? departure : null,
      cancellation_reason_id: cancelled ? rng.pick(CANCELLATION_REASONS) : null,
      departure_reason_id: departed ? departureReasonFor(outcome.category, rng) : null,
      move_on_category_id: departed ? outcome.category : null,
      overstay_reason: outcome.overstay ? 'Settled accommodation confirmed for a date past the limit' : null,
      overstay_authorised_by: outcome.overstay ? authoriser!.id : null,
    })
    events.push({ booking_id: id, event: 'created', to_departure_date: departure })
    if (status === 'cancelled' || status === 'not_arrived') continue
    bed.freeFrom = addDays(blocked, rng.between(0, 6))
    if (status === 'arrived' || departed)
      statusEvents.push({
        person_id: e.person_id,
        custody_episode_id: e.id,
        kind: 'accommodation',
        accommodation_type_code: 'A17',
        effective_date: arrival,
        source: 'cas3',
      })
    const code = departed ? MOVE_ON_CATEGORIES[outcome.category]?.accommodationType : null
    if (code)
      statusEvents.push({
        person_id: e.person_id,
        custody_episode_id: e.id,
        kind: 'accommodation',
        accommodation_type_code: code,
        effective_date: departure,
        source: 'cas3',
      })
  }
  const chunks = <T>(rows: T[]) =>
    Array.from({ length: Math.ceil(rows.length / 1000) }, (_, i) => rows.slice(i * 1000, i * 1000 + 1000))
  await database.transaction().execute(async (trx) => {
    // The demo generator rebuilds the outcome facts once after every capability's records.
    if (options.deferRefresh) await deferOutcomeRefresh(trx)
    const t = cas3Db(trx)
    for (const c of chunks(referrals)) await t.insertInto('cas3_referral').values(c).execute()
    for (const c of chunks(bookings)) await t.insertInto('cas3_booking').values(c).execute()
    for (const c of chunks(events)) await t.insertInto('cas3_booking_event').values(c).execute()
    for (const c of chunks(statusEvents)) await trx.insertInto('status_event').values(c).execute()
  })
  onProgress?.(episodes.length, episodes.length)
  return {
    premises: premisesCount,
    bedspaces: beds.length,
    referrals: referrals.length,
    bookings: bookings.length,
  }
}

/**
 * A small team of community offender managers in every PDU, with names a person could have, so
 * that handovers name their COM and CRS referrals their referrer (issue 12: no "Allocated COM"
 * placeholder, no "Unknown" referrer with hundreds of referrals). In the focus PDU the demo COM
 * is one of the team, so her sign-in sees her own cases. Every team member takes the demo
 * password: each holds data, and every demo account with data signs in the same way.
 */
import { sql } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import { DEMO_FOCUS } from './geography.ts'
import { personName } from './names.ts'
import { createRng, uuidFrom } from './prng.ts'
import { DEMO_EMAIL_DOMAIN } from './users.ts'

/** COMs made per PDU. Real teams are larger; the demo needs names, not head counts (capacity holds FTE). */
export const COM_TEAM_SIZE = 4
/** Team members' addresses: outside the demo sign-in domain, so start-up does not list them all. */
export const COM_EMAIL_DOMAIN = 'probation.demo.resettle'
const TEAM_STREAM = 0xc0a1

// Mostly White British, with the mix of a public-sector workforce in England and Wales.
const GROUPS = ['W1', 'W1', 'W1', 'W1', 'W1', 'W1', 'A1', 'A2', 'B1', 'B2', 'M1', 'W2'] as const

/**
 * Creates the teams once (a second run finds them). The demo COM in the focus PDU counts as
 * that team's first member.
 */
export async function ensureComTeams(db: Database, seed: number): Promise<void> {
  const existing = await db
    .selectFrom('app_user')
    .select('id')
    .where('email', 'like', `%@${COM_EMAIL_DOMAIN}`)
    .limit(1)
    .execute()
  if (existing.length) return
  const [pdus, hash] = await Promise.all([
    db
      .selectFrom('organisation')
      .select(['id', 'pdu_code'])
      .where('kind', '=', 'pdu')
      .orderBy('pdu_code')
      .execute(),
    db
      .selectFrom('app_user')
      .select('password_hash')
      .where('email', 'like', `%@${DEMO_EMAIL_DOMAIN}`)
      .where('password_hash', 'is not', null)
      .limit(1)
      .executeTakeFirst(),
  ])
  const rng = createRng(seed, TEAM_STREAM)
  const taken = new Set<string>()
  const rows = []
  for (const pdu of pdus) {
    const size = pdu.pdu_code === DEMO_FOCUS.pduCode ? COM_TEAM_SIZE - 1 : COM_TEAM_SIZE
    for (let i = 0; i < size; i++) {
      const sex = rng.chance(0.7) ? 'female' : 'male'
      const { given, family } = personName(rng, rng.pick(GROUPS), sex)
      const local = `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, '')
      let email = `${local}@${COM_EMAIL_DOMAIN}`
      for (let n = 2; taken.has(email); n++) email = `${local}${n}@${COM_EMAIL_DOMAIN}`
      taken.add(email)
      rows.push({
        id: uuidFrom(rng),
        email,
        name: `${given} ${family}`,
        role: 'com' as const,
        organisation_id: pdu.id,
        password_hash: hash?.password_hash ?? null,
      })
    }
  }
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('app_user')
      .values(rows.slice(i, i + 1000))
      .execute()
}

/**
 * Each PDU's COMs in a fixed order (the demo COM first in hers), as SQL: the release-planning
 * demo names a handover's COM from it and the referral demo a referral's referrer, both by
 * `comFor`, so one release has one COM throughout.
 */
export const comTeams = sql`(
  select o.pdu_code, array_agg(u.id::text order by u.email not like ${'%@' + DEMO_EMAIL_DOMAIN}, u.email) as ids,
    array_agg(u.name order by u.email not like ${'%@' + DEMO_EMAIL_DOMAIN}, u.email) as names
  from app_user u join organisation o on o.id = u.organisation_id
  where u.role = 'com' and o.kind = 'pdu'
  group by o.pdu_code)`

/** Which of a team of `size` holds the release with this id: the same in SQL and in JavaScript. */
export const comIndex = (episodeId: string, size: number) => parseInt(episodeId.slice(0, 8), 16) % size

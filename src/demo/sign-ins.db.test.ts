import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '../platform/auth/passwords.ts'
import { scopeOf, type Actor } from '../platform/auth/actor.ts'
import { loadConfig } from '../platform/config.ts'
import { repositories, services } from '../composition.ts'
import { testDatabase } from '../../test/support/db.ts'
import { generateDemoData } from './generator.ts'
import { OUTWARD_CODES } from './cas3/postcodes.ts'
import { DEMO_EMAIL_DOMAIN } from './users.ts'

// Issue 12: every demo sign-in that start-up prints lands on real work. The demo is made as
// `npm start` makes it (3,000 people) and each demo user's home-page queue is counted.
const TODAY = '2026-11-28'
const { db } = await testDatabase()

async function actorOf(local: string): Promise<Actor> {
  const u = await db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id',
      'u.name',
      'u.email',
      'u.role',
      'o.id as orgId',
      'o.name as orgName',
      'o.kind',
      'o.prison_code',
      'o.pdu_code',
      'o.region_code',
      'o.local_authority_code',
    ])
    .where('u.email', '=', `${local}@${DEMO_EMAIL_DOMAIN}`)
    .executeTakeFirstOrThrow()
  return {
    via: 'session',
    userId: u.id,
    tokenId: null,
    name: u.name,
    email: u.email,
    organisationId: u.orgId,
    organisationName: u.orgName,
    organisationKind: u.kind,
    role: u.role,
    scope: scopeOf({
      id: u.orgId,
      kind: u.kind,
      prison_code: u.prison_code,
      pdu_code: u.pdu_code,
      region_code: u.region_code,
      local_authority_code: u.local_authority_code,
    }),
  }
}

// The size, seed and password `npm start` uses, read from the same config defaults (DEMO_PEOPLE,
// DEMO_SEED and DEMO_PASSWORD in src/platform/config.ts) so that this stays the demo it prints.
const demo = loadConfig({ NODE_ENV: 'test' }).demo
const PASSWORD = demo.password

beforeAll(
  () => generateDemoData(db, { people: demo.people, seed: demo.seed, password: PASSWORD, today: TODAY }),
  600_000,
)

describe('every demo sign-in lands on real work (issue 12)', () => {
  // The queue items that must hold work for each sign-in start-up prints. The health
  // coordinator is not offered (that role sees no one yet); the analyst's and the
  // administrator's home pages are their dashboards and user lists, with no queue to fill.
  const MUST_HAVE: Record<string, string[]> = {
    resettlement: ['Releases in the next 12 weeks', 'Releases in the next 12 weeks with no plan actions yet'],
    pom: ['Releases in the next 12 weeks'],
    com: ['Handovers due', 'Pre-release contacts due', 'Action plans to approve'],
    provider: [
      'Referrals to accept',
      'Assigned to you and open',
      'In delivery with sessions still to record',
    ],
    cas3: ['Referrals to assess', 'Ready to place'],
    council: ['Releases into your area', 'Duty to Refer due'],
    'regional-lead': ['CAS3 referrals waiting to be assessed'],
  }
  for (const [local, labels] of Object.entries(MUST_HAVE))
    it(`gives ${local} work in ${labels.length} queues`, async () => {
      const svc = services(db, repositories(db), loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), {
        today: () => TODAY,
        now: () => new Date(`${TODAY}T10:00:00Z`),
      })
      const items = await svc.workQueues.forActor({ actor: await actorOf(local), route: '/' })
      for (const label of labels) {
        const item = items.find((i) => i.label.startsWith(label))
        expect(item, label).toBeDefined()
        expect(item?.count, label).toBeGreaterThan(0)
      }
    })

  it('lets every demo account that holds data sign in with the demo password', async () => {
    const users = await sql<{ email: string; password_hash: string | null }>`
      select u.email, u.password_hash from app_user u
      where exists (select 1 from referral r where r.caseworker_user_id = u.id or r.referrer_user_id = u.id)`.execute(
      db,
    )
    expect(users.rows.length).toBeGreaterThan(0)
    const hashes = new Map<string, boolean>()
    for (const u of users.rows) {
      const hash = u.password_hash ?? ''
      if (!hashes.has(hash)) hashes.set(hash, await verifyPassword(hash, PASSWORD))
      expect(hashes.get(hash), u.email).toBe(true)
    }
  })
})

describe('demo data that looks real (issue 12, defect 13)', () => {
  it('names each handover’s COM from the PDU’s team, never a placeholder', async () => {
    const wrong = await sql<{ n: number }>`
      select count(*)::int as n from handover h join custody_episode e on e.id = h.custody_episode_id
      where h.com_name is not null and not exists (
        select 1 from app_user u join organisation o on o.id = u.organisation_id
        where u.role = 'com' and o.pdu_code = e.pdu_code and u.name = h.com_name)`.execute(db)
    expect(wrong.rows[0]?.n).toBe(0)
  })

  it('gives every CRS referral a named referrer', async () => {
    const r = await sql<{ n: number; none: number }>`
      select count(*)::int as n, count(*) filter (where referrer_user_id is null)::int as none from referral`.execute(
      db,
    )
    expect(r.rows[0]?.n).toBeGreaterThan(0)
    expect(r.rows[0]?.none).toBe(0)
  })

  it('gives every sentenced person an offence dated before their first sentence', async () => {
    const r = await sql<{ without: number; late: number }>`
      with first as (select person_id, min(sentence_date) as sentenced from custody_episode group by person_id),
      earliest as (select person_id, min(offence_date) as committed from offence group by person_id)
      select count(*) filter (where o.person_id is null)::int as without,
        count(*) filter (where o.committed >= f.sentenced)::int as late
      from first f left join earliest o on o.person_id = f.person_id`.execute(db)
    expect(r.rows[0]).toEqual({ without: 0, late: 0 })
  })

  it('writes no placeholder text', async () => {
    const r = await sql<{ n: number }>`
      select (select count(*) from offence where description ilike '%demo%')
        + (select count(*) from cas3_referral where risks_and_needs ilike '%demo%' or move_on_plan ilike '%demo%')
        + (select count(*) from referral where reason ilike '%demo%' or reason = 'Support on release'
            or action_plan = 'Agreed activities' or report_summary = 'Service delivered')
        + (select count(*) from handover where release_address = 'Release address recorded' or com_name = 'Allocated COM')
        + (select count(*) from app_user where name like 'Caseworker %') as n`.execute(db)
    expect(Number(r.rows[0]?.n)).toBe(0)
  })

  it('names each CAS3 premises by its address, with a postcode district of its council', async () => {
    const premises = (
      await sql<{ name: string; address_line1: string; postcode: string; local_authority_code: string }>`
        select name, address_line1, postcode, local_authority_code from cas3_premises`.execute(db)
    ).rows
    expect(premises.length).toBeGreaterThan(0)
    for (const p of premises) {
      expect(p.name).toBe(p.address_line1)
      expect(OUTWARD_CODES[p.local_authority_code]).toContain(p.postcode.split(' ')[0])
      expect(p.postcode).toMatch(/^[A-Z]{1,2}[0-9]{1,2} [0-9][ABD-HJLNP-UW-Z]{2}$/)
    }
  })
})

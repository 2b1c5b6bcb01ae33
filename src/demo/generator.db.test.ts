import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../platform/db/index.ts'
import { verifyPassword } from '../platform/auth/passwords.ts'
import { testDatabase } from '../../test/support/db.ts'
import { generateDemoData, type DemoSummary } from './generator.ts'
import { DEMO_FOCUS } from './geography.ts'

const TODAY = '2026-03-02'
const PASSWORD = 'demo-password-2026'
const ROLES = [
  'prison_resettlement_worker',
  'pom',
  'com',
  'provider_caseworker',
  'cas3_officer',
  'council_officer',
  'health_coordinator',
  'regional_lead',
  'national_analyst',
  'admin',
]

/** A digest of everything generated except timestamps and password hashes (salted). */
async function digest(db: Database): Promise<string> {
  const people = await sql<Record<string, unknown>>`
    select id, given_name, family_name, date_of_birth, sex, ethnic_group_code, prison_number, crn, pnc_id,
      communication_needs, preferred_language, search_name
    from person order by id`.execute(db)
  const episodes = await sql<Record<string, unknown>>`
    select id, person_id, prison_code, sentence_type, sentence_length_band, sentence_date, expected_release_date,
      actual_release_date, release_type, licence_end_date, mappa_level, pdu_code, region_code, local_authority_code
    from custody_episode order by id`.execute(db)
  const users = await sql<Record<string, unknown>>`
    select u.id, u.email, u.name, u.role, o.id as organisation_id, o.name as organisation
    from app_user u join organisation o on o.id = u.organisation_id order by u.email`.execute(db)
  const hash = createHash('sha256')
  for (const rows of [people.rows, episodes.rows, users.rows]) {
    for (const row of rows) hash.update(JSON.stringify(Object.values(row)) + '\n')
  }
  return hash.digest('hex')
}

const count = async (db: Database, query: ReturnType<typeof sql<{ n: number }>>) =>
  (await query.execute(db)).rows[0]?.n ?? -1

// Three databases: the 500-person demo, its twin from the same options, and a 2,000-person one.
const [{ db }, { db: twin }, { db: large }] = await Promise.all([
  testDatabase(),
  testDatabase(),
  testDatabase(),
])
const OPTIONS = { people: 500, seed: 7, password: PASSWORD, today: TODAY }

describe('demo data generator', () => {
  describe('with 500 people', () => {
    const progress: [number, number][] = []
    let summary: DemoSummary
    beforeAll(async () => {
      summary = await generateDemoData(db, OPTIONS, (done, total) => progress.push([done, total]))
    })

    it('gives identical data, ids included, for the same options', async () => {
      await generateDemoData(twin, OPTIONS)
      const [a, b] = await Promise.all([digest(db), digest(twin)])
      expect(a).toBe(b)
    })

    it('creates the counts it reports', async () => {
      expect(summary.people).toBe(500)
      expect(await count(db, sql`select count(*)::int as n from person`)).toBe(500)
      expect(await count(db, sql`select count(*)::int as n from custody_episode`)).toBe(
        summary.custodyEpisodes,
      )
      expect(summary.custodyEpisodes).toBe(summary.released + summary.dueForRelease)
      expect(summary.custodyEpisodes / 500).toBeGreaterThan(1.1)
      expect(summary.custodyEpisodes / 500).toBeLessThan(1.35)
      expect(
        await count(
          db,
          sql`select count(*)::int as n from custody_episode where actual_release_date is null`,
        ),
      ).toBe(summary.dueForRelease)
      expect(progress.at(0)).toEqual([0, 500])
      expect(progress.at(-1)).toEqual([500, 500])
    })

    it('keeps every person searchable by name and every identifier unique', async () => {
      expect(
        await count(
          db,
          sql`select count(*)::int as n from person where search_name <> lower(family_name || ' ' || given_name)`,
        ),
      ).toBe(0)
      expect(await count(db, sql`select count(distinct prison_number)::int as n from person`)).toBe(500)
      expect(await count(db, sql`select count(distinct crn)::int as n from person`)).toBe(500)
      expect(
        await count(
          db,
          sql`select count(*)::int as n from person where pnc_id !~ '^[0-9]{4}/[0-9]{7}[A-Z]$'`,
        ),
      ).toBe(0)
    })

    it('gives every role a demo user who can sign in with the demo password', async () => {
      const users = await db
        .selectFrom('app_user')
        .innerJoin('organisation', 'organisation.id', 'app_user.organisation_id')
        .select(['app_user.role', 'app_user.email', 'app_user.password_hash', 'organisation.kind'])
        // The sign-in users; the referral demo adds provider caseworkers of its own.
        .where('app_user.email', 'like', '%@demo.resettle.test')
        .execute()
      expect(users.map((u) => u.role).sort()).toEqual([...ROLES].sort())
      expect(summary.demoUsers.map((u) => u.role).sort()).toEqual([...ROLES].sort())
      expect(users.every((u) => u.email.endsWith('@demo.resettle.test'))).toBe(true)
      const kinds = Object.fromEntries(users.map((u) => [u.role, u.kind]))
      expect(kinds).toMatchObject({
        com: 'pdu',
        pom: 'prison',
        provider_caseworker: 'provider',
        health_coordinator: 'health',
      })
      expect(await verifyPassword(users[0]?.password_hash ?? '', PASSWORD)).toBe(true)
      // One hash, reused: hashing once per user would cost 20 ms each.
      expect(new Set(users.map((u) => u.password_hash)).size).toBe(1)
    })

    it('gives the London COM, Pentonville and Islington people due out in the next 12 weeks', async () => {
      const due = (column: 'pdu_code' | 'prison_code' | 'local_authority_code', value: string) =>
        count(
          db,
          sql`select count(*)::int as n from custody_episode
              where ${sql.ref(column)} = ${value} and actual_release_date is null
                and expected_release_date > ${TODAY}::date and expected_release_date <= ${TODAY}::date + 84`,
        )
      expect(await due('pdu_code', DEMO_FOCUS.pduCode)).toBeGreaterThan(3)
      expect(await due('prison_code', DEMO_FOCUS.prisonCode)).toBeGreaterThan(3)
      expect(await due('local_authority_code', DEMO_FOCUS.councilCode)).toBeGreaterThan(3)
      // The three worklists share people: released from Pentonville into Islington, supervised there.
      const shared = await count(
        db,
        sql`select count(*)::int as n from custody_episode
            where pdu_code = ${DEMO_FOCUS.pduCode} and prison_code = ${DEMO_FOCUS.prisonCode}
              and local_authority_code = ${DEMO_FOCUS.councilCode} and actual_release_date is null`,
      )
      expect(shared).toBeGreaterThan(3)
    })

    it('does not create the demo users twice', async () => {
      const again = await generateDemoData(db, { people: 0, seed: 7, password: PASSWORD, today: TODAY })
      expect(again.users).toBe(0)
      expect(again.organisationsCreated).toBe(0)
      expect(again.demoUsers).toEqual(summary.demoUsers)
    })
  })

  describe('with 2,000 people', () => {
    beforeAll(() => generateDemoData(large, { people: 2_000, seed: 11, password: PASSWORD, today: TODAY }))

    it('releases about 7.5% women, 92.5% men', async () => {
      const women = await count(large, sql`select count(*)::int as n from person where sex = 'female'`)
      expect(women / 2_000).toBeGreaterThan(0.05)
      expect(women / 2_000).toBeLessThan(0.1)
    })

    it('matches the ethnic mix of prison leavers within a few points', async () => {
      const rows = await sql<{ group: string; n: number }>`
        select g.high_level_group as group, count(*)::int as n
        from person p join ethnic_group g on g.code = p.ethnic_group_code group by 1`.execute(large)
      const stated = rows.rows.reduce((sum, r) => sum + r.n, 0)
      const share = (group: string) => (rows.rows.find((r) => r.group === group)?.n ?? 0) / stated
      expect(Math.abs(share('White') - 0.72)).toBeLessThan(0.04)
      expect(Math.abs(share('Black or Black British') - 0.12)).toBeLessThan(0.03)
      expect(Math.abs(share('Asian or Asian British') - 0.08)).toBeLessThan(0.025)
      expect(Math.abs(share('Mixed or Multiple ethnic groups') - 0.05)).toBeLessThan(0.02)
      expect(Math.abs(share('Other ethnic group') - 0.03)).toBeLessThan(0.015)
    })

    it('releases mostly people aged 18 to 60, most often in their late 20s and 30s', async () => {
      const rows = await sql<{ age: number; n: number }>`
        select extract(year from age(coalesce(e.actual_release_date, e.expected_release_date), p.date_of_birth))::int as age,
          count(*)::int as n
        from custody_episode e join person p on p.id = e.person_id group by 1`.execute(large)
      const total = rows.rows.reduce((sum, r) => sum + r.n, 0)
      const between = (from: number, to: number) =>
        rows.rows.filter((r) => r.age >= from && r.age <= to).reduce((sum, r) => sum + r.n, 0) / total
      expect(between(18, 60)).toBeGreaterThan(0.95)
      expect(between(25, 39)).toBeGreaterThan(0.45)
      expect(Math.min(...rows.rows.map((r) => r.age))).toBeGreaterThanOrEqual(18)
    })

    it('spreads releases over every region, London the largest', async () => {
      const rows = await sql<{ region_code: string; n: number }>`
        select region_code, count(*)::int as n from custody_episode group by 1 order by 2 desc`.execute(large)
      expect(rows.rows).toHaveLength(12)
      expect(rows.rows[0]?.region_code).toBe('N07')
    })
  })
})

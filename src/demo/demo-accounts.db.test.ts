import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '../platform/auth/passwords.ts'
import { testDatabase } from '../../test/support/db.ts'
import { generateDemoData } from './generator.ts'

// Issue 12, defect 2: every demo sign-in lands on real work, and every demo account with data
// takes the demo password.
const TODAY = '2026-03-02'
const PASSWORD = 'demo-password-2026'
const { db } = await testDatabase()

describe('demo accounts', () => {
  beforeAll(() => generateDemoData(db, { people: 600, seed: 7, password: PASSWORD, today: TODAY }), 120_000)

  it('gives the provider demo sign-in referrals and a contract', async () => {
    const row = await sql<{ referrals: number; contracts: number }>`
      select (select count(*)::int from referral r where r.provider_organisation_id = u.organisation_id) as referrals,
             (select count(*)::int from contract c where c.provider_organisation_id = u.organisation_id) as contracts
      from app_user u where u.email = 'provider@demo.resettle.test'`.execute(db)
    expect(row.rows[0]?.referrals).toBeGreaterThan(0)
    expect(row.rows[0]?.contracts).toBeGreaterThan(0)
  })

  it('lets every demo caseworker with referrals sign in with the demo password', async () => {
    const users = await sql<{ email: string; password_hash: string | null }>`
      select u.email, u.password_hash from app_user u
      where exists (select 1 from referral r where r.caseworker_user_id = u.id)`.execute(db)
    expect(users.rows.length).toBeGreaterThan(0)
    for (const u of users.rows)
      expect(await verifyPassword(u.password_hash ?? '', PASSWORD), u.email).toBe(true)
  })
})

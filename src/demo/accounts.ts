import { sql } from 'kysely'
import type { Database } from '../platform/db/index.ts'
import { DEMO_FOCUS } from './geography.ts'

/**
 * Runs after the referral demo has made its providers, contracts and caseworkers, so that every
 * demo sign-in lands on real work (issue 12, defect 2):
 * - the provider demo user joins the provider with the most open referrals (the focus region's
 *   when it has as many; rather than a provider with no contracts) and takes over its open cases;
 * - every demo caseworker takes the demo password (they were made without one, so the accounts
 *   that held the referrals could not sign in).
 * The shared hash is the one the demo users already carry: argon2id is slow, so it is not redone.
 */
export async function attachDemoAccounts(db: Database, emailDomain: string): Promise<void> {
  const provider = (
    await sql<{ id: string }>`
      select c.provider_organisation_id as id
      from contract c
      join contract_region cr on cr.contract_id = c.id
      left join referral r on r.contract_id = c.id
      group by c.provider_organisation_id
      order by count(r.id) filter (where r.state not in ('draft', 'completed', 'ended_early', 'cancelled')) desc,
        bool_or(cr.region_code = ${DEMO_FOCUS.regionCode}) desc, count(r.id) desc, c.provider_organisation_id
      limit 1`.execute(db)
  ).rows[0]
  if (provider) {
    const user = await db
      .updateTable('app_user')
      .set({ organisation_id: provider.id })
      .where('email', '=', `provider@${emailDomain}`)
      .returning('id')
      .executeTakeFirst()
    // The demo caseworker takes over the provider's open cases, so "Assigned to me" has work.
    if (user)
      await sql`update referral set caseworker_user_id = ${user.id}
        where provider_organisation_id = ${provider.id} and caseworker_user_id is not null
          and state not in ('draft', 'completed', 'ended_early', 'cancelled')`.execute(db)
  }
  const hash = await db
    .selectFrom('app_user')
    .select('password_hash')
    .where('email', 'like', `%@${emailDomain}`)
    .where('password_hash', 'is not', null)
    .limit(1)
    .executeTakeFirst()
  if (hash?.password_hash)
    await db
      .updateTable('app_user')
      .set({ password_hash: hash.password_hash })
      .where('role', '=', 'provider_caseworker')
      .where('email', 'like', 'caseworker.%@demo.resettle')
      .where('password_hash', 'is', null)
      .execute()
}

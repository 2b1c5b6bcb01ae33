/**
 * Checks that demo data looks like a real service's (issue 12, defect 13), as plain queries over
 * any database: each lists what breaks it, so a test can plant one bad row and see it reported,
 * and the demo test runs the same query over a generated demo.
 */
import { sql } from 'kysely'
import type { Database } from '../platform/db/index.ts'

/** CRS referrals with no referrer: the pages name them "Unknown" (the demo once had 66). */
export async function referralsWithNoReferrer(db: Database): Promise<string[]> {
  const rows = await sql<{ reference: string }>`
    select reference from referral where referrer_user_id is null order by reference`.execute(db)
  return rows.rows.map((r) => r.reference)
}

/** People with a custody episode, so sentenced, and no offence recorded. */
export async function sentencedWithNoOffence(db: Database): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    select p.id from person p
    where exists (select 1 from custody_episode e where e.person_id = p.id)
      and not exists (select 1 from offence o where o.person_id = p.id)
    order by p.id`.execute(db)
  return rows.rows.map((r) => r.id)
}

import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { testDatabase } from '../../../test/support/db.ts'
import { buildPerson } from '../../../test/support/builders/common.ts'
import { generateReferralDemo } from '../referrals/generate.ts'
import { generateCapacityDemo } from './generate.ts'

const TODAY = '2026-11-22'
const { db } = await testDatabase()
for (let i = 0; i < 300; i++) await buildPerson(db, { released: true, releaseInDays: -20 - ((i * 7) % 600) })
await generateReferralDemo(db, { seed: 11, today: TODAY })

const places = () =>
  sql<{ reference: string; places: number | null; year: number; twoYears: number }>`
    select k.reference, k.places_per_year as places,
      count(r.id) filter (where r.sent_at >= ${TODAY}::date - 365)::int as year, count(r.id)::int as "twoYears"
    from contract k left join referral r on r.contract_id = k.id and r.state <> 'draft'
      and r.sent_at >= ${TODAY}::date - 730 and r.sent_at < ${TODAY}::date
    group by k.id order by k.reference`
    .execute(db)
    .then((r) => r.rows)

describe('demo contract places', () => {
  it('sizes every contract from the referrals it took, and keeps places already set', async () => {
    await generateCapacityDemo(db, { seed: 11, today: TODAY })
    const rows = await places()
    expect(rows).toHaveLength(36)
    for (const r of rows) {
      const base = Math.max(r.year, r.twoYears / 2)
      expect(r.places).toBeGreaterThanOrEqual(2)
      expect(r.places).toBeLessThanOrEqual(Math.max(2, Math.round(base * 2.2)))
      expect(r.places).toBeGreaterThanOrEqual(Math.min(2, Math.round(base * 0.9)))
    }
    // Tight ones (at most 110% of what they took) and roomy ones (at least 160%) are both there.
    await sql`update contract set places_per_year = 999 where reference = ${rows[0]?.reference ?? ''}`.execute(
      db,
    )
    await generateCapacityDemo(db, { seed: 11, today: TODAY })
    const again = await places()
    expect(again[0]?.places).toBe(999)
    expect(again.slice(1)).toEqual(rows.slice(1))
  })
})

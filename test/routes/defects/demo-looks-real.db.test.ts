import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../support/db.ts'
import { generateDemoData } from '../../../src/demo/generator.ts'
import { referralsWithNoReferrer, sentencedWithNoOffence } from '../../../src/demo/realism.ts'

// Issue 12, defect 13: demo data that looked fake. A small demo (the same generator `npm start`
// runs, fewer people) is enough to show each fault. The referrer and offence checks are plain
// queries (src/demo/realism.ts, each seen to report a planted bad row in realism.db.test.ts); with
// that file copied along, this one runs on the commits before the fixes (docs/defects.md).
const { db } = await testDatabase()

beforeAll(
  () =>
    generateDemoData(db, {
      people: 400,
      seed: 20231212,
      password: 'resettle-demo-2026',
      today: '2026-11-28',
    }),
  600_000,
)

const one = async (query: ReturnType<typeof sql<{ n: number }>>) =>
  Number((await query.execute(db)).rows[0]?.n)

describe('demo data that looks real (issue 12, defect 13)', () => {
  it('names the referrer of every CRS referral (no "Unknown" referrer)', async () => {
    expect(await one(sql`select count(*)::int as n from referral`)).toBeGreaterThan(0)
    expect(await referralsWithNoReferrer(db)).toEqual([])
  })

  it('gives every sentenced person an offence', async () => {
    expect(await sentencedWithNoOffence(db)).toEqual([])
  })

  it('names each CAS3 premises by its address, with a postcode that can exist', async () => {
    const premises = (
      await sql<{ name: string; address_line1: string; postcode: string }>`
        select name, address_line1, postcode from cas3_premises`.execute(db)
    ).rows
    expect(premises.length).toBeGreaterThan(0)
    for (const p of premises) {
      expect(p.name).toBe(p.address_line1)
      // The inward code's letters never include C, I, K, M, O or V (Royal Mail's rules).
      expect(p.postcode).toMatch(/^[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-Z]? [0-9][ABD-HJLNP-UW-Z]{2}$/)
    }
  })
})

describe('demo CAS3 referrals made no later than today', () => {
  // A referral in the queue on 28 November 2026 cannot carry consent or a Duty to Refer
  // notification dated after that day, even when the release is weeks away.
  it('dates consent and the Duty to Refer on or before today', async () => {
    expect(await one(sql`select count(*)::int as n from cas3_referral`)).toBeGreaterThan(0)
    expect(
      await one(sql`select count(*)::int as n from cas3_referral
        where consent_date > '2026-11-28' or duty_to_refer_date > '2026-11-28'`),
    ).toBe(0)
  })
})

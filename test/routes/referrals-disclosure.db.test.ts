import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { recoverable, type Sum } from '../../src/platform/disclosure/index.ts'
import { referralDb } from '../../src/domains/referrals/tables.ts'
import { buildContract, buildSentReferral } from '../support/builders/referrals.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'

/**
 * Issue 14 item 3 and issue 12 defect 1 for contract performance and referral quality: a count
 * withheld in a published table cannot be worked out from what is published beside it (the other
 * rows and the total), in the CSV as on the page; and every published rate has its denominator
 * and a 95% interval. Runs on PGlite and PostgreSQL (RESETTLE_TEST_DB).
 */
const t = await testApp()
const rdb = referralDb(t.db)
const [big, mid, small] = [
  await buildUser(t.db, 'com'),
  await buildUser(t.db, 'com'),
  await buildUser(t.db, 'com'),
]
const wide = await buildContract(t.db, { reference: 'DISC-WIDE' })
const narrow = await buildContract(t.db, { reference: 'DISC-NARROW' })

/**
 * Seven and six rated referrals (six and five scoring under 60) from two COMs on one contract;
 * two (one under 60) from a third COM on another.
 */
for (const [user, contract, n, lows] of [
  [big, wide, 7, 6],
  [mid, wide, 6, 5],
  [small, narrow, 2, 1],
] as const) {
  for (let i = 0; i < n; i++) {
    const person = await buildPerson(t.db)
    const r = await buildSentReferral(t.db, {
      personId: person.id,
      contract,
      referrerUserId: user.id,
      referrerOrganisationId: user.organisationId,
    })
    const low = i < lows
    await rdb
      .insertInto('referral_quality')
      .values({
        referral_id: r.id,
        reason_clear: true,
        needs_identified: !low,
        risk_present: !low,
        release_date_known: !low,
        contact_details_present: !low,
      })
      .execute()
  }
}

const analyst = await buildUser(t.db, 'national_analyst')
const agent = new Agent(t.app)
await agent.signIn(analyst.email)
const PERIOD = 'from=2026-10-01&to=2026-11-22'

/** The table's rows as the CSV publishes them, up to its notes. */
async function csvRows(url: string) {
  const res = await agent.get(url)
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toContain('text/csv')
  const records: string[][] = parse(res.body, { relax_column_count: true })
  const [header, ...rest] = records
  return rest
    .filter((r) => r.length === header!.length)
    .map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])))
}

/** Which of the groups' counts in `column`, with the "All" row as their sum, a reader could recompute. */
function exposed(rows: Record<string, string>[], group: string, total: string, column: string) {
  const withheld = new Set(rows.filter((r) => r[column] === '[c]').map((r) => r[group]!))
  const sums: Sum[] = [{ total, parts: rows.filter((r) => r[group] !== total).map((r) => r[group]!) }]
  return { withheld, recoverable: recoverable(sums, withheld) }
}

describe('disclosure control on referral figures', () => {
  it('withholds a small group in referral quality and one more cell, so the total gives nothing away', async () => {
    const rows = await csvRows(`/referrals/quality?by=referrer&format=csv&${PERIOD}`)
    expect(rows.map((r) => r.Referrer)).toEqual(expect.arrayContaining([big.name, small.name, 'All']))
    for (const column of ['Referrals rated', 'Scored under 60: out of']) {
      const { withheld, recoverable: open } = exposed(rows, 'Referrer', 'All', column)
      expect(withheld.has(small.name)).toBe(true)
      // Without secondary suppression the All row (15) less the published 7 and 6 would give the 2 back.
      expect(withheld.size).toBeGreaterThanOrEqual(2)
      expect(open.size).toBe(0)
    }
    // The small group's rate and interval are withheld with it, never shown as 0.
    const two = rows.find((r) => r.Referrer === small.name)!
    expect(two['Scored under 60']).toBe('[c]')
    expect(two['Scored under 60: 95% interval']).toBe('[c]')
    expect(Object.values(two)).not.toContain('0')
    const page = await agent.get(`/referrals/quality?by=referrer&${PERIOD}`)
    expect(page.body).toContain('Withheld to protect confidentiality')
  })

  it('publishes each contract rate with its denominator and a Wilson interval, and protects the total', async () => {
    const rows = await csvRows(`/contracts/performance?format=csv&${PERIOD}`)
    const { withheld, recoverable: open } = exposed(rows, 'Contract', 'All contracts', 'Referrals')
    expect(withheld.has('DISC-NARROW')).toBe(true)
    expect(withheld.size).toBeGreaterThanOrEqual(2)
    expect(open.size).toBe(0)
    const xlsx = await agent.request({ method: 'GET', url: `/contracts/performance?format=xlsx&${PERIOD}` })
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
  })

  it('shows a published rate with its denominator and 95% interval', async () => {
    const rows = await csvRows(`/referrals/quality?by=referrer&format=csv&${PERIOD}`)
    const seven = rows.find((r) => r.Referrer === big.name)!
    // The secondary cell is the smaller neighbour (6), so the 7 is published.
    expect(rows.find((r) => r.Referrer === mid.name)!['Referrals rated']).toBe('[c]')
    // 6 of 7 scored under 60: 85.7%, Wilson 95% interval 48.7% to 97.4%.
    expect(seven['Scored under 60']).toBe('85.7')
    expect(seven['Scored under 60: out of']).toBe('7')
    expect(seven['Scored under 60: 95% interval']).toBe('48.7% to 97.4%')
  })
})

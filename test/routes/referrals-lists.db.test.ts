import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { buildSentReferral } from '../support/builders/referrals.ts'
import { buildPerson } from '../support/builders/common.ts'
import { referralWorld } from '../support/referral-world.ts'

const { t, london, com, caseworker, signedIn } = await referralWorld()

// 26 referrals: one more than a page. Each person's family name says its order.
const made: { reference: string; family: string }[] = []
for (let i = 0; i < 26; i++) {
  const family = `Listed${String(i).padStart(2, '0')}`
  const person = await buildPerson(t.db, { familyName: family })
  const r = await buildSentReferral(t.db, {
    personId: person.id,
    contract: london,
    referrerUserId: com.id,
    referrerOrganisationId: com.organisationId,
  })
  made.push({ reference: r.reference, family })
}

describe('referral lists: sort, filter and page, with the filter in the address and the downloads', () => {
  it('pages the provider’s worklist, keeps its tab in every link, and sorts by a column', async () => {
    const provider = await signedIn(caseworker.email)
    const first = await provider.get('/provider/referrals?tab=unassigned')
    expect(first.statusCode).toBe(200)
    expect(first.body).toContain('Showing 1 to 25 of 26 referrals')
    expect(first.body).toContain(
      'href="/provider/referrals?tab=unassigned&amp;sort=sent&amp;order=desc&amp;page=2"',
    )
    const byName = await provider.get('/provider/referrals?tab=unassigned&sort=name&order=asc')
    expect(byName.body.indexOf('Listed00')).toBeLessThan(byName.body.indexOf('Listed01'))
    expect(byName.body).not.toContain('Listed25')
    const desc = await provider.get('/provider/referrals?tab=unassigned&sort=name&order=desc')
    expect(desc.body).toContain('Listed25')
    expect(desc.body).not.toContain('Listed00,')
    const page2 = await provider.get('/provider/referrals?tab=unassigned&sort=name&order=asc&page=2')
    expect(page2.body).toContain('Showing 26 to 26 of 26 referrals')
    expect(page2.body).toContain('Listed25')
  })

  it('filters by the words in the address, on the page and in CSV and XLSX alike', async () => {
    const referrer = await signedIn(com.email)
    const target = made[7]!
    const page = await referrer.get(`/referrals?q=${target.family}`)
    expect(page.body).toContain('Showing 1 to 1 of 1 referrals')
    expect(page.body).toContain(target.reference)
    expect(page.body).toContain(`format=csv&amp;q=${target.family}`)
    const csv = await referrer.get(`/referrals?q=${target.family}&format=csv`)
    expect(csv.headers['content-type']).toContain('text/csv')
    const lines = csv.body.trim().split('\r\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain(target.reference)
    const all = await referrer.get('/referrals?format=csv&sort=name&order=desc')
    const rows = all.body.trim().split('\r\n').slice(1)
    expect(rows).toHaveLength(26)
    expect(rows[0]).toContain('Listed25')
    const xlsx = await referrer.request({ method: 'GET', url: `/referrals?q=${target.family}&format=xlsx` })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    // Caption, header and the one referral the filter selects.
    expect(book.getWorksheet('Referrals')!.rowCount).toBe(3)
    const none = await referrer.get('/referrals?q=nobody-by-this-name')
    expect(none.body).toContain('No referrals match')
  })
})

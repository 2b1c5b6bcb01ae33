import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import { buildReferral } from '../support/builders/cas3.ts'

// Issue 12: every list that can grow sorts, filters and pages, with the filter in the URL, and
// its CSV and XLSX hold exactly the rows the same filter keeps.
const t = await testApp()

const names = (html: string) =>
  [...html.matchAll(/href="\/cas3\/referrals\/[0-9a-f-]{36}">([^<]+)</g)].map((m) => m[1]!)

describe('the CAS3 referrals list', () => {
  it('sorts, filters and pages in the URL, and downloads the same filter as CSV and XLSX', async () => {
    const com = await buildUser(t.db, 'com')
    // 27 ready to place (more than a page of 25), and one waiting to be assessed.
    const waiting = await Promise.all(
      Array.from({ length: 27 }, async (_, i) => {
        const person = await buildPerson(t.db, { familyName: `Listed${String(i).padStart(2, '0')}` })
        return buildReferral(t.db, person, com.organisationId)
      }),
    )
    const ready = await buildPerson(t.db, { familyName: 'Waitingperson' })
    await buildReferral(t.db, ready, com.organisationId, { status: 'unallocated' })
    expect(waiting).toHaveLength(27)

    const officer = await buildUser(t.db, 'cas3_officer')
    const agent = new Agent(t.app)
    await agent.signIn(officer.email)

    const first = await agent.get('/cas3/referrals?status=ready_to_place&sort=person&order=desc')
    expect(first.statusCode).toBe(200)
    expect(first.body).toContain('Showing 1 to 25 of 27')
    const shown = names(first.body)
    expect(shown).toHaveLength(25)
    expect(shown[0]).toMatch(/^Listed26,/)
    expect(shown).not.toContain(expect.stringMatching(/^Waitingperson/))
    // The next page keeps the filter and the order.
    const next = /href="([^"]*page=2[^"]*)"/.exec(first.body)?.[1]?.replaceAll('&amp;', '&')
    expect(next).toContain('status=ready_to_place')
    expect(next).toContain('order=desc')
    const second = await agent.get(next!)
    expect(second.body).toContain('Showing 26 to 27 of 27')
    expect(names(second.body).map((n) => n.split(',')[0])).toEqual(['Listed01', 'Listed00'])

    const searched = await agent.get('/cas3/referrals?q=waitingperson')
    expect(names(searched.body).map((n) => n.split(',')[0])).toEqual(['Waitingperson'])

    const csv = await agent.get('/cas3/referrals?status=ready_to_place&sort=person&order=desc&format=csv')
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    const lines = csv.body.trim().split('\r\n')
    expect(lines[0]).toBe('Person,CRN,Release date,Placement PDU,Status')
    expect(lines).toHaveLength(28)
    expect(lines[1]).toMatch(/^"?Listed26,/)
    expect(csv.body).not.toContain('Waitingperson')

    const xlsx = await agent.get('/cas3/referrals?q=waitingperson&format=xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]!
    // Caption, header and the one row the filter keeps.
    expect(sheet.rowCount).toBe(3)
    expect(sheet.getRow(3).getCell(1).text).toMatch(/^Waitingperson,/)
  })
})

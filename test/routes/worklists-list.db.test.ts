import { beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'

// Issue 12, "sort, filter and page every list that can grow": the two worklists are on the shared
// list helper (platform/table listPage) while still paged in SQL. The order, the filter and the
// page are in the address, the headers sort, and the CSV and XLSX hold the same filtered, sorted
// list, every row of it, not only the page shown.
const t = await testApp()
const PEOPLE = 103

let agent: Agent
beforeAll(async () => {
  // Listed001 is due out first, Listed103 last, a day apart; all within 24 weeks.
  for (let i = 1; i <= PEOPLE; i++)
    await buildPerson(t.db, {
      familyName: `Listed${String(i).padStart(3, '0')}`,
      givenName: 'Ann',
      releaseInDays: i,
    })
  const user = await buildUser(t.db, 'com')
  agent = new Agent(t.app)
  await agent.signIn(user.email)
})

const names = (html: string) => [...html.matchAll(/>(Listed\d{3}), Ann</g)].map((m) => m[1])
const csvNames = (csv: string) => [...csv.matchAll(/"(Listed\d{3}), Ann"/g)].map((m) => m[1])
const listed = (i: number) => `Listed${String(i).padStart(3, '0')}`
const unescape = (href: string) => href.replaceAll('&amp;', '&')
const hrefOf = (html: string, text: RegExp) =>
  unescape(new RegExp(`href="([^"]+)"[^>]*>${text.source}`).exec(html)?.[1] ?? '')

for (const list of [
  { name: 'the release-readiness worklist', url: '/release-planning/worklist' },
  { name: 'the upcoming releases', url: '/releases/upcoming' },
]) {
  describe(list.name, () => {
    it('pages in SQL with the page in the address, and a page past the end shows the last', async () => {
      const first = await agent.get(`${list.url}?weeks=24`)
      expect(first.statusCode).toBe(200)
      expect(first.body).toMatch(/data-count><strong>103<\/strong>/)
      expect(first.body).toContain('showing 1 to 100')
      expect(names(first.body)).toEqual(Array.from({ length: 100 }, (_, i) => listed(i + 1)))
      const next = hrefOf(first.body, /\s*<span class="govuk-pagination__link-title">\s*Next/)
      expect(next).toBe(`${list.url}?weeks=24&sort=release&order=asc&page=2`)
      const second = await agent.get(next)
      expect(names(second.body)).toEqual([listed(101), listed(102), listed(103)])
      expect(second.body).toContain('showing 101 to 103')
      expect(names((await agent.get(`${list.url}?weeks=24&page=99`)).body)).toEqual(names(second.body))
    })

    it('sorts from the headers both ways, keeping the window', async () => {
      const page = await agent.get(`${list.url}?weeks=24&sort=name&order=desc`)
      expect(names(page.body).slice(0, 2)).toEqual([listed(103), listed(102)])
      expect(page.body).toMatch(
        /aria-sort="descending"[^>]*>\s*<a class="govuk-link" href="[^"]*sort=name&amp;order=asc/,
      )
      const toggle = hrefOf(page.body, /Name/)
      expect(toggle).toContain('weeks=24')
      expect(names((await agent.get(toggle)).body)[0]).toBe(listed(1))
      // Latest first: the same SQL order the other way.
      const latest = await agent.get(`${list.url}?weeks=24&sort=release&order=desc`)
      expect(names(latest.body)[0]).toBe(listed(103))
    })

    it('filters on a name, prison number or CRN, with wildcards taken literally', async () => {
      const one = await agent.get(`${list.url}?weeks=24&q=listed007`)
      expect(names(one.body)).toEqual([listed(7)])
      expect(one.body).toContain('matching “listed007”')
      expect(names((await agent.get(`${list.url}?weeks=24&q=Ann+Listed01`)).body)).toHaveLength(10)
      expect(names((await agent.get(`${list.url}?weeks=24&q=%25`)).body)).toEqual([])
      expect(names((await agent.get(`${list.url}?weeks=24&q=Listed_0`)).body)).toEqual([])
    })

    it('downloads the same filtered, sorted list as CSV and XLSX, every row of it', async () => {
      const page = await agent.get(`${list.url}?weeks=24&sort=name&order=desc&q=Listed0`)
      const csvHref = hrefOf(page.body, /CSV/)
      expect(csvHref).toContain('q=Listed0')
      expect(csvHref).not.toContain('page=')
      const csv = await agent.get(csvHref)
      expect(csv.headers['content-type']).toContain('text/csv')
      const expected = Array.from({ length: 99 }, (_, i) => listed(99 - i))
      // The page shows the first 99 (one page); the download holds them in the same order.
      expect(names(page.body)).toEqual(expected)
      expect(csvNames(csv.body)).toEqual(expected)
      const heads = [
        ...page.body.matchAll(/<th scope="col" class="govuk-table__header"[^>]*>([\s\S]*?)<\/th>/g),
      ].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim())
      expect(csv.body.split('\r\n')[0]).toBe(heads.join(','))

      const all = await agent.get(`${list.url}?weeks=24&format=csv`)
      expect(csvNames(all.body)).toHaveLength(PEOPLE)
      const xlsx = await agent.get(unescape(hrefOf(page.body, /Excel \(XLSX\)/)))
      expect(xlsx.headers['content-type']).toContain('spreadsheetml')
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer)
      const sheet = book.worksheets[0]!
      expect(sheet.getRow(3).getCell(2).value).toBe(`${listed(99)}, Ann`)
      expect(sheet.rowCount).toBe(2 + 99)
    })
  })
}

describe('the release-readiness worklist only', () => {
  it('puts the most flags first on the first click on Flags, and keeps the flag filter in every link', async () => {
    const page = await agent.get('/release-planning/worklist?weeks=24&sort=flags&flag=no_com')
    expect(page.body).toMatch(
      /aria-sort="descending"[^>]*>\s*<a class="govuk-link" href="[^"]*sort=flags&amp;order=asc/,
    )
    const byName = hrefOf(page.body, /Name/)
    expect(byName).toContain('flag=no_com')
    expect(byName).toContain('weeks=24')
    expect(page.body).toMatch(/<strong class="govuk-tag govuk-tag--red app-flag">No COM allocated<\/strong>/)
  })
})

import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { parseCsv } from '../../src/platform/csv.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildUser } from '../support/builders/common.ts'

const t = await testApp()

async function signedIn(role: 'admin' | 'national_analyst' = 'admin') {
  const user = await buildUser(t.db, role)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return { user, agent }
}

/** Events written straight to the log, so each test knows exactly what is there. */
async function logEvents(
  n: number,
  event: {
    route: string
    at: (i: number) => Date
    user?: { id: string; organisationId: string; role: string }
    personId?: string
  },
) {
  await t.db
    .insertInto('audit_event')
    .values(
      Array.from({ length: n }, (_, i) => ({
        at: event.at(i),
        user_id: event.user?.id ?? null,
        organisation_id: event.user?.organisationId ?? null,
        role: event.user?.role ?? null,
        action: 'read' as const,
        person_id: event.personId ?? null,
        record_type: 'person',
        record_id: event.personId ?? null,
        route: event.route,
        outcome: 'allowed' as const,
      })),
    )
    .execute()
}

const count = (html: string, s: string) => html.split(s).length - 1

describe('searching the audit log', () => {
  it('sends a signed-out visitor to sign in first', async () => {
    const res = await new Agent(t.app).get('/admin/audit?action=read')
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/sign-in?returnTo=%2Fadmin%2Faudit%3Faction%3Dread')
  })

  it('refuses anyone who is not an administrator, even with a bad filter', async () => {
    const { agent } = await signedIn('national_analyst')
    expect((await agent.get('/admin/audit')).statusCode).toBe(403)
    expect((await agent.get('/admin/audit?personId=nonsense')).statusCode).toBe(403)
    expect((await agent.get('/admin/audit/export.csv')).statusCode).toBe(403)
  })

  it('explains a bad filter, keeps what was typed and does not search', async () => {
    const { agent } = await signedIn()
    const res = await agent.get(
      '/admin/audit?personId=nonsense&from-day=31&from-month=2&from-year=2026&action=teleport',
    )
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('There is a problem')
    expect(res.body).toContain('href="#personId"')
    expect(res.body).toContain('Enter a person ID in the correct format')
    expect(res.body).toContain('From date must be a real date')
    expect(res.body).toContain('Select an action from the list')
    expect(res.body).toContain('value="nonsense"')
    expect(res.body).toContain('value="31"')
    const backwards = await agent.get('/admin/audit?from=2026-05-02&to=2026-05-01')
    expect(backwards.statusCode).toBe(400)
    expect(backwards.body).toContain('To date must be the same as or after the from date')
    const csv = await agent.get('/admin/audit/export.csv?personId=nonsense')
    expect(csv.statusCode).toBe(303)
    expect(csv.headers.location).toBe('/admin/audit?personId=nonsense')
  })

  it('finds one person’s events, newest first, with a link to their record', async () => {
    const { agent } = await signedIn()
    const reader = await buildUser(t.db, 'com')
    const personId = randomUUID()
    await logEvents(3, {
      route: 'GET /people/:id',
      personId,
      user: reader,
      at: (i) => new Date(Date.UTC(2026, 10, 1 + i)),
    })
    await logEvents(2, {
      route: 'GET /people/:id',
      personId: randomUUID(),
      at: () => new Date(Date.UTC(2026, 10, 5)),
    })
    const res = await agent.get(`/admin/audit?personId=${personId}`)
    expect(res.statusCode).toBe(200)
    expect(count(res.body, `href="/people/${personId}"`)).toBe(3)
    expect(res.body).toContain(`${reader.name} (${reader.email})`)
    expect(res.body).toContain(reader.organisationName)
    expect(res.body).toContain('Community Offender Manager')
    const dates = [...res.body.matchAll(/(\d+) November 2026 at/g)].map((m) => m[1])
    expect(dates).toEqual(['3', '2', '1'])
  })

  it('pages through a user’s events fifty at a time', async () => {
    const { agent } = await signedIn()
    const busy = await buildUser(t.db, 'com')
    await logEvents(60, {
      route: 'GET /paging-check',
      user: busy,
      at: (i) => new Date(Date.UTC(2026, 9, 1, 0, i)),
    })
    const first = await agent.get(`/admin/audit?email=${encodeURIComponent(busy.email.toUpperCase())}`)
    expect(first.statusCode).toBe(200)
    expect(count(first.body, 'GET /paging-check')).toBe(50)
    expect(first.body).toContain('Events 1 to 50')
    const next =
      /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/.exec(first.body)?.[1] ?? ''
    expect(next).toContain('page=2')
    const second = await agent.get(next.replaceAll('&amp;', '&'))
    expect(count(second.body, 'GET /paging-check')).toBe(10)
    expect(second.body).toContain('Events 51 to 60')
    expect(second.body).toContain('rel="prev"')
    expect(second.body).not.toContain('rel="next"')
  })

  it('reads dates as UK days, so a summer evening belongs to the right day', async () => {
    const { agent } = await signedIn()
    const personId = randomUUID()
    // 22:30 UTC on 30 June is 23:30 in London; 23:30 UTC is already 00:30 on 1 July.
    await logEvents(1, { route: 'GET /late-june', personId, at: () => new Date('2026-06-30T22:30:00Z') })
    await logEvents(1, { route: 'GET /early-july', personId, at: () => new Date('2026-06-30T23:30:00Z') })
    const res = await agent.get(
      `/admin/audit?personId=${personId}&from-day=1&from-month=7&from-year=2026&to-day=1&to-month=7&to-year=2026`,
    )
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('GET /early-july')
    expect(res.body).not.toContain('GET /late-june')
    expect(res.body).toContain('name="from-day" type="text" value="1"')
  })

  it('downloads the current filter as CSV, and records the download', async () => {
    const { user, agent } = await signedIn()
    const personId = randomUUID()
    await logEvents(4, { route: 'GET /csv-check', personId, at: (i) => new Date(Date.UTC(2026, 8, 1 + i)) })
    const page = await agent.get(`/admin/audit?personId=${personId}&outcome=allowed`)
    expect(page.body).toContain(`href="/admin/audit/export.csv?personId=${personId}&amp;outcome=allowed"`)
    const res = await agent.get(`/admin/audit/export.csv?personId=${personId}&outcome=allowed`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    const rows = parseCsv(res.body)
    expect(rows).toHaveLength(4)
    expect(rows[0]).toMatchObject({
      when: '2026-09-04T00:00:00.000Z',
      person_id: personId,
      route: 'GET /csv-check',
      outcome: 'allowed',
    })
    const exported = await t.db
      .selectFrom('audit_event')
      .where('user_id', '=', user.id)
      .where('action', '=', 'export')
      .select(['record_type', 'detail'])
      .execute()
    expect(exported).toEqual([
      { record_type: 'audit_event', detail: `4 rows: personId=${personId} outcome=allowed` },
    ])
  })

  it('orders by time either way, and the CSV and XLSX follow the filter and the order', async () => {
    const { agent } = await signedIn()
    const personId = randomUUID()
    await logEvents(3, { route: 'GET /order-check', personId, at: (i) => new Date(Date.UTC(2026, 7, 1 + i)) })
    const oldest = await agent.get(`/admin/audit?personId=${personId}&sort=at&order=asc`)
    const dates = [...oldest.body.matchAll(/(\d+) August 2026 at/g)].map((m) => m[1])
    expect(dates).toEqual(['1', '2', '3'])
    expect(oldest.body).toContain('aria-sort="ascending"')
    expect(oldest.body).toContain(`href="/admin/audit?personId=${personId}&amp;sort=at&amp;order=desc"`)
    const csv = parseCsv(
      (await agent.get(`/admin/audit?personId=${personId}&sort=at&order=asc&format=csv`)).body,
    )
    expect(csv.map((r) => r.when)).toEqual([1, 2, 3].map((d) => `2026-08-0${d}T00:00:00.000Z`))
    const xlsx = await agent.get(`/admin/audit?personId=${personId}&format=xlsx`)
    expect(xlsx.headers['content-disposition']).toMatch(/audit-log-\d{4}-\d{2}-\d{2}\.xlsx"$/)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer)
    expect(book.worksheets[0]?.getRow(3).getCell(1).value).toBe('2026-08-03T00:00:00.000Z')
    expect(book.worksheets[0]?.actualRowCount).toBe(5)
  })
})

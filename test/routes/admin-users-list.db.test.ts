import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { parseCsv } from '../../src/platform/csv.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildUser } from '../support/builders/common.ts'

// Issue 12: the users list sorts, filters and pages with the filter in the URL, and its CSV and
// XLSX hold what the filter keeps.
const t = await testApp()

async function signedIn() {
  const user = await buildUser(t.db, 'admin')
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return { user, agent }
}

describe('the users list', () => {
  it('sorts, filters and pages users with the filter in the URL, and downloads exactly what the filter keeps', async () => {
    const { agent } = await signedIn()
    const tag = `Sortcheck${Date.now()}`
    const poms = []
    for (let i = 0; i < 27; i++) poms.push(await buildUser(t.db, 'pom'))
    for (const [i, u] of poms.entries())
      await t.db
        .updateTable('app_user')
        .set({ name: `${tag} ${String(i).padStart(2, '0')}` })
        .where('id', '=', u.id)
        .execute()
    const com = await buildUser(t.db, 'com')
    await t.db
      .updateTable('app_user')
      .set({ name: `${tag} com` })
      .where('id', '=', com.id)
      .execute()

    const first = await agent.get(`/admin/users?q=${tag}&role=pom&sort=name&order=desc`)
    expect(first.statusCode).toBe(200)
    expect(first.body).toContain('27 users: showing 1 to 25')
    expect(first.body).not.toContain(`${tag} com`)
    expect(first.body.indexOf(`${tag} 26`)).toBeLessThan(first.body.indexOf(`${tag} 25`))
    expect(first.body).toContain('aria-sort="descending"')
    const next = (/href="([^"]+)" rel="next"/.exec(first.body)?.[1] ?? '').replaceAll('&amp;', '&')
    expect(new URLSearchParams(next.split('?')[1])).toEqual(
      new URLSearchParams({ role: 'pom', q: tag, sort: 'name', order: 'desc', page: '2' }),
    )
    const second = await agent.get(next)
    expect(second.body).toContain('27 users: showing 26 to 27')
    expect(second.body).toContain(`${tag} 00`)

    const csv = await agent.get(`/admin/users?q=${tag}&role=pom&sort=name&order=desc&format=csv`)
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    const rows = parseCsv(csv.body)
    expect(rows).toHaveLength(27)
    expect(rows[0]).toMatchObject({
      Name: `${tag} 26`,
      Role: 'Prison Offender Manager',
      'Last signed in': 'Never',
    })
    const xlsx = await agent.get(`/admin/users?q=${tag}&role=pom&format=xlsx`)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer)
    // Caption, header, then the 27 rows the filter keeps.
    expect(book.worksheets[0]?.actualRowCount).toBe(29)
  })

  it('explains a bad list filter beside the form instead of failing', async () => {
    const { agent } = await signedIn()
    const res = await agent.get('/admin/users?role=emperor&q=x')
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('Select a role from the list')
    expect(res.body).toContain('value="x"')
  })
})

import { beforeAll, describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, LONDON } from '../support/builders/common.ts'
import { parseCsv } from '../../src/platform/csv.ts'
import { releasedPerson, statusEvent } from '../support/builders/outcomes.ts'

// Issue 12 item 3: a drill-down can be sorted and filtered, with both in the address, and a
// download holds what the sorted, filtered list holds.
const t = await testApp()
const DRILL = '/outcomes/regions/N07/measures/housed_first_night/releases?period=2026-07-01&unit=quarter'

beforeAll(async () => {
  for (const [family, day] of [
    ['Adams', '2026-08-20'],
    ['Brook', '2026-07-03'],
    ['Carter', '2026-09-11'],
    ['Brookes', '2026-08-01'],
    ['Dale', '2026-07-15'],
    ['Evans', '2026-09-01'],
  ] as const) {
    const who = await releasedPerson(t.db, LONDON, day, { given: 'Sam', family })
    await statusEvent(t.db, who, day, { accommodation: 'A01C' })
  }
})

const people = (csv: string) => parseCsv(csv).map((r) => r.Person)

describe('a drill-down list', () => {
  it('sorts by a column heading, the order in the address and in the download', async () => {
    const agent = new Agent(t.app)
    await agent.signIn((await buildUser(t.db, 'regional_lead', LONDON)).email)
    const page = await agent.get(DRILL)
    // The headings are sort links that keep the figure's period.
    expect(page.body).toMatch(/href="[^"]*period=2026-07-01[^"]*sort=person&amp;order=asc/)
    const byName = await agent.get(`${DRILL}&sort=person&order=desc&format=csv`)
    expect(people(byName.body)).toEqual([
      'Evans, Sam',
      'Dale, Sam',
      'Carter, Sam',
      'Brookes, Sam',
      'Brook, Sam',
      'Adams, Sam',
    ])
    // Release dates sort as dates, not as the words shown.
    const byDate = await agent.get(`${DRILL}&sort=released&order=asc&format=csv`)
    expect(people(byDate.body)[0]).toBe('Brook, Sam')
    expect(people(byDate.body).at(-1)).toBe('Carter, Sam')
  })

  it('filters, keeping the filter in the page, its links and its download', async () => {
    const agent = new Agent(t.app)
    await agent.signIn((await buildUser(t.db, 'regional_lead', LONDON)).email)
    const page = await agent.get(`${DRILL}&q=brook`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Brookes, Sam')
    expect(page.body).not.toContain('Adams, Sam')
    expect(page.body).toContain('value="brook"')
    const csv = await agent.get(`${DRILL}&q=brook&format=csv`)
    expect(people(csv.body)).toEqual(['Brook, Sam', 'Brookes, Sam'])
    const xlsx = await agent.get(`${DRILL}&q=brook&format=xlsx`)
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
  })
})

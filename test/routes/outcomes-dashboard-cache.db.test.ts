import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, LONDON } from '../support/builders/common.ts'
import { parseCsv } from '../../src/platform/csv.ts'
import { releasedPerson, statusEvent } from '../support/builders/outcomes.ts'

// Issue 17, item 8: the national dashboard is served from a result kept per roll-up version. It
// must stay exactly fresh: a status event recorded between two views changes the second.
const t = await testApp()
// July-September 2026 is the latest complete quarter for the first night on 22 November 2026.
const AUG = '2026-08-12'
const TABLE = '/outcomes?download=regions-against-targets&format=csv'

async function londonHoused(agent: Agent) {
  const res = await agent.get(TABLE)
  expect(res.statusCode).toBe(200)
  return parseCsv(res.body).find(
    (r) => r.Region === 'London' && r.Measure === 'Housed on the first night after release',
  )
}

describe('the national dashboard kept per roll-up version', () => {
  it('changes the served figure as soon as a status event is recorded', async () => {
    const people = []
    for (let i = 0; i < 6; i++) {
      const who = await releasedPerson(t.db, LONDON, AUG)
      await statusEvent(t.db, who, AUG, { accommodation: 'A01C' })
      people.push(who)
    }
    const user = await buildUser(t.db, 'national_analyst')
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    expect(await londonHoused(agent)).toMatchObject({ Rate: '100%', 'Releases with a known status': '6' })
    // Seen twice at the same version: the kept result.
    expect(await londonHoused(agent)).toMatchObject({ Rate: '100%' })

    // A seventh release, not housed on the first night: 6 of 7.
    const seventh = await releasedPerson(t.db, LONDON, AUG)
    await statusEvent(t.db, seventh, AUG, { accommodation: 'A08A' })
    expect(await londonHoused(agent)).toMatchObject({ Rate: '85.7%', 'Releases with a known status': '7' })

    // A correction of an earlier status also counts at once.
    const first = people[0]
    if (!first) throw new Error('no first person')
    await statusEvent(t.db, first, AUG, { accommodation: 'A08A' })
    expect(await londonHoused(agent)).toMatchObject({ Rate: '71.4%' })
  })

  it('keeps a narrowed page exactly fresh too: its PDU tables are kept per version', async () => {
    // Camden and Islington (LONDON's PDU) in August: five housed, then a sixth not housed.
    const url = '/outcomes/regions/N07?measure=housed_first_night&pdu=LDNNCAI&download=by-quarter&format=csv'
    const julSep = async (agent: Agent) => {
      const res = await agent.get(url)
      expect(res.statusCode).toBe(200)
      return parseCsv(res.body).find((r) => r.Quarter === 'Jul–Sep 2026')
    }
    const user = await buildUser(t.db, 'regional_lead', LONDON)
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    const before = await julSep(agent)
    const known = Number(before?.Denominator ?? 0)
    const housed = Number(before?.Numerator ?? 0)
    for (let i = 0; i < 5; i++)
      await statusEvent(t.db, await releasedPerson(t.db, LONDON, AUG), AUG, { accommodation: 'A01C' })
    expect(await julSep(agent)).toMatchObject({
      Numerator: String(housed + 5),
      Denominator: String(known + 5),
    })
    // Seen again at the same version: the kept tables, the same figures.
    expect(await julSep(agent)).toMatchObject({ Numerator: String(housed + 5) })
    await statusEvent(t.db, await releasedPerson(t.db, LONDON, AUG), AUG, { accommodation: 'A08A' })
    expect(await julSep(agent)).toMatchObject({
      Numerator: String(housed + 5),
      Denominator: String(known + 6),
    })
  })

  it('revalidates with a private ETag that changes with the figures', async () => {
    const user = await buildUser(t.db, 'national_analyst')
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    const page = await agent.get('/outcomes')
    expect(page.statusCode).toBe(200)
    expect(page.headers['cache-control']).toBe('private, no-cache')
    const etag = String(page.headers.etag)
    expect(etag).toMatch(/^W\/"/)
    const same = await agent.request({ method: 'GET', url: '/outcomes', headers: { 'if-none-match': etag } })
    expect(same.statusCode).toBe(304)
    expect(same.body).toBe('')

    const who = await releasedPerson(t.db, LONDON, AUG)
    await statusEvent(t.db, who, AUG, { accommodation: 'A01C' })
    const changed = await agent.request({
      method: 'GET',
      url: '/outcomes',
      headers: { 'if-none-match': etag },
    })
    expect(changed.statusCode).toBe(200)
    expect(changed.headers.etag).not.toBe(etag)

    // Another reader never gets this reader's page from a revalidation.
    const other = await buildUser(t.db, 'national_analyst')
    const otherAgent = new Agent(t.app)
    await otherAgent.signIn(other.email)
    const theirs = await otherAgent.request({
      method: 'GET',
      url: '/outcomes',
      headers: { 'if-none-match': String(changed.headers.etag) },
    })
    expect(theirs.statusCode).toBe(200)
  })

  it('changes its ETag when a quarter is published, since each cell then shows its publication', async () => {
    const user = await buildUser(t.db, 'national_analyst')
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    const page = await agent.get('/outcomes')
    const etag = String(page.headers.etag)
    await agent.get('/outcomes/publications')
    const published = await agent.post('/outcomes/publications', { period: '2026-04-01' })
    expect(published.statusCode).toBe(303)
    const after = await agent.request({ method: 'GET', url: '/outcomes', headers: { 'if-none-match': etag } })
    expect(after.statusCode).toBe(200)
    expect(after.headers.etag).not.toBe(etag)
  })
})

import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../src/platform/db/schema.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, LONDON, MANCHESTER, organisationFor } from '../support/builders/common.ts'
import { parseCsv } from '../../src/platform/csv.ts'
import { recoverable, type Sum } from '../../src/platform/disclosure/index.ts'
import { releasedPerson, statusEvent, type Place } from '../support/builders/outcomes.ts'

// Issue 12, item 3: the regional dashboard narrowed to a PDU or a prison, in the address, on the
// page, its charts and downloads and the measures API, within the reader's scope.
const t = await testApp()
// A second, small London PDU and its prison: eight releases in July to September 2026.
const SMALL: Place = { prison: 'BXI', pdu: 'LDNBBG', region: 'N07', la: 'E09000011' }
const HOUSED = 'A01C'
const NOT_HOUSED = 'A08A'

async function release(place: Place, date: string, code: string) {
  const who = await releasedPerson(t.db, place, date)
  await statusEvent(t.db, who, date, { accommodation: code })
}

beforeAll(async () => {
  // Camden and Islington: six of seven housed in May 2026.
  for (const code of ['A01C', 'A01C', 'A17', 'A02', 'A01D', 'A12', NOT_HOUSED])
    await release(LONDON, '2026-05-12', code)
  // Greenwich and Bexley: five of five in May, five of five in July, two of three in August.
  for (let i = 0; i < 5; i++) await release(SMALL, '2026-05-06', HOUSED)
  for (let i = 0; i < 5; i++) await release(SMALL, '2026-07-08', HOUSED)
  for (const code of [HOUSED, HOUSED, NOT_HOUSED]) await release(SMALL, '2026-08-19', code)
  for (const code of [HOUSED, HOUSED, NOT_HOUSED]) await release(MANCHESTER, '2026-08-12', code)
})

async function signedIn(role: Role, place = LONDON) {
  const user = await buildUser(t.db, role, place)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return agent
}

const page = (query: string) => `/outcomes/regions/N07?measure=housed_first_night&${query}`
const csv = async (agent: Agent, url: string, table: string) => {
  const res = await agent.get(`${url}&download=${table}&format=csv`)
  expect(res.statusCode).toBe(200)
  return parseCsv(res.body)
}
const options = (html: string, select: string) => {
  const body = html.match(new RegExp(`<select[^>]*name="${select}"[^>]*>([\\s\\S]*?)</select>`))?.[1] ?? ''
  return [...body.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1])
}

describe('the regional dashboard narrowed to a PDU or a prison', () => {
  it('narrows every figure, chart and download to the PDU named in the address', async () => {
    const agent = await signedIn('regional_lead')
    const url = page('pdu=LDNNCAI')
    const res = await agent.get(url)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Filter applied')
    expect(res.body).toContain('Releases supervised by Camden, Islington (PDU)')
    expect(res.body).toContain('Targets are set for probation regions, not for PDUs or prisons')
    // The chart's title and every download link carry the filter.
    expect(res.body).toMatch(/<svg role="img" aria-label="[^"]*releases supervised by Camden, Islington/)
    const links = [...res.body.matchAll(/href="([^"]*download=[^"]*)"/g)].map((m) => m[1] ?? '')
    expect(links.length).toBeGreaterThan(0)
    for (const link of links) expect(link).toContain('pdu=LDNNCAI')
    expect(res.body).not.toContain('download=by-pdu')

    const quarters = await csv(agent, url, 'by-quarter')
    expect(quarters.find((r) => r.Quarter === 'Apr–Jun 2026')).toMatchObject({
      Rate: '85.7%',
      '95% interval': '48.7% to 97.4%',
      Numerator: '6',
      Denominator: '7',
    })
    // The whole region counts both PDUs: 6 + 5 of 7 + 5.
    const whole = await csv(agent, page(''), 'by-quarter')
    expect(whole.find((r) => r.Quarter === 'Apr–Jun 2026')).toMatchObject({
      Numerator: '11',
      Denominator: '12',
    })
    // The region's target is context for a PDU, under a heading that says so.
    const summary = (await csv(agent, url, 'measures'))[0]
    expect(Object.keys(summary ?? {})).toEqual(
      expect.arrayContaining(['Region’s target (context)', 'Against the region’s target']),
    )

    const xlsx = await agent.get(`${url}&download=by-quarter&format=xlsx`)
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    expect(xlsx.headers['content-disposition']).toContain('outcomes-N07-pdu-ldnncai')
    // A drill-down from a narrowed figure lists the same PDU's releases.
    expect(res.body).toMatch(/releases\?period=2026-04-01&amp;unit=quarter&amp;pdu=LDNNCAI/)
  })

  it('narrows to a prison the same way, and a PDU and a prison together is bad input', async () => {
    const agent = await signedIn('national_analyst')
    const quarters = await csv(agent, page('prison=BXI'), 'by-quarter')
    expect(quarters.find((r) => r.Quarter === 'Apr–Jun 2026')).toMatchObject({
      Rate: '100%',
      Denominator: '5',
    })
    expect((await agent.get(page('pdu=LDNNCAI&prison=BXI'))).statusCode).toBe(400)
  })

  it('offers only the PDUs and prisons in the reader’s scope', async () => {
    const manchester = await signedIn('regional_lead', MANCHESTER)
    const own = await manchester.get('/outcomes/regions/N50')
    expect(options(own.body, 'pdu')).toEqual(['N50MANC'])
    expect(options(own.body, 'prison')).toEqual(['MRI'])
    // Another region's dashboard can be read whole but not narrowed.
    expect((await manchester.get('/outcomes/regions/N07')).body).not.toContain('Filter by PDU or prison')
    const analyst = await signedIn('national_analyst')
    const london = await analyst.get('/outcomes/regions/N07')
    expect(options(london.body, 'pdu').sort()).toEqual(['LDNBBG', 'LDNNCAI'])
    expect(options(london.body, 'prison').sort()).toEqual(['BXI', 'PVI'])
    // The national page offers every PDU, grouped by region, and sends the choice to its region.
    const national = await analyst.get('/outcomes')
    expect(options(national.body, 'pdu')).toEqual(expect.arrayContaining(['LDNBBG', 'LDNNCAI', 'N50MANC']))
    const go = await analyst.get('/outcomes?measure=settled_3_months&pdu=N50MANC')
    expect(go.statusCode).toBe(303)
    expect(go.headers.location).toBe('/outcomes/regions/N50?measure=settled_3_months&pdu=N50MANC')
    const lead = await signedIn('regional_lead')
    const prison = await lead.get('/outcomes?prison=BXI')
    expect(prison.headers.location).toBe('/outcomes/regions/N07?prison=BXI')
  })

  it('answers a filter out of scope as not found, and a malformed one as bad input', async () => {
    const manchester = await signedIn('regional_lead', MANCHESTER)
    for (const url of [
      page('pdu=LDNNCAI'),
      page('prison=BXI&download=by-quarter&format=csv'),
      '/outcomes/regions/N50?pdu=LDNNCAI',
      '/outcomes/regions/N50?pdu=ZZ99',
      '/outcomes?pdu=LDNNCAI',
    ]) {
      const res = await manchester.get(url)
      expect(res.statusCode, url).toBe(404)
      expect(res.body).not.toContain('Camden')
    }
    const analyst = await signedIn('national_analyst')
    // A PDU of another region is not part of this one; a prison has no one region.
    expect((await analyst.get('/outcomes/regions/N50?pdu=LDNNCAI')).statusCode).toBe(404)
    expect((await analyst.get('/outcomes?prison=BXI')).statusCode).toBe(404)
    for (const bad of ['pdu=%3Cscript%3E', 'prison=a-b', 'pdu=TOOLONGCODE12345'])
      expect((await analyst.get(page(bad))).statusCode, bad).toBe(400)
  })

  it('withholds a small PDU’s counts so that no rate, change or total gives them back', async () => {
    const agent = await signedIn('national_analyst')
    const tables = async (query: string) => ({
      quarters: await csv(agent, page(query), 'by-quarter'),
      months: await csv(agent, page(query), 'by-month'),
      summary: await csv(agent, page(query), 'measures'),
    })
    const small = await tables('pdu=LDNBBG')
    const august = small.months.find((r) => r.Month === 'Aug 2026')
    expect(august).toMatchObject({ Numerator: '[c]', Denominator: '[c]', Rate: '[c]', '95% interval': '[c]' })
    // The same figure in the summary and the trend is withheld alike.
    const q3 = small.quarters.find((r) => r.Quarter === 'Jul–Sep 2026')
    const q3Summary = small.summary.find((r) => r.Measure === 'Housed on the first night after release')
    for (const k of ['Numerator', 'Denominator', 'Rate'] as const) expect(q3Summary?.[k]).toBe(q3?.[k])
    for (const t of [small.quarters, small.months]) {
      t.forEach((row, i) => {
        // A rate beside a withheld count would give it back; so would a change beside a withheld rate.
        if (row.Numerator === '[c]' || row.Denominator === '[c]') expect(row.Rate).toBe('[c]')
        if (row.Rate === '[c]' || t[i - 1]?.Rate === '[c]') expect(row.Change).toBe('')
      })
    }
    if (q3Summary?.Rate === '[c]') expect(q3Summary['Change from previous quarter']).toBe('')

    // Put every page of London together: the region, both PDUs and both prisons. No count any of
    // them withholds can be worked out from what they all publish (platform/disclosure).
    const pages = {
      region: await tables(''),
      LDNNCAI: await tables('pdu=LDNNCAI'),
      LDNBBG: small,
      PVI: await tables('prison=PVI'),
      BXI: await tables('prison=BXI'),
    }
    const periods = [
      { key: 'q', label: 'Jul–Sep 2026', table: 'quarters', column: 'Quarter' },
      { key: 'm7', label: 'Jul 2026', table: 'months', column: 'Month' },
      { key: 'm8', label: 'Aug 2026', table: 'months', column: 'Month' },
      { key: 'm9', label: 'Sep 2026', table: 'months', column: 'Month' },
      { key: 'q2', label: 'Apr–Jun 2026', table: 'quarters', column: 'Quarter' },
      { key: 'm4', label: 'Apr 2026', table: 'months', column: 'Month' },
      { key: 'm5', label: 'May 2026', table: 'months', column: 'Month' },
      { key: 'm6', label: 'Jun 2026', table: 'months', column: 'Month' },
    ] as const
    for (const count of ['Numerator', 'Denominator'] as const) {
      const withheld = new Set<string>()
      for (const [name, p] of Object.entries(pages))
        for (const period of periods) {
          const row = p[period.table].find((r) => r[period.column] === period.label)
          if (row?.[count] === '[c]') withheld.add(`${name}:${period.key}`)
        }
      expect(withheld.has('LDNBBG:m8'), count).toBe(true)
      const sums: Sum[] = periods.flatMap((p) => [
        { total: `region:${p.key}`, parts: [`LDNNCAI:${p.key}`, `LDNBBG:${p.key}`] },
        { total: `region:${p.key}`, parts: [`PVI:${p.key}`, `BXI:${p.key}`] },
      ])
      for (const area of ['region', 'LDNNCAI', 'LDNBBG', 'PVI', 'BXI']) {
        sums.push({ total: `${area}:q`, parts: ['m7', 'm8', 'm9'].map((m) => `${area}:${m}`) })
        sums.push({ total: `${area}:q2`, parts: ['m4', 'm5', 'm6'].map((m) => `${area}:${m}`) })
      }
      expect([...recoverable(sums, withheld)], count).toEqual([])
    }
  })

  it('narrows the measures API alike, within the caller’s scope', async () => {
    const token = async (place: Place) => {
      const org = await organisationFor(t.db, 'probation_region', place.region)
      const issued = await t.svc.identity.issueToken(null, {
        name: 'client',
        organisationId: org.id,
        role: 'regional_lead',
      })
      return { authorization: `Bearer ${issued.secret}` }
    }
    const url =
      '/api/v1/outcomes/measures?groupBy=region&measure=housed_first_night&from=2026-04-01&to=2026-06-30&pdu='
    const london = await token(LONDON)
    const res = await t.app.inject({ method: 'GET', url: `${url}LDNNCAI`, headers: london })
    expect(res.statusCode).toBe(200)
    expect(res.json<{ cells: unknown[] }>().cells).toEqual([
      expect.objectContaining({ group: 'N07', numerator: 6, denominator: 7, published: null }),
    ])
    const manchester = await token(MANCHESTER)
    expect(
      (await t.app.inject({ method: 'GET', url: `${url}LDNNCAI`, headers: manchester })).statusCode,
    ).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `${url}x`, headers: london })).statusCode).toBe(400)
  })
})

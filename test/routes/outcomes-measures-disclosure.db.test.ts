import { beforeAll, describe, expect, it } from 'vitest'
import { testApp } from '../support/app.ts'
import { LONDON, MANCHESTER, organisationFor } from '../support/builders/common.ts'
import { recoverable, type Sum } from '../../src/platform/disclosure/index.ts'
import { releasedPerson, statusEvent, type Place } from '../support/builders/outcomes.ts'

// Issue 12, defect 1, for the measures API: one answer, or several answers and the pages put
// together, must not let a withheld count be worked out by subtraction: an area's from its
// region's figure less its siblings', a region's from England and Wales less the other regions',
// a month's from its quarter less the other months'.
const t = await testApp()
const SMALL: Place = { prison: 'BXI', pdu: 'LDNBBG', region: 'N07', la: 'E09000011' }
const HOUSED = 'A01C'
const NOT_HOUSED = 'A08A'

async function releases(place: Place, date: string, housed: number, notHoused: number) {
  const codes = [...Array<string>(housed).fill(HOUSED), ...Array<string>(notHoused).fill(NOT_HOUSED)]
  for (const code of codes) {
    const who = await releasedPerson(t.db, place, date)
    await statusEvent(t.db, who, date, { accommodation: code })
  }
}

beforeAll(async () => {
  // London, April to June 2026: Camden and Islington (from Pentonville) 9 of 12 housed in May and
  // 1 of 2 in June; Greenwich and Bexley (from Brixton) 2 of 3 in May. Manchester: 2 of 3 in May.
  await releases(LONDON, '2026-05-12', 9, 3)
  await releases(LONDON, '2026-06-09', 1, 1)
  await releases(SMALL, '2026-05-06', 2, 1)
  await releases(MANCHESTER, '2026-05-20', 2, 1)
})

const COLUMNS = ['cohort', 'numerator', 'denominator', 'unknown', 'excluded'] as const
type Answer = { cells: ({ group: string; period: string; rate: number | null } & Record<string, unknown>)[] }

async function analyst() {
  const org = await organisationFor(t.db, 'national', 'ENGLAND_AND_WALES')
  const issued = await t.svc.identity.issueToken(null, {
    name: 'analyst',
    organisationId: org.id,
    role: 'national_analyst',
  })
  return { authorization: `Bearer ${issued.secret}` }
}

describe('the measures API withholds what could be worked out from what it publishes', () => {
  it('leaves no withheld count recoverable across groupings and periods', async () => {
    const headers = await analyst()
    const values = new Map<string, number | null>()
    const answer = async (name: string, query: string) => {
      for (const unit of ['quarter', 'month']) {
        const url = `/api/v1/outcomes/measures?measure=housed_first_night&from=2026-04-01&to=2026-06-30&unit=${unit}&${query}`
        const res = await t.app.inject({ method: 'GET', url, headers })
        expect(res.statusCode, url).toBe(200)
        for (const c of res.json<Answer>().cells) {
          for (const k of COLUMNS)
            values.set(`${name}:${unit}:${c.group}:${c.period}|${k}`, c[k] as number | null)
          // A rate beside its published denominator is its numerator.
          if (c.numerator === null || c.denominator === null) expect(c.rate, url).toBeNull()
        }
      }
    }
    await answer('national', 'groupBy=national')
    await answer('region', 'groupBy=region')
    for (const region of ['N07', 'N50'])
      for (const by of ['pdu', 'prison']) await answer(by, `groupBy=${by}&region=${region}`)
    // The planted small cells are withheld.
    expect(values.get('pdu:quarter:LDNBBG:2026-04-01|numerator')).toBeNull()
    expect(values.get('region:quarter:N50:2026-04-01|numerator')).toBeNull()
    expect(values.get('region:month:N07:2026-06-01|numerator')).toBeNull()

    // What a reader can add up: each total from its parts (a part not in an answer is 0, and
    // known), in every column, and within a cell cohort = denominator + unknown + excluded.
    const areas = {
      N07: { pdu: ['LDNNCAI', 'LDNBBG'], prison: ['PVI', 'BXI'] },
      N50: { pdu: ['N50MANC'], prison: ['MRI'] },
    }
    const months = { '2026-04-01': ['2026-04-01', '2026-05-01', '2026-06-01'] }
    const periods = ['2026-04-01', '2026-05-01', '2026-06-01']
    const sums: Sum[] = []
    for (const k of COLUMNS) {
      const id = (name: string, group: string, period: string, unit = 'month') =>
        `${name}:${unit}:${group}:${period}|${k}`
      for (const [p, unit] of [
        ...periods.map((m) => [m, 'month'] as const),
        ['2026-04-01', 'quarter'] as const,
      ]) {
        sums.push({
          total: id('national', 'ENGLAND_AND_WALES', p, unit),
          parts: ['N07', 'N50'].map((r) => id('region', r, p, unit)),
        })
        for (const [region, split] of Object.entries(areas))
          for (const [by, codes] of Object.entries(split))
            sums.push({ total: id('region', region, p, unit), parts: codes.map((c) => id(by, c, p, unit)) })
      }
      const groups: [string, string][] = [
        ['national', 'ENGLAND_AND_WALES'],
        ...Object.entries(areas).flatMap(([r, split]): [string, string][] => [
          ['region', r],
          ...split.pdu.map((c): [string, string] => ['pdu', c]),
          ...split.prison.map((c): [string, string] => ['prison', c]),
        ]),
      ]
      for (const [name, group] of groups)
        for (const [q, ms] of Object.entries(months))
          sums.push({ total: id(name, group, q, 'quarter'), parts: ms.map((m) => id(name, group, m)) })
    }
    for (const cell of new Set([...values.keys()].map((k) => k.split('|')[0]!)))
      sums.push({
        total: `${cell}|cohort`,
        parts: ['denominator', 'unknown', 'excluded'].map((k) => `${cell}|${k}`),
      })
    const withheld = new Set([...values].filter(([, v]) => v === null).map(([k]) => k))
    // Shown plainly first: a sum with one withheld cell gives it back as total less published parts.
    const givenBack = sums.flatMap((s) => {
      const cells = [s.total, ...s.parts]
      const hidden = cells.filter((c) => withheld.has(c))
      if (hidden.length !== 1) return []
      const v = (c: string) => values.get(c) ?? 0
      const value =
        hidden[0] === s.total
          ? s.parts.reduce((a, c) => a + v(c), 0)
          : v(s.total) - s.parts.filter((c) => c !== hidden[0]).reduce((a, c) => a + v(c), 0)
      return [`${hidden[0]} = ${value}`]
    })
    expect(givenBack).toEqual([])
    expect([...recoverable(sums, withheld)]).toEqual([])
  })

  it('groups by area within one region, and does not cross an area with another', async () => {
    const headers = await analyst()
    const get = (query: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/outcomes/measures?${query}`, headers })
    const noRegion = await get('groupBy=pdu')
    expect(noRegion.statusCode).toBe(400)
    expect(noRegion.body).toContain('Give the region whose PDUs or prisons to read')
    const crossed = await get('groupBy=prison&region=N07&pdu=LDNBBG')
    expect(crossed.statusCode).toBe(400)
    expect(crossed.body).toContain('Group by national or region when narrowing to a PDU or prison')
    // Narrowed to a PDU, the figure is the PDU's own cell as grouping by PDU answers it.
    const narrowed = await get(
      'groupBy=region&measure=housed_first_night&from=2026-04-01&to=2026-06-30&pdu=LDNNCAI',
    )
    const byPdu = await get('groupBy=pdu&region=N07&measure=housed_first_night&from=2026-04-01&to=2026-06-30')
    const own = byPdu.json<Answer>().cells.find((c) => c.group === 'LDNNCAI')
    expect(narrowed.json<Answer>().cells).toEqual([{ ...own, group: 'N07' }])
  })
})

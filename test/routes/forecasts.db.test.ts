import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type { Role } from '../../src/platform/db/schema.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, organisationFor, LONDON, MANCHESTER } from '../support/builders/common.ts'
import { releasedPerson } from '../support/builders/outcomes.ts'
import { parseCsv } from '../../src/platform/csv.ts'

// TODAY is 2026-11-22, so the forecast runs from 1 November 2026 and its history is the 12
// months from 1 November 2025. Everyone here was sentenced in 2020: no reception flow, so the
// forecast is exactly the custody stock and the licences, which can be checked by hand.
const t = await testApp()

async function inCustody(place: typeof LONDON, expected: string) {
  const person = await t.db
    .insertInto('person')
    .values({
      given_name: 'Sam',
      family_name: 'Stock',
      search_name: 'stock sam',
      date_of_birth: '1990-01-01',
      sex: 'male',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.db
    .insertInto('custody_episode')
    .values({
      person_id: person.id,
      prison_code: place.prison,
      sentence_type: 'determinate',
      sentence_length_band: '4_years_or_more',
      sentence_date: '2020-01-01',
      expected_release_date: expected,
      pdu_code: place.pdu,
      region_code: place.region,
      local_authority_code: place.la,
    })
    .execute()
}

// London: releases due 10 December 2026, 15 and 20 January 2027; one person released on
// 1 June 2026 on a licence to 15 March 2027. Manchester: one due 4 December 2026.
await inCustody(LONDON, '2026-12-10')
await inCustody(LONDON, '2027-01-15')
await inCustody(LONDON, '2027-01-20')
await inCustody(MANCHESTER, '2026-12-04')
const released = await releasedPerson(t.db, LONDON, '2026-06-01')
await sql`update custody_episode set licence_end_date = '2027-03-15' where id = ${released.episodeId}`.execute(
  t.db,
)
await sql`insert into supervision_order (person_id, custody_episode_id, kind, region_code, pdu_code, start_date)
  values (${released.id}, ${released.episodeId}, 'licence', ${LONDON.region}, ${LONDON.pdu}, '2026-06-01')`.execute(
  t.db,
)

async function token(role: Role, kind: Parameters<typeof organisationFor>[1], code?: string) {
  const org = await organisationFor(t.db, kind, code)
  const issued = await t.svc.identity.issueToken(null, {
    name: `client ${role}`,
    organisationId: org.id,
    role,
  })
  return { authorization: `Bearer ${issued.secret}` }
}
const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers })

interface ForecastBody {
  asOf: string
  level: string
  series: string
  scenario: string
  points: { area: string; month: string; value: number; low: number; high: number }[]
}
const valuesOf = (body: ForecastBody, area: string, months: number) =>
  body.points
    .filter((p) => p.area === area)
    .slice(0, months)
    .map((p) => p.value)

describe('forecast API', () => {
  it('refuses a call without a token, and a role without reports', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/forecasts' })).statusCode).toBe(401)
    const com = await token('com', 'pdu', LONDON.pdu)
    const res = await get('/api/v1/forecasts', com)
    expect(res.statusCode).toBe(403)
    expect(res.headers['content-type']).toContain('application/problem+json')
  })

  it('answers bad input with 400 problem+json naming the field', async () => {
    const analyst = await token('national_analyst', 'national')
    for (const [query, field] of [
      ['level=county', 'level'],
      ['horizon=37', 'horizon'],
      ['series=beds', 'series'],
      ['asOf=2026-02-30', 'asOf'],
      ['asOf=2027-01-01', 'asOf'],
      ['scenario=nope', 'scenario'],
    ] as const) {
      const res = await get(`/api/v1/forecasts?${query}`, analyst)
      expect(res.statusCode, query).toBe(400)
      const body = res.json<{ errors: { field: string }[] }>()
      expect(body.errors.map((e) => e.field).join(' '), query).toContain(field)
    }
  })

  it('forecasts the custody stock on its expected dates, and the caseload from licences and releases', async () => {
    const analyst = await token('national_analyst', 'national')
    const res = await get('/api/v1/forecasts?level=region&series=releases&horizon=6', analyst)
    expect(res.statusCode).toBe(200)
    const body = res.json<ForecastBody>()
    expect(body).toMatchObject({
      asOf: '2026-11-01',
      level: 'region',
      series: 'releases',
      scenario: 'baseline',
    })
    expect(valuesOf(body, LONDON.region, 6)).toEqual([0, 1, 2, 0, 0, 0])
    expect(valuesOf(body, MANCHESTER.region, 6)).toEqual([0, 1, 0, 0, 0, 0])
    expect(body.points[0]).toMatchObject({ month: '2026-11-01' })
    for (const p of body.points) expect(p.low <= p.value && p.value <= p.high).toBe(true)

    // One on licence to 15 March 2027, joined by December's and January's releases.
    const caseload = await get('/api/v1/forecasts?level=pdu&series=caseload&horizon=6', analyst)
    expect(valuesOf(caseload.json<ForecastBody>(), LONDON.pdu, 6)).toEqual([1, 2, 4, 4, 3, 3])
  })

  it('shows a regional lead their own region only', async () => {
    const lead = await token('regional_lead', 'probation_region', LONDON.region)
    const body = (await get('/api/v1/forecasts?level=prison', lead)).json<ForecastBody>()
    expect(new Set(body.points.map((p) => p.area))).toEqual(new Set([LONDON.prison]))
  })

  it('backtests only months that are over', async () => {
    const analyst = await token('national_analyst', 'national')
    expect((await get('/api/v1/forecasts/backtest?asOf=2026-06-01&horizon=12', analyst)).statusCode).toBe(400)
    const res = await get('/api/v1/forecasts/backtest?asOf=2025-11-01&horizon=12', analyst)
    expect(res.statusCode).toBe(200)
    const body = res.json<{
      asOf: string
      horizon: number
      errors: {
        area: string
        series: string
        mape: number | null
        months: { month: string; forecast: number; actual: number }[]
      }[]
    }>()
    expect(body).toMatchObject({ asOf: '2025-11-01', horizon: 12 })
    const london = body.errors.find((e) => e.area === LONDON.region && e.series === 'releases')
    expect(london?.months.find((m) => m.month === '2026-06-01')?.actual).toBe(1)
    // The release was in the custody stock in November 2025, due on 1 June 2026: forecast exactly.
    expect(london?.months.find((m) => m.month === '2026-06-01')).toMatchObject({ forecast: 1, actual: 1 })
    expect(london?.mape).toBe(0)
  })
})

describe('forecast pages', () => {
  async function signedIn(role: Role, place = LONDON) {
    const user = await buildUser(t.db, role, place)
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    return agent
  }

  it('saves a scenario, refuses a bad or repeated one, and compares it with the baseline', async () => {
    const lead = await signedIn('regional_lead')
    await lead.get('/forecasts')
    const bad = await lead.post('/forecasts/scenarios', {
      name: '',
      receptionsChangePct: 'x',
      sdsReleasePoint: '10',
      recallRateChangePct: '0',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Enter a name for the scenario')
    expect(bad.body).toContain('The release point must be at least 20% of the sentence')

    const form = { name: 'SDS40', receptionsChangePct: '0', sdsReleasePoint: '40', recallRateChangePct: '0' }
    const saved = await lead.post('/forecasts/scenarios', form)
    expect(saved.statusCode).toBe(303)
    const again = await lead.post('/forecasts/scenarios', form)
    expect(again.statusCode).toBe(400)
    expect(again.body).toContain('A scenario with this name already exists')

    const page = await lead.get(String(saved.headers.location) + '&horizon=6')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<svg')
    // At 40% everyone sentenced in 2020 is past their release point: out in November.
    const csv = await lead.get(String(saved.headers.location) + '&horizon=6&download=summary&format=csv')
    const rows = parseCsv(csv.body)
    expect(rows.map((r) => r.Baseline)).toEqual(['0', '1', '2', '0', '0', '0'])
    expect(rows.map((r) => r.SDS40)).toEqual(['3', '0', '0', '0', '0', '0'])
  })

  it('shows the backtest page with its table, and refuses a COM', async () => {
    const analyst = await signedIn('national_analyst')
    const page = await analyst.get('/forecasts/backtest')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Backtest by region')
    const com = await signedIn('com')
    expect((await com.get('/forecasts')).statusCode).toBe(403)
  })

  it('re-shows the form with the error when the query is wrong', async () => {
    const analyst = await signedIn('national_analyst')
    const res = await analyst.get('/forecasts?horizon=99')
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('There is a problem')
  })
})

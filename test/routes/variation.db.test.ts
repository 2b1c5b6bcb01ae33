import { beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { parseCsv } from '../../src/platform/csv.ts'
import { releasedPerson, statusEvent } from '../support/builders/outcomes.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, LONDON, MANCHESTER, organisationFor } from '../support/builders/common.ts'
import type { Role } from '../../src/platform/db/schema.ts'

const t = await testApp()
// July-September 2026 is the latest complete quarter for the first night on 22 November 2026.
const AUG = '2026-08-12'
const Q = 'from=2026-Q3&to=2026-Q3'

async function releases(place: typeof LONDON, sex: 'male' | 'female', housed: number, notHoused: number) {
  for (let i = 0; i < housed + notHoused; i++) {
    const who = await releasedPerson(t.db, place, AUG)
    await sql`update person set sex = ${sex} where id = ${who.id}`.execute(t.db)
    await statusEvent(t.db, who, AUG, { accommodation: i < housed ? 'A01C' : 'A08A' })
  }
}

beforeAll(async () => {
  // London: men 15 of 20 housed, women 3 of 12. Manchester: men 30 of 30.
  await releases(LONDON, 'male', 15, 5)
  await releases(LONDON, 'female', 3, 9)
  await releases(MANCHESTER, 'male', 30, 0)
})

async function signedIn(role: Parameters<typeof buildUser>[1], place = LONDON) {
  const user = await buildUser(t.db, role, place)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return agent
}

/** An API client: a bearer token for the role at the place. */
async function api(role: Role, place = LONDON) {
  const national = role === 'national_analyst' || role === 'admin'
  const org = national
    ? await organisationFor(t.db, 'national')
    : role === 'regional_lead'
      ? await organisationFor(t.db, 'probation_region', place.region)
      : await organisationFor(t.db, 'pdu', place.pdu)
  const issued = await t.svc.identity.issueToken(null, {
    name: `client ${role}`,
    organisationId: org.id,
    role,
  })
  const headers = { authorization: `Bearer ${issued.secret}` }
  return { get: (url: string) => t.app.inject({ method: 'GET', url, headers }) }
}

interface Cell {
  group: Record<string, string>
  numerator: number | null
  denominator: number | null
  rate: number | null
  ciLow: number | null
  pValue: number | null
  significant: boolean
  suppressed: boolean
}
interface Variation {
  overall: { numerator: number | null; denominator: number | null; rate: number | null }
  cells: Cell[]
  totals: Cell[]
  threshold: number
}

describe('the variation API', () => {
  it('splits the national figure by sex with intervals and a Holm-corrected test', async () => {
    const agent = await api('national_analyst')
    const res = await agent.get(`/api/v1/outcomes/variation?measure=housed_first_night&by=sex&${Q}`)
    expect(res.statusCode).toBe(200)
    const body = res.json<Variation>()
    expect(body.overall).toEqual({ numerator: 48, denominator: 62, rate: 77.4 })
    const women = body.cells.find((c) => c.group.sex === 'Female')!
    const men = body.cells.find((c) => c.group.sex === 'Male')!
    expect(women).toMatchObject({
      numerator: null,
      denominator: 12,
      rate: null,
      pValue: null,
      suppressed: true,
    })
    // 3 women withheld beside a published 48: the men's numerator must go too, or 48 − 45 = 3.
    expect(men.numerator).toBeNull()
    expect(men.rate).toBeNull()
  })

  it('keeps a regional lead’s splits to their region (the scope predicate on aggregates)', async () => {
    const agent = await api('regional_lead', MANCHESTER)
    const body = (
      await agent.get(`/api/v1/outcomes/variation?measure=housed_first_night&by=region&${Q}`)
    ).json<Variation>()
    expect(body.cells.map((c) => c.group.region)).toEqual(['N50'])
    expect(body.overall).toEqual({ numerator: 30, denominator: 30, rate: 100 })
  })

  it('crosses two splits and publishes the one-way margins, with nothing recoverable', async () => {
    const agent = await api('national_analyst')
    const body = (
      await agent.get(`/api/v1/outcomes/variation?measure=housed_first_night&by=region,sex&${Q}`)
    ).json<Variation>()
    expect(body.cells).toHaveLength(3)
    expect(body.totals.length).toBe(4) // London, Manchester; Female, Male
    const nulls = [...body.cells, ...body.totals].filter((c) => c.numerator === null)
    expect(nulls.length === 0 || nulls.length >= 2).toBe(true)
    for (const c of body.cells) if (c.numerator === null) expect(c.rate).toBeNull()
  })

  it('answers bad input with 400 problem+json, and audits each read as an aggregate read', async () => {
    const agent = await api('national_analyst')
    const bad = await agent.get('/api/v1/outcomes/variation?measure=housed_first_night&by=shoe_size')
    expect(bad.statusCode).toBe(400)
    expect(bad.headers['content-type']).toContain('problem+json')
    const three = await agent.get('/api/v1/outcomes/variation?measure=housed_first_night&by=sex,age,region')
    expect(three.statusCode).toBe(400)
    const audited = await t.db
      .selectFrom('audit_event')
      .where('record_type', '=', 'outcome_aggregate')
      .select(['record_id'])
      .execute()
    expect(audited.map((a) => a.record_id)).toContain('api-variation:housed_first_night:sex')
  })

  it('is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<string, unknown>
    }>()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/outcomes/variation', '/api/v1/outcomes/funnel']),
    )
  })

  it('refuses a role without reports', async () => {
    const agent = await api('com')
    expect((await agent.get(`/api/v1/outcomes/variation?measure=housed_first_night&by=sex`)).statusCode).toBe(
      403,
    )
  })
})

describe('the variation pages', () => {
  it('shows the explorer with its chart, table, downloads and drill-down', async () => {
    const agent = await signedIn('regional_lead')
    const res = await agent.get(`/outcomes/variation?measure=housed_first_night&by=sex&${Q}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<svg role="img"')
    expect(res.body).toContain('[c]')
    const csv = parseCsv(
      (
        await agent.get(
          `/outcomes/variation?measure=housed_first_night&by=sex&${Q}&download=variation&format=csv`,
        )
      ).body,
    )
    expect(csv.find((r) => r.Sex === 'Female')).toMatchObject({
      Rate: '[c]',
      Numerator: '[c]',
      Denominator: '12',
    })
    const drill = await agent.get(
      `/outcomes/variation/releases?measure=housed_first_night&by=sex&${Q}&group=Female`,
    )
    expect(drill.statusCode).toBe(200)
    expect(drill.body).toContain('within your scope: 12')
  })

  it('lets the reader narrow the figures to an area within their scope, in the page', async () => {
    const national = await signedIn('national_analyst')
    const page = await national.get(`/outcomes/variation?measure=housed_first_night&by=sex&${Q}`)
    expect(page.body).toContain('<select class="govuk-select" id="region" name="region"')
    expect(page.body).toContain('>Greater Manchester</option>')
    const london = await national.get(`/outcomes/variation?measure=housed_first_night&by=sex&${Q}&region=N07`)
    // London alone: 18 of 32 housed (the 30 Manchester releases are out of it).
    expect(london.body).toContain('18 of 32 releases with a known status')
    expect(london.body).toMatch(/<option value="N07" selected>London<\/option>/)

    const lead = await signedIn('regional_lead', MANCHESTER)
    const own = await lead.get(`/outcomes/variation?measure=housed_first_night&by=sex&${Q}`)
    expect(own.body).not.toContain('id="region"')
    expect(own.body).toContain('id="pdu"')
    expect(own.body).not.toContain(`value="${LONDON.pdu}"`)
    // A PDU outside the scope gives nothing, as the scope predicate still applies.
    const other = await lead.get(
      `/outcomes/variation?measure=housed_first_night&by=sex&${Q}&pdu=${LONDON.pdu}`,
    )
    expect(other.body).toContain('0 of 0 releases')
  })

  it('shows a drill-down only within scope', async () => {
    const agent = await signedIn('regional_lead', MANCHESTER)
    const drill = await agent.get(
      `/outcomes/variation/releases?measure=housed_first_night&by=sex&${Q}&group=Female`,
    )
    expect(drill.body).toContain('within your scope: 0')
  })

  it('re-shows the explorer with an error summary for a bad split', async () => {
    const agent = await signedIn('regional_lead')
    const res = await agent.get('/outcomes/variation?measure=housed_first_night&by=shoe_size')
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('There is a problem')
  })

  it('gives analysts an anonymised extract that says what it did, and no one else', async () => {
    const analyst = await signedIn('national_analyst')
    const res = await analyst.get(`/outcomes/variation/extract?measure=housed_first_night&${Q}&k=5`)
    expect(res.statusCode).toBe(200)
    const lines = res.body.split(/\r?\n/)
    expect(lines[0]).toContain('# Anonymised extract')
    expect(res.body).toContain('k = 5')
    const data = lines.filter((l) => l && !l.startsWith('#'))
    expect(data[0]).toContain('pseudonymous_id')
    expect(res.body).not.toMatch(/Given\d|Outcome\d|1988-05-01/)
    // The same people, a different extract: different ids.
    const again = await analyst.get(`/outcomes/variation/extract?measure=housed_first_night&${Q}&k=5`)
    const ids = (body: string) =>
      new Set(
        body
          .split(/\r?\n/)
          .filter((l) => /^[0-9a-f]{16},/.test(l))
          .map((l) => l.slice(0, 16)),
      )
    const first = ids(res.body)
    expect(first.size).toBeGreaterThan(0)
    expect([...ids(again.body)].some((id) => first.has(id))).toBe(false)
    const lead = await signedIn('regional_lead')
    expect((await lead.get(`/outcomes/variation/extract?measure=housed_first_night&${Q}`)).statusCode).toBe(
      403,
    )
    const audited = await t.db
      .selectFrom('audit_event')
      .where('record_type', '=', 'anonymised_extract')
      .select('action')
      .execute()
    expect(audited.map((a) => a.action)).toContain('export')
  })
})

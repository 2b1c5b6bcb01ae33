/**
 * The funnel plot of areas (issue 14), in the API and the page: limits around the national rate,
 * and outliers named only after Holm's correction for the areas compared (variation/funnel.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { releasedPerson, statusEvent } from '../support/builders/outcomes.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, LONDON, MANCHESTER, organisationFor } from '../support/builders/common.ts'

const t = await testApp()
// July-September 2026 is the latest complete quarter for the first night on 22 November 2026.
const AUG = '2026-08-12'
const Q = 'from=2026-Q3&to=2026-Q3'

beforeAll(async () => {
  // Housed on the first night: London 18 of 32, Manchester 30 of 30; nationally 48 of 62, 77.4%.
  const releases = async (place: typeof LONDON, housed: number, notHoused: number) => {
    for (let i = 0; i < housed + notHoused; i++) {
      const who = await releasedPerson(t.db, place, AUG)
      await statusEvent(t.db, who, AUG, { accommodation: i < housed ? 'A01C' : 'A08A' })
    }
  }
  await releases(LONDON, 18, 14)
  await releases(MANCHESTER, 30, 0)
})

async function signedIn(role: Parameters<typeof buildUser>[1], place = LONDON) {
  const user = await buildUser(t.db, role, place)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return agent
}

/** An API client for a national analyst: a bearer token. */
async function analystApi() {
  const org = await organisationFor(t.db, 'national')
  const issued = await t.svc.identity.issueToken(null, {
    name: 'client national_analyst',
    organisationId: org.id,
    role: 'national_analyst',
  })
  const headers = { authorization: `Bearer ${issued.secret}` }
  return { get: (url: string) => t.app.inject({ method: 'GET', url, headers }) }
}

describe('the funnel plot', () => {
  it('answers the funnel with limits around the national rate', async () => {
    const agent = await analystApi()
    const res = await agent.get(`/api/v1/outcomes/funnel?measure=housed_first_night&level=region&${Q}`)
    expect(res.statusCode).toBe(200)
    const body = res.json<{
      nationalRate: number
      correction: { method: string; familyAlpha: number; areasCompared: number }
      points: {
        code: string
        status: string
        lower998: number
        beyond998: boolean
        pValue: number
        adjustedPValue: number
      }[]
    }>()
    expect(body.nationalRate).toBe(77.4)
    expect(body.correction).toEqual({ method: 'holm', familyAlpha: 0.002, areasCompared: 2 })
    expect(body.points.map((p) => p.code).sort()).toEqual(['N07', 'N50'])
    const manchester = body.points.find((p) => p.code === 'N50')!
    // 30 of 30 against 77.4%: 0.774^30 is under 1 in 1,000, beyond the 99.8% limit; the exact
    // test doubles it (0.00092), and Holm doubles that again for 2 regions (0.00184), under 0.002.
    expect(manchester).toMatchObject({ status: 'outlier_high', beyond998: true })
    expect(manchester.pValue).toBeCloseTo(2 * 0.774 ** 30, 8)
    expect(manchester.adjustedPValue).toBeCloseTo(4 * 0.774 ** 30, 8)
    // London, 18 of 32: below the 95% limit (60.4%), not the 99.8% (50.8%).
    expect(body.points.find((p) => p.code === 'N07')).toMatchObject({ status: 'alert_low', beyond998: false })
  })

  it('shows a point beyond 99.8% that the correction for the areas compared does not name', async () => {
    // May 2026, employment at 6 weeks: Manchester 10 of 10 employed, London 5 of 20; nationally
    // 15 of 30, 50%. Manchester's exact p is 2/1024 = 0.00195, beyond the 99.8% limit (89.98%
    // at n = 10); Holm for 2 regions makes it 0.0039: not an outlier.
    const employed = async (place: typeof LONDON, yes: number, no: number) => {
      for (let i = 0; i < yes + no; i++) {
        const who = await releasedPerson(t.db, place, '2026-05-12')
        await statusEvent(t.db, who, '2026-05-20', {
          employment: i < yes ? 'employed_full_time' : 'unemployed_available',
        })
      }
    }
    await employed(MANCHESTER, 10, 0)
    await employed(LONDON, 5, 15)
    const q = 'measure=employed_6_weeks&level=region&from=2026-Q2&to=2026-Q2'
    const body = (await (await analystApi()).get(`/api/v1/outcomes/funnel?${q}`)).json<{
      nationalRate: number
      points: { code: string; status: string; adjustedPValue: number }[]
    }>()
    expect(body.nationalRate).toBe(50)
    const manchester = body.points.find((p) => p.code === 'N50')!
    expect(manchester.status).toBe('beyond_998_high')
    expect(manchester.adjustedPValue).toBeCloseTo(4 / 1024, 10)
    const page = await (await signedIn('national_analyst')).get(`/outcomes/variation/funnel?${q}`)
    expect(page.body).toContain('No area is an outlier')
    expect(page.body).toContain(
      'Greater Manchester: 100% (10 of 10), above the 99.8% limit, but not an outlier once the 2 regions compared are allowed for (p = 0.00391 after Holm’s correction; an outlier needs under 0.002).',
    )
  })

  it('shows the funnel plot', async () => {
    const agent = await signedIn('national_analyst')
    const res = await agent.get(`/outcomes/variation/funnel?measure=housed_first_night&level=pdu&${Q}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('National rate')
    expect(res.body).toContain('after Holm’s correction for the number of areas compared')
    // Manchester's one PDU, 30 of 30 against 77.4%, among the 2 PDUs compared: named.
    expect(res.body).toMatch(
      /<\/a>: 100%, above the 99.8% limit after Holm’s correction for the 2 areas compared/,
    )
  })
})

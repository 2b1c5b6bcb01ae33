import { describe, expect, it } from 'vitest'
import { comLoads, distribution, projectCom, type CaseGroup, type Weights } from './caseload-rules.ts'

const weights: Weights = {
  pre_release: { none: 0.5, mappa_1: 0.6, mappa_2: 0.8, mappa_3: 1 },
  licence: { none: 1, mappa_1: 1.2, mappa_2: 1.6, mappa_3: 2 },
}
const g = (over: Partial<CaseGroup>): CaseGroup => ({
  com: 'Ada Obi',
  pdu: 'P1',
  stage: 'licence',
  risk: 'none',
  releaseDay: null,
  endDay: 400,
  cases: 1,
  ...over,
})

describe('caseload per named COM', () => {
  it('weights each case by stage and MAPPA level and flags above the alert level', () => {
    const loads = comLoads(
      [
        g({ cases: 60 }),
        g({ cases: 5, risk: 'mappa_3' }),
        g({ stage: 'pre_release', releaseDay: 30, cases: 4 }),
        g({ com: 'Ben Cole', cases: 20 }),
      ],
      weights,
      { high: 60, alert: 70 },
    )
    // 60 × 1 + 5 × 2 + 4 × 0.5 = 72: above 70.
    expect(loads[0]).toMatchObject({
      com: 'Ada Obi',
      cases: 69,
      licence: 65,
      preRelease: 4,
      weighted: 72,
      overAlert: true,
    })
    expect(loads[1]).toMatchObject({ com: 'Ben Cole', weighted: 20, overAlert: false, aboveNorm: false })
  })

  it('drops a case at its planned end and adds an allocated release at the licence weight', () => {
    const groups = [
      g({ endDay: 45, cases: 10 }),
      g({ stage: 'pre_release', releaseDay: 50, endDay: 500, cases: 4 }),
    ]
    // Month ends on days 30, 60, 90; no early termination: exact counts, no interval.
    const p = projectCom(groups, weights, [30, 60, 90], 0, 0)
    expect(p.value).toEqual([10 + 4 * 0.5, 4, 4])
    expect(p.low).toEqual(p.value)
    expect(p.high).toEqual(p.value)
  })

  it('applies the early-termination hazard and gives a Poisson-binomial 95% interval', () => {
    const h = Math.log(2) / 100 // half of cases end early within 100 days
    const p = projectCom([g({ endDay: null, cases: 100 })], weights, [100], 0, h)
    expect(p.value[0]).toBeCloseTo(50, 6)
    // sd = sqrt(100 × 0.5 × 0.5) = 5, so 50 ± 1.96 × 5.
    expect(p.low[0]).toBeCloseTo(50 - 1.959964 * 5, 3)
    expect(p.high[0]).toBeCloseTo(50 + 1.959964 * 5, 3)
  })

  it('counts COMs in bands of ten', () => {
    expect(distribution([{ weighted: 5 }, { weighted: 12 }, { weighted: 19.9 }, { weighted: 31 }])).toEqual([
      { band: '0 to under 10', from: 0, coms: 1 },
      { band: '10 to under 20', from: 10, coms: 2 },
      { band: '20 to under 30', from: 20, coms: 0 },
      { band: '30 to under 40', from: 30, coms: 1 },
    ])
  })
})

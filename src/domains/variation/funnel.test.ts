import { describe, expect, it } from 'vitest'
import type { CellResult } from './analysis.ts'
import { beyondSentence, funnelOf, funnelPoints } from './funnel.ts'

const area = (code: string, numerator: number | null, denominator: number | null): CellResult => ({
  group: [code],
  numerator,
  denominator,
  rate: numerator === null || denominator === null ? null : Math.round((numerator / denominator) * 1000) / 10,
  suppressed: numerator === null,
  ciLow: null,
  ciHigh: null,
  pValue: null,
  significant: false,
  rest: null,
})
const centre = (k: number) => Array.from({ length: k }, (_, i) => area(`C${i}`, 50, 100))
const statusOf = (cells: CellResult[], rate: number, code: string) =>
  funnelPoints(cells, rate).find((p) => p.code === code)!.status

describe('the funnel names an outlier only after Holm’s correction for the areas compared', () => {
  // Worked by hand at a national rate of 50%: 10 of 10 has exact p = 2 × 1/1024 = 0.00195,
  // beyond the 99.8% limits (upper limit 89.98% at n = 10) and under 0.002 on its own.
  it('one area 10 of 10 against 50% is an outlier', () => {
    const f = funnelOf([area('A', 10, 10)], 50)
    expect(f.points[0]).toMatchObject({ status: 'outlier_high', beyond998: true, upper998: 90 })
    expect(f.points[0]!.pValue).toBeCloseTo(2 / 1024, 12)
    expect(f.correction).toEqual({ method: 'holm', familyAlpha: 0.002, areasCompared: 1 })
  })

  it('with a second area the same point is beyond 99.8% but not an outlier: Holm doubles its p', () => {
    // Holm: the smaller p times 2 areas, 4/1024 = 0.0039, over 0.002.
    const f = funnelOf([area('A', 10, 10), area('B', 5, 10)], 50)
    const a = f.points.find((p) => p.code === 'A')!
    expect(a).toMatchObject({ status: 'beyond_998_high', beyond998: true })
    expect(a.adjustedPValue).toBeCloseTo(4 / 1024, 12)
    expect(f.points.find((p) => p.code === 'B')).toMatchObject({ status: 'within', pValue: 1 })
  })

  it('30 of 100 against 50% stays an outlier among 25 areas and not among 26', () => {
    // 2 × P(X ≤ 30 | 100, 0.5) = 7.850e-5; the others (50 of 100) have p = 1. Holm: × 25 is
    // 0.00196, under 0.002; × 26 is 0.00204, over it. Beyond the 99.8% limits either way.
    expect(statusOf([area('A', 30, 100), ...centre(24)], 50, 'A')).toBe('outlier_low')
    expect(statusOf([area('A', 30, 100), ...centre(25)], 50, 'A')).toBe('beyond_998_low')
    const p = funnelPoints([area('A', 30, 100), ...centre(25)], 50).find((x) => x.code === 'A')!
    expect(p.pValue).toBeCloseTo(7.85014e-5, 9)
    expect(p.adjustedPValue).toBeCloseTo(26 * 7.85014e-5, 8)
  })

  it('does not call a small area at 100% an outlier: 5 of 5 against 87% is drawn beyond the limit', () => {
    // The interpolated 99.8% limit at n = 5 is 99.96%, so 100% is drawn beyond it; the exact
    // chance of 5 of 5 is 0.87^5 = 0.498, doubled 0.997: nothing to name.
    const [p] = funnelPoints([area('A', 5, 5)], 87)
    expect(p).toMatchObject({ beyond998: true, status: 'beyond_998_high' })
    expect(p!.pValue).toBeCloseTo(2 * 0.87 ** 5, 10)
  })

  it('corrects for the published areas only: a withheld area is not compared', () => {
    const f = funnelOf([area('A', 10, 10), area('W', null, null)], 50)
    expect(f.correction.areasCompared).toBe(1)
    expect(f.points.find((p) => p.code === 'W')).toMatchObject({
      status: 'withheld',
      pValue: null,
      adjustedPValue: null,
      beyond998: false,
    })
    expect(f.points.find((p) => p.code === 'A')!.status).toBe('outlier_high')
  })

  it('keeps the 95% alerts as drawn, uncorrected', () => {
    // 8 of 10 against 50%: p = 2 × 56/1024 = 0.109, above the 95% limit (76.8%) only.
    expect(statusOf([area('A', 8, 10)], 50, 'A')).toBe('alert_high')
  })

  it('says in words why a point beyond 99.8% is not named', () => {
    const f = funnelOf([area('ONI', 30, 100), ...centre(25)], 50)
    expect(beyondSentence('Onley', f.points[0]!, f, 'prisons')).toBe(
      'Onley: 30% (30 of 100), below the 99.8% limit, but not an outlier once the 26 prisons compared are allowed for (p = 0.00204 after Holm’s correction; an outlier needs under 0.002).',
    )
    expect(beyondSentence('C0', f.points[1]!, f, 'prisons')).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import { analyse, sentence } from './analysis.ts'
import { funnelPoints } from './funnel.ts'

const row = (a: string, b: string, quarter: string, numerator: number, denominator: number) => ({
  a,
  b,
  quarter,
  numerator,
  denominator,
  unknown: 0,
})

describe('the variation table', () => {
  it('gives each group its Wilson interval and a Holm-adjusted test against the rest', () => {
    const t = analyse(
      [row('Female', '*', '2025-01-01', 90, 1000), row('Male', '*', '2025-01-01', 1900, 10000)],
      1,
      5,
    )
    const women = t.cells.find((c) => c.group[0] === 'Female')!
    expect(women).toMatchObject({ numerator: 90, denominator: 1000, rate: 9, significant: true })
    expect(women.ciLow).toBeCloseTo(7.4, 1)
    expect(women.ciHigh).toBeCloseTo(10.9, 1)
    expect(women.rest!.rate).toBe(19)
    expect(sentence('Female', 'Employed at 6 months', women)).toBe(
      'Female: employed at 6 months less often than everyone else: 9% (7.4% to 10.9%) against 19% (18.2% to 19.8%) (p < 0.001 after Holm’s correction).',
    )
    expect(t.overall).toMatchObject({ numerator: 1990, denominator: 11000 })
  })

  it('calls a small gap noise', () => {
    const t = analyse([row('A', '*', '2025-01-01', 20, 100), row('B', '*', '2025-01-01', 22, 100)], 1, 5)
    expect(t.cells.every((c) => !c.significant)).toBe(true)
  })

  it('publishes the margins of a crossed table and withholds enough that none is recoverable', () => {
    const t = analyse(
      [
        row('N07', 'Female', '2025-01-01', 3, 20),
        row('N07', 'Male', '2025-01-01', 40, 100),
        row('N50', 'Female', '2025-01-01', 8, 30),
        row('N50', 'Male', '2025-01-01', 50, 100),
      ],
      2,
      5,
    )
    expect(t.totals).toHaveLength(4)
    const hidden = [...t.cells, ...t.totals].filter((c) => c.numerator === null)
    // The 3, one more in its row and its column, and the fourth to close the rectangle.
    expect(hidden).toHaveLength(4)
    for (const c of t.cells)
      if (c.numerator === null) expect([c.rate, c.ciLow, c.pValue]).toEqual([null, null, null])
  })

  it('flags an area outside the 99.8% funnel limits', () => {
    const t = analyse([row('P1', '*', '2025-01-01', 60, 100), row('P2', '*', '2025-01-01', 380, 1000)], 1, 5)
    const points = funnelPoints(t.cells, 38)
    expect(points.find((p) => p.code === 'P1')!.status).toBe('outlier_high')
    expect(points.find((p) => p.code === 'P2')!.status).toBe('within')
  })
})

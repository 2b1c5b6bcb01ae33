import { describe, expect, it } from 'vitest'
import { measureOf } from './measures.ts'
import { protectAreas, protectNational, protectRegional, publishedCounts } from './disclosure.ts'
import type { Cell } from './query.ts'
import { figureOf, publishedCell, seriesTable, SUPPRESSED } from './view-models.ts'

const cell = (group: string, period: string, numerator: number, denominator: number, unknown = 0): Cell => ({
  measure: 'housed_first_night',
  group,
  period,
  cohort: denominator + unknown,
  excluded: 0,
  unknown,
  denominator,
  numerator,
  offences: 0,
})

describe('issue 12 defect 1: nothing beside a withheld count lets it be recomputed', () => {
  it('withholds the 13.8% whose numerator (4) is withheld beside its denominator 29', () => {
    const c = cell('LDN', '2026-04-01', 4, 29)
    expect(figureOf(c, 5).rate).toBeNull()
    const final = { complete: true, status: 'final' as const, published: null, revision: null }
    expect(publishedCell({ ...c, ...final }, 5)).toMatchObject({
      rate: null,
      numerator: null,
      suppressed: true,
    })
  })

  it('withholds a second PDU beside the region total, in the page table and the chart points', () => {
    const quarter = '2026-04-01'
    const region = cell('LDN', quarter, 60, 100)
    const pdus = [cell('P1', quarter, 3, 20), cell('P2', quarter, 27, 40), cell('P3', quarter, 30, 40)]
    // The region's figure is published on its page: known, so another PDU is withheld, not it.
    protectAreas(
      {
        total: (_m, unit) => (unit === 'quarter' ? region : undefined),
        partitions: [{ quarters: pdus, months: [] }],
        latestMonth: { housed_first_night: '2026-06-01' },
      },
      5,
    )
    expect(figureOf(region, 5).rate).toBe(60)
    const table = seriesTable(
      'by-pdu',
      'By PDU',
      'PDU',
      measureOf('housed_first_night')!,
      'LDN',
      pdus,
      'quarter',
      5,
      (c) => c.group,
    )
    const numerators = table.rows.map((r) => r.numerator)
    // 3 is withheld, and one more PDU's numerator with it, or 60 − 27 − 30 would give it back.
    expect(numerators.filter((t) => t === SUPPRESSED)).toHaveLength(2)
    const rates = table.rows.map((r) => r.rate)
    expect(rates.filter((t) => t === SUPPRESSED)).toHaveLength(2)
    // Whatever is published, the withheld numerators cannot be recomputed from the total.
    const shown = pdus.filter((p) => figureOf(p, 5).rate !== null)
    expect(60 - shown.reduce((a, p) => a + p.numerator, 0)).not.toBe(3)
  })

  it('keeps a month withheld from its quarter and the other two months', () => {
    const q = '2026-01-01'
    const months = [
      cell('LDN', '2026-01-01', 2, 30),
      cell('LDN', '2026-02-01', 20, 30),
      cell('LDN', '2026-03-01', 20, 30),
    ]
    const quarter = cell('LDN', q, 42, 90)
    const data = {
      summary: [quarter],
      byQuarter: [cell('LDN', q, 42, 90)],
      byMonth: months,
      latestMonth: '2026-06-01',
    }
    protectRegional(data, 'housed_first_night', 5)
    expect(months.filter((m) => figureOf(m, 5).rate === null)).toHaveLength(2)
  })

  it('keeps a region withheld beside England and Wales', () => {
    const p = '2026-04-01'
    const cells = [
      cell('ENGLAND_AND_WALES', p, 50, 90),
      cell('A', p, 4, 30),
      cell('B', p, 20, 30),
      cell('C', p, 26, 30),
    ]
    protectNational(cells, { housed_first_night: p }, 5)
    expect(cells.slice(1).filter((c) => figureOf(c, 5).rate === null)).toHaveLength(2)
  })

  it('withholds a second term of cohort = denominator + unknown + excluded in the API', () => {
    const counts = publishedCounts(cell('P1', '2026-04-01', 10, 30, 2), 5)
    expect(counts.unknown).toBeNull()
    expect(
      [counts.cohort, counts.denominator, counts.excluded].filter((v) => v === null).length,
    ).toBeGreaterThan(0)
  })
})

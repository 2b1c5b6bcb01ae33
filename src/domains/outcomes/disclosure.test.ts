import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { recoverable, type Sum } from '../../platform/disclosure/index.ts'
import { measureOf } from './measures.ts'
import { protectAreas, protectNationalTable, publishedCounts } from './disclosure.ts'
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
    protectNationalTable({ quarters: [cell('LDN', q, 42, 90)], months }, 5)
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
    protectNationalTable({ quarters: cells, months: [] }, 5)
    // A second region, not England and Wales: the national figure is the one most read.
    expect(cells.slice(1).filter((c) => figureOf(c, 5).rate === null)).toHaveLength(2)
    expect(figureOf(cells[0], 5).rate).not.toBeNull()
  })

  it('withholds a second term of cohort = denominator + unknown + excluded in the API', () => {
    const counts = publishedCounts(cell('P1', '2026-04-01', 10, 30, 2), 5)
    expect(counts.unknown).toBeNull()
    expect(
      [counts.cohort, counts.denominator, counts.excluded].filter((v) => v === null).length,
    ).toBeGreaterThan(0)
  })
})

describe('the measures API’s cells, property-based', () => {
  const final = { complete: true, status: 'final' as const, published: null, revision: null }
  // Regions by month, each month a numerator, a denominator's remainder and unknowns.
  const table = fc.array(
    fc.array(
      fc.record({
        n: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 })),
        rest: fc.integer({ min: 0, max: 30 }),
        unknown: fc.integer({ min: 0, max: 6 }),
      }),
      { minLength: 3, maxLength: 3 },
    ),
    { minLength: 1, maxLength: 4 },
  )
  it('publishes nothing from which a withheld count, rate or interval could be recomputed', () => {
    fc.assert(
      fc.property(table, (regions) => {
        const months = ['2026-04-01', '2026-05-01', '2026-06-01']
        const add = (group: string, period: string, cells: Cell[]) => {
          const c = cell(group, period, 0, 0)
          for (const x of cells)
            for (const k of ['numerator', 'denominator', 'unknown', 'cohort'] as const) c[k] += x[k]
          return c
        }
        const monthCells = regions
          .flatMap((r, i) => r.map((m, j) => cell(`R${i}`, months[j]!, m.n, m.n + m.rest, m.unknown)))
          .filter((c) => c.cohort > 0) // as the query builder: no cell where no one was released
        const national = months
          .map((m) =>
            add(
              'ENGLAND_AND_WALES',
              m,
              monthCells.filter((c) => c.period === m),
            ),
          )
          .filter((c) => c.cohort > 0)
        const groups = ['ENGLAND_AND_WALES', ...regions.map((_r, i) => `R${i}`)]
        const all = [...national, ...monthCells]
        const quarters = groups
          .map((g) =>
            add(
              g,
              '2026-04-01',
              all.filter((c) => c.group === g),
            ),
          )
          .filter((c) => c.cohort > 0)
        protectNationalTable({ quarters, months: all }, 5)
        const shown = new Map<string, ReturnType<typeof publishedCell>>()
        for (const [unit, cells] of [
          ['q', quarters],
          ['m', all],
        ] as const)
          for (const c of cells)
            shown.set(`${unit}:${c.group}:${c.period}`, publishedCell({ ...c, ...final }, 5))
        for (const p of shown.values())
          if (p.numerator === null || p.denominator === null) expect(p.rate).toBeNull()
        for (const column of ['cohort', 'numerator', 'denominator', 'unknown', 'excluded'] as const) {
          const id = (key: string) => `${key}|${column}`
          const sums: Sum[] = [
            {
              total: id('q:ENGLAND_AND_WALES:2026-04-01'),
              parts: groups.slice(1).map((g) => id(`q:${g}:2026-04-01`)),
            },
            ...months.map((m) => ({
              total: id(`m:ENGLAND_AND_WALES:${m}`),
              parts: groups.slice(1).map((g) => id(`m:${g}:${m}`)),
            })),
            ...groups.map((g) => ({
              total: id(`q:${g}:2026-04-01`),
              parts: months.map((m) => id(`m:${g}:${m}`)),
            })),
          ]
          const withheld = new Set([...shown].filter(([, p]) => p[column] === null).map(([k]) => id(k)))
          expect([...recoverable(sums, withheld)]).toEqual([])
        }
      }),
      { numRuns: 200 },
    )
  })
})

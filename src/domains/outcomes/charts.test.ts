import { describe, expect, it } from 'vitest'
import { barChart, trendChart } from './charts.ts'
import { intervalText, figureOf } from './figures.ts'
import { measureOf, periodLabel } from './measures.ts'
import { seriesTable } from './view-models.ts'

// Issue 12, defect 11: the dashboard charts as a reader saw them.
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1])

describe('the national chart', () => {
  const bars = [
    { label: 'Kent, Surrey and Sussex Probation Region', rate: 81.2, target: 90 },
    { label: 'East of England Probation Region', rate: 77.5, target: 80 },
    { label: 'Wales', rate: 88, target: null },
  ]

  it('shows every region’s name in full', async () => {
    const svg = await barChart(bars, 'Housed on the first night by region')
    const labels = texts(svg)
    for (const b of bars) expect(labels).toContain(b.label)
    expect(svg).not.toContain('…')
  })

  it('marks each region’s target and has a legend saying which mark is which', async () => {
    const svg = await barChart(bars, 'Housed on the first night by region')
    const labels = texts(svg)
    expect(labels).toContain('Rate')
    expect(labels).toContain('Target')
    // One target mark for each region with a target.
    expect(svg.match(/role="graphics-symbol"[^>]*aria-roledescription="tick"/g) ?? []).toHaveLength(2)
  })
})

describe('the monthly trend chart', () => {
  it('labels every month on its axis, skipping none', async () => {
    const months = Array.from({ length: 48 }, (_, i) => {
      const y = 2024 + Math.floor(i / 12)
      return `${y}-${String((i % 12) + 1).padStart(2, '0')}-01`
    })
    const svg = await trendChart(
      months.map((m, i) => ({ label: periodLabel(m, 'month'), rate: 60 + (i % 7) })),
      90,
      'Housed on the first night by month',
    )
    const labels = texts(svg)
    for (const m of months) expect(labels).toContain(periodLabel(m, 'month'))
  })

  it('has a legend for the final and provisional figures and the target', async () => {
    const svg = await trendChart(
      [
        { label: 'Jan 2026', rate: 70 },
        { label: 'Feb 2026', rate: 72, provisional: true },
      ],
      90,
      'Housed on the first night by month',
    )
    const labels = texts(svg)
    expect(labels).toEqual(expect.arrayContaining(['Final', 'Provisional', 'Target']))
  })
})

describe('a rate on a small denominator', () => {
  it('is shown with its 95% interval: 100% of 8 is 67.6% to 100%', () => {
    const cell = {
      measure: 'housed_first_night',
      group: 'N07',
      period: '2026-07-01',
      cohort: 8,
      excluded: 0,
      unknown: 0,
      denominator: 8,
      numerator: 8,
      offences: 0,
    }
    expect(intervalText(figureOf(cell, 5))).toBe('67.6% to 100%')
    expect(intervalText(figureOf({ ...cell, denominator: 3, numerator: 3 }, 5))).toBe('[c]')
    // And the dashboard's tables show it beside the rate, on the page and in the downloads.
    const m = measureOf('housed_first_night')!
    const table = seriesTable('by-pdu', 'By PDU', 'PDU', m, 'N07', [cell], 'quarter', 5, (c) => c.group)
    expect(table.columns.map((c) => c.label)).toContain('95% interval')
    expect(table.rows[0]).toMatchObject({ rate: '100%', interval: '67.6% to 100%', denominator: '8' })
  })
})

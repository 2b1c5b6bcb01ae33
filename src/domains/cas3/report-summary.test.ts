import { describe, expect, it } from 'vitest'
import { recoverable } from '../../platform/disclosure/index.ts'
import type { ReportRow } from './report-columns.ts'
import { summaryTable } from './report-summary.ts'

const byLabel = (t: ReturnType<typeof summaryTable>): Record<string, ReportRow> =>
  Object.fromEntries(t.rows.map((r) => [String(r.label), r]))

describe('a CAS3 report summary (issue 14)', () => {
  it('gives each share its denominator and a 95% Wilson interval', () => {
    const t = byLabel(
      summaryTable('s', 'Move-on', { label: 'Departures', count: 40 }, [
        { label: 'Settled', count: 30 },
        { label: 'Other', count: 10 },
      ]),
    )
    expect(t.Settled).toMatchObject({ count: 30, of: 40, rate: 0.75 })
    expect(t.Settled!.interval).toBe('59.8% to 85.8%')
  })

  it('withholds a small count and whatever would give it back by subtraction from the total', () => {
    const table = summaryTable('s', 'Move-on', { label: 'Departures', count: 11 }, [
      { label: 'Settled', count: 1 },
      { label: 'Other', count: 10 },
      { label: 'Prison', count: 0 },
    ])
    const t = byLabel(table)
    expect(t.Settled).toMatchObject({ count: '[c]', rate: '[c]', interval: '[c]' })
    expect(t.Other!.count).toBe('[c]')
    expect(t.Prison!.count).toBe(0)
    expect(t.Departures!.count).toBe(11)
    expect(table.notes?.join(' ')).toContain('Withheld to protect confidentiality')
    const withheld = new Set(['p0', 'p1'])
    expect(recoverable([{ total: 'total', parts: ['p0', 'p1', 'p2'] }], withheld).size).toBe(0)
  })

  it('withholds every rate on a denominator below the threshold', () => {
    const t = byLabel(
      summaryTable('s', 'Referrals', { label: 'Referrals', count: 3 }, [{ label: 'Rejected', count: 0 }]),
    )
    expect(t.Referrals!.count).toBe('[c]')
    expect(t.Rejected).toMatchObject({ rate: '[c]', interval: '[c]' })
  })
})

import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { addDays, addMonths } from '../../platform/calendar/index.ts'
import { contractDemand, monthlyPlaces, runsInMonth, type ContractCover } from './contract-rules.ts'

const year = { start: '2026-01-01', end: '2028-12-31' }

describe('contract places by month', () => {
  it('gives a twelfth of the year’s places in a month the contract runs throughout', () => {
    expect(monthlyPlaces(120, year, '2027-02-01')).toBe(10)
    expect(monthlyPlaces(120, year, '2027-07-01')).toBe(10)
  })
  it('pro-rates a month the contract starts or ends in by the days it runs', () => {
    // Ends on 15 June: 15 of 30 days.
    expect(runsInMonth({ start: '2026-01-01', end: '2027-06-15' }, '2027-06-01')).toBe(0.5)
    expect(monthlyPlaces(120, { start: '2026-01-01', end: '2027-06-15' }, '2027-06-01')).toBe(5)
    // Starts on 22 February 2028 (a leap year): 8 of 29 days.
    expect(monthlyPlaces(120, { start: '2028-02-22', end: '2030-01-31' }, '2028-02-01')).toBeCloseTo(
      (10 * 8) / 29,
      10,
    )
    // A one-day contract on the last day of a 31-day month.
    expect(runsInMonth({ start: '2027-01-31', end: '2027-01-31' }, '2027-01-01')).toBeCloseTo(1 / 31, 10)
  })
  it('gives nothing before the start or after the end', () => {
    expect(monthlyPlaces(120, { start: '2027-03-01', end: '2027-05-31' }, '2027-02-01')).toBe(0)
    expect(monthlyPlaces(120, { start: '2027-03-01', end: '2027-05-31' }, '2027-06-01')).toBe(0)
    expect(monthlyPlaces(120, { start: '2027-03-01', end: '2027-05-31' }, '2027-05-01')).toBe(10)
  })
})

describe('forecast referrals shared between contracts', () => {
  const c = (id: string, over: Partial<ContractCover> = {}): ContractCover => ({
    id,
    regions: ['LDN'],
    pathways: ['ACCOMMODATION'],
    ...year,
    ...over,
  })
  const d = (month: string, value: number, area = 'LDN', category = 'ACCOMMODATION') => ({
    area,
    category,
    month,
    value,
  })
  const of = (rows: { area: string; month: string; value: number }[], id: string, month: string) =>
    rows.find((r) => r.area === id && r.month === month)?.value

  it('gives a lone contract every referral on its region and pathway, and none of others', () => {
    const out = contractDemand(
      [c('A')],
      [d('2027-01-01', 12), d('2027-01-01', 5, 'MCR'), d('2027-01-01', 7, 'LDN', 'HEALTH')],
      [],
      ['2027-01-01'],
    )
    expect(out).toEqual([{ area: 'A', month: '2027-01-01', value: 12 }])
  })
  it('shares a region’s referrals by what each contract took in the last year', () => {
    const taken = [
      { contractId: 'A', region: 'LDN', pathway: 'ACCOMMODATION', referrals: 30 },
      { contractId: 'B', region: 'LDN', pathway: 'ACCOMMODATION', referrals: 10 },
    ]
    const out = contractDemand([c('A'), c('B')], [d('2027-01-01', 20)], taken, ['2027-01-01'])
    expect(of(out, 'A', '2027-01-01')).toBe(15)
    expect(of(out, 'B', '2027-01-01')).toBe(5)
  })
  it('shares equally where no running contract took any, and hands over in the month one ends', () => {
    // A ends on 15 June; B starts on 16 June; each runs half of June.
    const a = c('A', { end: '2027-06-15' })
    const b = c('B', { start: '2027-06-16' })
    const out = contractDemand(
      [a, b],
      [d('2027-05-01', 10), d('2027-06-01', 10), d('2027-07-01', 10)],
      [],
      ['2027-05-01', '2027-06-01', '2027-07-01'],
    )
    expect([of(out, 'A', '2027-05-01'), of(out, 'A', '2027-06-01'), of(out, 'A', '2027-07-01')]).toEqual([
      10, 5, 0,
    ])
    expect([of(out, 'B', '2027-05-01'), of(out, 'B', '2027-06-01'), of(out, 'B', '2027-07-01')]).toEqual([
      0, 5, 10,
    ])
  })
  it('counts a contract’s referrals across every region and pathway it covers', () => {
    const wide = c('W', { regions: ['LDN', 'MCR'], pathways: ['ACCOMMODATION', 'HEALTH'] })
    const out = contractDemand(
      [wide],
      [
        d('2027-01-01', 3),
        d('2027-01-01', 4, 'MCR'),
        d('2027-01-01', 5, 'LDN', 'HEALTH'),
        d('2027-01-01', 9, 'NE'),
      ],
      [],
      ['2027-01-01'],
    )
    expect(of(out, 'W', '2027-01-01')).toBe(12)
  })
  it('leaves the referrals of days no contract runs with no contract', () => {
    const out = contractDemand([c('A', { end: '2027-06-15' })], [d('2027-06-01', 10)], [], ['2027-06-01'])
    expect(of(out, 'A', '2027-06-01')).toBe(5)
  })
})

describe('properties', () => {
  const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2026-01-01', n))
  const month = fc.integer({ min: 0, max: 40 }).map((n) => addMonths('2026-01-01', n))

  it('a contract of whole months gives its year’s places pro rata: twelve months give exactly a year’s', () => {
    fc.assert(
      fc.property(
        month,
        fc.integer({ min: 1, max: 36 }),
        fc.integer({ min: 0, max: 5000 }),
        (start, n, places) => {
          const span = { start, end: addDays(addMonths(start, n), -1) }
          const months = Array.from({ length: n + 2 }, (_, i) => addMonths(start, i - 1))
          const total = months.reduce((s, m) => s + monthlyPlaces(places, span, m), 0)
          expect(total).toBeCloseTo((places * n) / 12, 6)
        },
      ),
    )
  })

  it('never gives a contract more referrals than the forecast, and all of them when one contract runs the whole month', () => {
    fc.assert(
      fc.property(
        day,
        day,
        day,
        day,
        month,
        fc.double({ min: 0, max: 500, noNaN: true }),
        (a, b, c, d, m, value) => {
          const one = { id: 'A', regions: ['R'], pathways: ['P'], start: a < b ? a : b, end: a < b ? b : a }
          const two = { id: 'B', regions: ['R'], pathways: ['P'], start: c < d ? c : d, end: c < d ? d : c }
          const out = contractDemand([one, two], [{ area: 'R', category: 'P', month: m, value }], [], [m])
          const given = out.reduce((s, r) => s + r.value, 0)
          expect(given).toBeLessThanOrEqual(value + 1e-9)
          if (runsInMonth(one, m) === 1) expect(given).toBeCloseTo(value, 6)
        },
      ),
    )
  })
})

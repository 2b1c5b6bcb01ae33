import { describe, expect, it } from 'vitest'
import { ageBand, bedspaceStatus, bedspaceTimeline, canMove, holdsBedspace, nightsWithin } from './rules.ts'
import { MOVE_ON_CATEGORIES } from './vocabulary.ts'
import { readFileSync } from 'node:fs'

describe('bedspace status', () => {
  it('is upcoming before the start date, online while open and archived after the end date', () => {
    expect(bedspaceStatus({ start_date: '2026-12-01', end_date: null }, '2026-11-22')).toBe('upcoming')
    expect(bedspaceStatus({ start_date: '2026-01-01', end_date: '2026-11-22' }, '2026-11-22')).toBe('online')
    expect(bedspaceStatus({ start_date: '2026-01-01', end_date: '2026-11-21' }, '2026-11-22')).toBe(
      'archived',
    )
  })
})

describe('booking lifecycle', () => {
  it('allows only the listed moves', () => {
    expect(canMove('provisional', 'confirmed')).toBe(true)
    expect(canMove('confirmed', 'arrived')).toBe(true)
    expect(canMove('arrived', 'departed')).toBe(true)
    expect(canMove('provisional', 'arrived')).toBe(false)
    expect(canMove('cancelled', 'confirmed')).toBe(false)
    expect(canMove('departed', 'arrived')).toBe(false)
  })
})

describe('bedspace timeline', () => {
  it('shows free gaps between bookings, turnarounds and voids', () => {
    const segments = bedspaceTimeline('2026-12-01', '2027-01-01', [
      { kind: 'booking', start: '2026-12-05', end: '2026-12-10', blockedUntil: '2026-12-15', label: 'B1' },
      { kind: 'void', start: '2026-12-20', end: '2026-12-22', blockedUntil: '2026-12-22', label: 'Repairs' },
    ])
    expect(segments.map((s) => [s.kind, s.from, s.to, s.nights])).toEqual([
      ['free', '2026-12-01', '2026-12-05', 4],
      ['booked', '2026-12-05', '2026-12-10', 5],
      ['turnaround', '2026-12-10', '2026-12-15', 5],
      ['free', '2026-12-15', '2026-12-20', 5],
      ['void', '2026-12-20', '2026-12-22', 2],
      ['free', '2026-12-22', '2027-01-01', 10],
    ])
  })

  it('clips items to the window', () => {
    const segments = bedspaceTimeline('2026-12-01', '2026-12-10', [
      { kind: 'booking', start: '2026-11-01', end: '2026-12-03', blockedUntil: '2026-12-05', label: 'B' },
    ])
    expect(segments.map((s) => s.kind)).toEqual(['booked', 'turnaround', 'free'])
    expect(segments[0]?.nights).toBe(2)
  })
})

describe('report arithmetic', () => {
  it('counts nights inside the window only', () => {
    expect(nightsWithin('2026-11-25', '2026-12-05', '2026-12-01', '2027-01-01')).toBe(4)
    expect(nightsWithin('2027-01-05', '2027-01-10', '2026-12-01', '2027-01-01')).toBe(0)
  })
  it('bands ages on the given date', () => {
    expect(ageBand('2002-11-23', '2026-11-22')).toBe('18 to 24')
    expect(ageBand('2001-11-22', '2026-11-22')).toBe('25 to 34')
    expect(ageBand('1960-01-01', '2026-11-22')).toBe('55 and over')
  })
})

describe('move-on categories', () => {
  it('maps every HMPPS move-on category to a group', () => {
    const list = JSON.parse(
      readFileSync(
        new URL(
          '../../../data/reference/cas3/move_on_categories.temporary-accommodation.json',
          import.meta.url,
        ),
        'utf8',
      ),
    ) as { id: string }[]
    for (const c of list) expect(MOVE_ON_CATEGORIES[c.id], c.id).toBeDefined()
    const types = new Set(
      readFileSync(
        new URL('../../../data/reference/accommodation/accommodation_types.csv', import.meta.url),
        'utf8',
      )
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]),
    )
    for (const m of Object.values(MOVE_ON_CATEGORIES))
      if (m.accommodationType) expect(types.has(m.accommodationType)).toBe(true)
  })
})

describe('which bookings hold the bedspace', () => {
  it('releases a cancelled or not-arrived booking even once closed, and keeps a stay that happened', () => {
    expect(holdsBedspace('provisional', null)).toBe(true)
    expect(holdsBedspace('cancelled', null)).toBe(false)
    expect(holdsBedspace('not_arrived', null)).toBe(false)
    expect(holdsBedspace('closed', null)).toBe(false)
    expect(holdsBedspace('closed', '2026-10-01')).toBe(true)
    expect(holdsBedspace('departed', '2026-10-01')).toBe(true)
  })
})

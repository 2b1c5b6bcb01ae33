import { describe, expect, it } from 'vitest'
import { publishMeasures, type MeasureGroup } from './measures-disclosure.ts'

const group = (code: string, releases: number, met: number): MeasureGroup<'m'> => ({
  code,
  name: code,
  releases,
  met: { m: met },
})
const totalOf = (groups: MeasureGroup<'m'>[]) =>
  group(
    'total',
    groups.reduce((s, g) => s + g.releases, 0),
    groups.reduce((s, g) => s + g.met.m, 0),
  )

describe('pre-release measures as published (issue 14)', () => {
  it('gives each rate its denominator and a 95% Wilson interval', () => {
    const groups = [group('A', 40, 30), group('B', 60, 45)]
    const { rows, total } = publishMeasures(groups, totalOf(groups), ['m'])
    expect(rows[0]?.releases).toBe(40)
    expect(rows[0]?.figures.m.rate).toBeCloseTo(75, 6)
    // Wilson 95% for 30/40: 59.8% to 85.8% (Newcombe 1998, method 3).
    expect(rows[0]?.figures.m.ciLow).toBeCloseTo(59.8, 1)
    expect(rows[0]?.figures.m.ciHigh).toBeCloseTo(85.8, 1)
    expect(total.figures.m.met).toBe(75)
  })

  it('withholds a small count, and enough else that it cannot be worked out from the total', () => {
    const groups = [group('A', 20, 3), group('B', 30, 20), group('C', 25, 20)]
    const { rows, total } = publishMeasures(groups, totalOf(groups), ['m'])
    expect(rows[0]?.figures.m.met).toBeNull()
    expect(rows[0]?.figures.m.rate).toBeNull()
    // A's 3 = total − B − C unless one more group is withheld too.
    const published = rows.filter((r) => r.figures.m.met !== null)
    expect(published.length).toBeLessThanOrEqual(1)
    expect(total.figures.m.met).toBe(43)
  })

  it('withholds a count whose complement is small: releases − not met would give it back', () => {
    // 18 of 20 met: "2 not met" is small, so the 18 goes too (and a second group to protect it).
    const groups = [group('A', 20, 18), group('B', 30, 10), group('C', 25, 10)]
    const { rows } = publishMeasures(groups, totalOf(groups), ['m'])
    expect(rows[0]?.figures.m.met).toBeNull()
    expect(rows[0]?.figures.m.notMet).toBeNull()
    expect(rows[0]?.releases).toBe(20)
    expect(rows.filter((r) => r.figures.m.met === null).length).toBeGreaterThanOrEqual(2)
  })

  it('never lets a withheld figure be recomputed from what is published beside it', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rnd = (n: number) => Math.floor(Math.abs(Math.sin(seed * 9301 + n * 49297)) * 1000) % 30
      const groups = [0, 1, 2, 3].map((i) => {
        const releases = rnd(i)
        return group(`G${i}`, releases, Math.min(releases, rnd(i + 10)))
      })
      const total = totalOf(groups)
      const { rows, total: t } = publishMeasures(groups, total, ['m'])
      for (const column of ['met', 'notMet'] as const) {
        const hidden = rows.filter((r) => r.figures.m[column] === null)
        // One hidden cell beside a published total is recoverable by subtraction.
        if (t.figures.m[column] !== null)
          expect(hidden.length === 0 || hidden.length >= 2, `seed ${seed}`).toBe(true)
        for (const r of rows) {
          const small = (n: number | null) => n !== null && n > 0 && n < 5
          expect(small(r.figures.m[column]), `seed ${seed}`).toBe(false)
        }
      }
      // Where the releases and one of met / not met are published, so is the other.
      for (const r of rows)
        if (r.releases !== null) expect(r.figures.m.met === null).toBe(r.figures.m.notMet === null)
    }
  })
})

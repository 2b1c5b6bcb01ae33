import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { kAnonymise, type QuasiIdentifiers } from './k-anonymity.ts'

const AGES = ['18 to 20', '21 to 24', '25 to 29', '30 to 34', '40 to 44', '50 and over']
const quasi = fc.record({
  sex: fc.constantFrom('Male', 'Female'),
  ageBand: fc.constantFrom(...AGES),
  ethnicity: fc.constantFrom('White', 'Black or Black British', 'Asian or Asian British', 'Not recorded'),
  region: fc.constantFrom('N07', 'N50', 'N51'),
  releaseMonth: fc.constantFrom('2025-01', '2025-02', '2025-05', '2025-11'),
}) satisfies fc.Arbitrary<QuasiIdentifiers>

describe('k-anonymity by generalising then suppressing', () => {
  it('leaves every combination of the quasi-identifiers at least k times, and says what it did', () => {
    fc.assert(
      fc.property(fc.array(quasi, { maxLength: 400 }), fc.integer({ min: 2, max: 15 }), (qs, k) => {
        const r = kAnonymise(
          qs.map((q, i) => ({ id: i, quasi: q })),
          k,
        )
        const counts = new Map<string, number>()
        for (const x of r.records) {
          const key = JSON.stringify(x.quasi)
          counts.set(key, (counts.get(key) ?? 0) + 1)
        }
        for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(k)
        expect(r.records.length + r.suppressed).toBe(qs.length)
        if (r.suppressed) expect(r.steps.at(-1)).toContain('suppressed')
      }),
    )
  })

  it('generalises no further than it needs', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({
      id: i,
      quasi: { sex: 'Male', ageBand: '25 to 29', ethnicity: 'White', region: 'N07', releaseMonth: '2025-01' },
    }))
    const r = kAnonymise(rows, 10)
    expect(r.level).toBe(0)
    expect(r.steps).toEqual([])
    expect(r.records[0]!.quasi.releaseMonth).toBe('2025-01')
  })
})

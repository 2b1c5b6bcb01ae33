import { describe, expect, it } from 'vitest'
import { comCapacity, loads } from './rules.ts'

describe('demand against capacity', () => {
  it('names the first month an area goes over, and its peak', () => {
    const demand = [
      { area: 'A', month: '2027-01-01', value: 540 },
      { area: 'A', month: '2027-02-01', value: 610 },
      { area: 'A', month: '2027-03-01', value: 660 },
      { area: 'B', month: '2027-01-01', value: 100 },
    ]
    // A: 10 FTE at 60 = 600 a month. B: no staffing recorded.
    const out = loads(
      demand,
      (area) => (area === 'A' ? comCapacity(10, 60) : comCapacity(null, 60)),
      (a) => `Area ${a}`,
    )
    expect(out[0]).toMatchObject({ area: 'A', name: 'Area A', firstOver: '2027-02-01', peak: 110 })
    expect(out[0]?.months.map((m) => m.utilisation)).toEqual([90, (100 * 610) / 600, 110])
    expect(out[1]).toMatchObject({ area: 'B', firstOver: null, peak: null })
  })
  it('does not call exactly full over', () => {
    expect(loads([{ area: 'A', month: 'm', value: 60 }], () => 60, String)[0]?.firstOver).toBeNull()
  })
})

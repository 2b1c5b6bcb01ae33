import { describe, expect, it } from 'vitest'
import { qualityScore, rateContract, rateValue, RAG_THRESHOLDS, type ContractMeasures } from './rag.ts'

const all = (v: number | null): ContractMeasures => ({
  meanQualityScore: v,
  attendanceRate: v,
  completionRate: v,
  contactedInTime: v,
  reportsInTime: v,
})

describe('RAG thresholds', () => {
  const t = RAG_THRESHOLDS.referral_quality[0]!
  it('rates at each boundary inclusively', () => {
    expect(rateValue(t.green, t)).toBe('green')
    expect(rateValue(t.green - 0.1, t)).toBe('amber_green')
    expect(rateValue(t.amberGreen, t)).toBe('amber_green')
    expect(rateValue(t.amberRed, t)).toBe('amber_red')
    expect(rateValue(t.amberRed - 0.1, t)).toBe('red')
  })

  it('takes the worst measure in a dimension and shows each as evidence', () => {
    const ratings = rateContract({ ...all(100), completionRate: 10 })
    const delivery = ratings.find((r) => r.dimension === 'delivery')!
    expect(delivery.rag).toBe('red')
    expect(delivery.evidence.map((e) => e.rag)).toEqual(['green', 'red'])
    expect(ratings.find((r) => r.dimension === 'communication')!.rag).toBe('green')
  })

  it('gives no rating without evidence, and rates on what there is', () => {
    expect(rateContract(all(null)).map((r) => r.rag)).toEqual([null, null, null])
    expect(
      rateContract({ ...all(null), reportsInTime: 50 }).find((r) => r.dimension === 'communication')!.rag,
    ).toBe('red')
  })
})

describe('referral quality score', () => {
  it('is 20 points for each checklist item met', () => {
    const none = {
      reasonClear: false,
      needsIdentified: false,
      riskPresent: false,
      releaseDateKnown: false,
      contactDetailsPresent: false,
    }
    expect(qualityScore(none)).toBe(0)
    expect(qualityScore({ ...none, reasonClear: true, riskPresent: true })).toBe(40)
    expect(
      qualityScore({
        reasonClear: true,
        needsIdentified: true,
        riskPresent: true,
        releaseDateKnown: true,
        contactDetailsPresent: true,
      }),
    ).toBe(100)
  })
})

import { describe, expect, it } from 'vitest'
import { gapsOf, overlapsOf, type ServiceSpan } from './rules.ts'

const span = (over: Partial<ServiceSpan>): ServiceSpan => ({
  pathway: 'EDUCATION_SKILLS_AND_WORK',
  provider: 'DWP work coach',
  from: 0,
  to: null,
  ...over,
})

describe('overlaps between services', () => {
  it('finds two providers on one pathway on a common day, open-ended or not', () => {
    expect(overlapsOf([span({ from: 10, to: 40 }), span({ provider: 'CRS: Shelter', from: 30, to: null })])).toEqual([
      { pathway: 'EDUCATION_SKILLS_AND_WORK', providers: ['CRS: Shelter', 'DWP work coach'], from: 30, to: 40 },
    ])
    // Touching on one day counts: both served the person on day 40.
    expect(overlapsOf([span({ to: 40 }), span({ provider: 'B', from: 40, to: 50 })])).toHaveLength(1)
  })

  it('does not count one provider twice, other pathways, or spans that do not meet', () => {
    expect(overlapsOf([span({ to: 40 }), span({ from: 20 })])).toEqual([])
    expect(overlapsOf([span({}), span({ provider: 'B', pathway: 'HEALTH' })])).toEqual([])
    expect(overlapsOf([span({ to: 39 }), span({ provider: 'B', from: 40 })])).toEqual([])
  })
})

describe('gaps', () => {
  it('is a need with nothing arranged on its pathway by release plus the grace period', () => {
    const input = {
      release: 100,
      needs: ['ACCOMMODATION', 'HEALTH', 'FINANCE_AND_ID'] as const,
      arranged: [
        { pathway: 'HEALTH' as const, on: 50 },
        { pathway: 'ACCOMMODATION' as const, on: 129 },
      ],
    }
    // 28 days' grace: accommodation arranged on day 129 is one day late; finance never.
    expect(gapsOf(input, 28, 1000)).toEqual(['ACCOMMODATION', 'FINANCE_AND_ID'])
    expect(gapsOf(input, 29, 1000)).toEqual(['FINANCE_AND_ID'])
  })

  it('judges a release still to come on what is arranged today', () => {
    const input = { release: 100, needs: ['HEALTH'] as const, arranged: [{ pathway: 'HEALTH' as const, on: 90 }] }
    expect(gapsOf(input, 28, 80)).toEqual(['HEALTH'])
    expect(gapsOf(input, 28, 95)).toEqual([])
  })
})

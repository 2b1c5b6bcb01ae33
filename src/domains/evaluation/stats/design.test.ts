import { describe, expect, it } from 'vitest'
import { buildDesign, modelMatrix } from './design.ts'
import { confoundedPopulation } from './simulate.ts'

describe('covariate design', () => {
  const { units } = confoundedPopulation({ seed: 1, size: 40, effect: 0 })
  // Offending history not recorded for some releases, as in demo data before it is filled in.
  const withGaps = units.map((u, i) =>
    i % 4 === 0 ? { ...u, previousOffences: null, indexOffenceGroup: null } : u,
  )

  it('gives a missing value its own explicit column or level, never a silent guess', () => {
    const d = buildDesign(withGaps)
    const names = d.columns.map((c) => c.name)
    expect(names).toContain('previous_offences:missing')
    expect(names).toContain('index_offence=missing')
    const p = d.columns.length
    const j = names.indexOf('previous_offences:missing')
    const flagged = withGaps.filter((_, i) => d.values[i * p + j] === 1).length
    expect(flagged).toBe(10)
  })

  it('sets a missing number to the mean of the known ones, so the indicator carries the difference', () => {
    const d = buildDesign(withGaps)
    const p = d.columns.length
    const j = d.columns.findIndex((c) => c.name === 'previous_offences')
    const known = withGaps.filter((u) => u.previousOffences !== null).map((u) => u.previousOffences!)
    const mean = known.reduce((s, v) => s + v, 0) / known.length
    expect(d.values[0 * p + j]).toBeCloseTo(mean)
  })

  it('leaves the most common level of each category out of the model as its reference', () => {
    const d = buildDesign(withGaps)
    const sex = d.columns.filter((c) => c.covariate === 'sex')
    expect(sex.filter((c) => !c.inModel).map((c) => c.name)).toEqual(['sex=male'])
    expect(modelMatrix(d).names).not.toContain('sex=male')
  })

  it('does not depend on the order of the rows', () => {
    const a = buildDesign(withGaps).columns.map((c) => c.name)
    const b = buildDesign([...withGaps].reverse()).columns.map((c) => c.name)
    expect(b).toEqual(a)
  })
})

import { describe, expect, it } from 'vitest'
import { createRng } from '../prng.ts'
import { contractPlacesFrom } from './generate.ts'

describe('demo contract places', () => {
  it('lets about three in ten contracts tightly (90% to 110%) and the rest with room (160% to 220%)', () => {
    const rng = createRng(5, 1, 1)
    const ratios = Array.from({ length: 2000 }, () => contractPlacesFrom(1000, rng) / 1000)
    expect(ratios.every((r) => (r >= 0.9 && r <= 1.1) || (r >= 1.6 && r <= 2.2))).toBe(true)
    const tight = ratios.filter((r) => r <= 1.1).length / ratios.length
    expect(tight).toBeGreaterThan(0.26)
    expect(tight).toBeLessThan(0.34)
  })
  it('gives a contract that took none 2 places a year', () => {
    expect(contractPlacesFrom(0, createRng(5, 1, 2))).toBe(2)
  })
})

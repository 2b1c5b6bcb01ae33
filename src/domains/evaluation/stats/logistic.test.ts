import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { fitLogistic } from './logistic.ts'

// mtcars (R datasets; Henderson and Velleman 1981): horsepower, weight (1000 lb), manual gearbox.
const MTCARS: [number, number, number][] = [
  [110, 2.62, 1],
  [110, 2.875, 1],
  [93, 2.32, 1],
  [110, 3.215, 0],
  [175, 3.44, 0],
  [105, 3.46, 0],
  [245, 3.57, 0],
  [62, 3.19, 0],
  [95, 3.15, 0],
  [123, 3.44, 0],
  [123, 3.44, 0],
  [180, 4.07, 0],
  [180, 3.73, 0],
  [180, 3.78, 0],
  [205, 5.25, 0],
  [215, 5.424, 0],
  [230, 5.345, 0],
  [66, 2.2, 1],
  [52, 1.615, 1],
  [65, 1.835, 1],
  [97, 2.465, 0],
  [150, 3.52, 0],
  [150, 3.435, 0],
  [245, 3.84, 0],
  [175, 3.845, 0],
  [66, 1.935, 1],
  [91, 2.14, 1],
  [113, 1.513, 1],
  [264, 3.17, 1],
  [175, 2.77, 1],
  [335, 3.57, 1],
  [109, 2.78, 1],
]

function design(rows: number[][]) {
  const p = rows[0]!.length
  return { x: Float64Array.from(rows.flat()), n: rows.length, p }
}

describe('logistic regression by IRLS', () => {
  it("reproduces R's glm(am ~ hp + wt, family = binomial, data = mtcars)", () => {
    // R 4.x output: (Intercept) 18.86630, hp 0.03626, wt -8.08348; residual deviance 10.059.
    const { x, n, p } = design(MTCARS.map(([hp, wt]) => [hp, wt]))
    const fit = fitLogistic(
      x,
      n,
      p,
      MTCARS.map((r) => r[2]),
    )
    expect(fit.converged).toBe(true)
    expect(fit.intercept).toBeCloseTo(18.8663, 3)
    expect(fit.coefficients[0]).toBeCloseTo(0.03626, 4)
    expect(fit.coefficients[1]).toBeCloseTo(-8.08348, 3)
    expect(fit.deviance).toBeCloseTo(10.059, 2)
    expect(fit.separationSuspected).toBe(false)
  })

  it('solves the score equations X^T (y - p) = 0 on any data that is not separated', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.integer({ min: 0, max: 5 })), {
          minLength: 40,
          maxLength: 80,
        }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (rows, salt) => {
          // Outcomes with noise both ways so neither column separates them.
          const y = rows.map(([a, b], i) =>
            ((Math.imul(i + 1, 2654435761) ^ salt) >>> 0) % 3 === 0
              ? 1 - Number(a > 0)
              : Number(a + b / 5 > 0.5),
          )
          const ys = y.map((v, i) => (i < 2 ? i : v))
          const { x, n, p } = design(rows.map(([a, b]) => [a, b]))
          const fit = fitLogistic(x, n, p, ys)
          if (fit.separationSuspected) return
          const score = [0, 0, 0]
          rows.forEach(([a, b], i) => {
            const row = [a, b]
            const eta = fit.kept.reduce((e, j, c) => e + fit.coefficients[c]! * row[j]!, fit.intercept)
            const r = ys[i]! - 1 / (1 + Math.exp(-eta))
            score[0]! += r
            score[1]! += r * a
            score[2]! += r * b
          })
          // The fit stops as R's glm.fit does, on the deviance's relative change (1e-8), not on the
          // score itself, so on a near-singular design (a column of denormals) the score is zero to
          // about 1e-6 per row rather than to machine precision: a fixed 1e-6 failed on such a draw.
          for (const s of score) expect(Math.abs(s)).toBeLessThan(1e-6 * rows.length)
        },
      ),
      { numRuns: 50 },
    )
  })

  it('reports complete separation instead of returning a confident fit', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [i - 15])
    const { x, n, p } = design(rows)
    const fit = fitLogistic(
      x,
      n,
      p,
      rows.map(([v]) => (v! > 0 ? 1 : 0)),
    )
    expect(fit.separationSuspected).toBe(true)
  })

  it('names an indicator whose every 1 is treated (quasi-complete separation)', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i % 7 === 0 ? 1 : 0, (i * 13) % 11])
    const y = rows.map(([flag], i) => (flag === 1 ? 1 : i % 3 === 0 ? 1 : 0))
    const { x, n, p } = design(rows)
    const fit = fitLogistic(x, n, p, y)
    expect(fit.separation.map((s) => s.column)).toEqual([0])
    expect(fit.separationSuspected).toBe(true)
  })

  it('drops constant and collinear columns and still fits the rest', () => {
    const rows = MTCARS.map(([hp, wt]) => [hp, 1, wt, 2 * hp - 3 * wt])
    const { x, n, p } = design(rows)
    const fit = fitLogistic(
      x,
      n,
      p,
      MTCARS.map((r) => r[2]),
    )
    expect(fit.dropped).toEqual([
      { column: 1, reason: 'constant' },
      { column: 3, reason: 'collinear' },
    ])
    expect(fit.kept).toEqual([0, 2])
    expect(fit.coefficients[1]).toBeCloseTo(-8.08348, 3)
  })
})

/**
 * Which withheld cells of a table can be worked out from what is published beside them.
 *
 * A table with totals is a set of linear equations "total = sum of parts". Put the published
 * values on the right-hand side and what is left is A·x = b over the withheld cells x. A withheld
 * cell is recoverable by subtraction (or by any sum and difference of published figures) exactly
 * when it takes the same value in every solution: when no vector of the null space of A moves it.
 * Reduced row echelon form shows that directly: cell i is fixed iff its column is a pivot and its
 * pivot row has no entry in a free column. The coefficients are 0 and ±1, so floating point with
 * a small tolerance is exact enough for tables of the sizes published (hundreds of cells).
 */
const EPS = 1e-9

/** rows: each equation as a map from unknown index to coefficient. Returns the fixed unknowns. */
export function fixedUnknowns(rows: Map<number, number>[], unknowns: number): Set<number> {
  const m = rows.map((r) => {
    const a = new Float64Array(unknowns)
    for (const [j, v] of r) a[j] = (a[j] ?? 0) + v
    return a
  })
  const pivotOfCol = new Map<number, number>()
  let row = 0
  for (let col = 0; col < unknowns && row < m.length; col++) {
    let best = -1
    for (let r = row; r < m.length; r++)
      if (Math.abs(m[r]![col]!) > EPS) {
        best = r
        break
      }
    if (best < 0) continue
    ;[m[row], m[best]] = [m[best]!, m[row]!]
    const p = m[row]!
    const pv = p[col]!
    for (let j = col; j < unknowns; j++) p[j] = p[j]! / pv
    for (let r = 0; r < m.length; r++) {
      if (r === row) continue
      const f = m[r]![col]!
      if (Math.abs(f) <= EPS) continue
      const q = m[r]!
      for (let j = col; j < unknowns; j++) q[j] = q[j]! - f * p[j]!
    }
    pivotOfCol.set(col, row)
    row++
  }
  const fixed = new Set<number>()
  for (const [col, r] of pivotOfCol) {
    const p = m[r]!
    let free = false
    for (let j = 0; j < unknowns && !free; j++)
      if (j !== col && Math.abs(p[j]!) > EPS && !pivotOfCol.has(j)) free = true
    if (!free) fixed.add(col)
  }
  return fixed
}

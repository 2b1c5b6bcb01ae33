import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ALL, disclosurePolicy, protectGrouped, recoverable, sumsOf, suppressTable } from './index.ts'

const policy = disclosurePolicy()

/** Everything a reader sees: the published values of every cell and every sum of the table. */
function exposedAfter(values: Map<string, number>, keys: string[][], column: string, withheld: Set<string>) {
  return recoverable(sumsOf(keys, column), withheld)
}

describe('primary suppression', () => {
  it('withholds 1 to threshold − 1 and publishes 0 and the threshold', () => {
    const values = new Map([
      ['a', 0],
      ['b', 1],
      ['c', 4],
      ['d', 5],
    ])
    const s = suppressTable(values, [], policy)
    expect([...s.primary].sort()).toEqual(['b', 'c'])
    expect(s.secondary.size).toBe(0)
  })

  it('follows a configured threshold', () => {
    const s = suppressTable(new Map([['a', 7]]), [], disclosurePolicy({ threshold: 10 }))
    expect(s.withheld.has('a')).toBe(true)
  })
})

describe('secondary suppression', () => {
  it('withholds a second cell of a row with a published total, the smallest', () => {
    // total 40 = 3 + 20 + 17: 3 alone withheld is 40 − 20 − 17.
    const values = new Map([
      ['t', 40],
      ['a', 3],
      ['b', 20],
      ['c', 17],
    ])
    const s = suppressTable(values, [{ total: 't', parts: ['a', 'b', 'c'] }], policy)
    expect([...s.secondary]).toEqual(['c'])
    expect(recoverable([{ total: 't', parts: ['a', 'b', 'c'] }], s.withheld).size).toBe(0)
  })

  it('protects a crossed table with both margins', () => {
    const keys: string[][] = []
    const counts: number[] = []
    const inner = [
      [3, 20, 30],
      [25, 40, 35],
    ]
    inner.forEach((row, i) => row.forEach((v, j) => (keys.push([`r${i}`, `c${j}`]), counts.push(v))))
    inner.forEach((row, i) => (keys.push([`r${i}`, ALL]), counts.push(row.reduce((a, b) => a + b))))
    for (let j = 0; j < 3; j++) {
      keys.push([ALL, `c${j}`])
      counts.push(inner[0]![j]! + inner[1]![j]!)
    }
    keys.push([ALL, ALL])
    counts.push(153)
    const out = protectGrouped(
      keys.map((key, i) => ({ key, counts: { n: counts[i]! } })),
      ['n'],
      null,
    )
    const withheld = new Set(out.filter((c) => c.counts.n === null).map((c) => `n|${c.key.join('\u0001')}`))
    expect(withheld.size).toBe(4) // the 3, one more in its row, and the two below them
    expect(exposedAfter(new Map(), keys, 'n', withheld).size).toBe(0)
  })
})

describe('rates', () => {
  it('withholds a rate whose numerator is withheld (issue 12 defect 1: 4 of 29 shown as 13.8%)', () => {
    const [cell] = protectGrouped([{ key: ['E'], counts: { n: 4, d: 29 } }], ['n', 'd'], {
      numerator: 'n',
      denominator: 'd',
    })
    expect(cell!.counts.n).toBeNull()
    expect(cell!.rate).toBeNull()
    expect(cell!.suppressed).toBe(true)
  })

  it('withholds a rate on fewer releases than the threshold, and publishes 0 of 30', () => {
    const out = protectGrouped(
      [
        { key: ['a'], counts: { n: 0, d: 4 } },
        { key: ['b'], counts: { n: 0, d: 30 } },
      ],
      ['n', 'd'],
      { numerator: 'n', denominator: 'd' },
    )
    expect(out[0]!.rate).toBeNull()
    expect(out[1]!.rate).toBe(0)
  })
})

/**
 * An independent witness, not the module's own algebra: for each withheld cell, a change of the
 * withheld cells by −1, 0 or +1 that keeps every published sum true and moves that cell. If one
 * exists, a reader of the table cannot tell the true value from the changed one.
 */
function movable(keys: string[][], withheld: Set<string>): Set<string> {
  const sums = sumsOf(keys, 'n')
  const hidden = [...withheld]
  const moved = new Set<string>()
  const delta = new Map<string, number>()
  const ok = () =>
    sums.every((s) => (delta.get(s.total) ?? 0) === s.parts.reduce((a, p) => a + (delta.get(p) ?? 0), 0))
  const walk = (i: number) => {
    if (i === hidden.length) {
      if (ok()) for (const [c, v] of delta) if (v !== 0) moved.add(c)
      return
    }
    for (const v of [0, 1, -1]) {
      delta.set(hidden[i]!, v)
      walk(i + 1)
    }
    delta.delete(hidden[i]!)
  }
  walk(0)
  return moved
}

/** A random table: r × c inner cells, optionally with row, column and overall totals. */
const crossed = fc
  .record({
    rows: fc.integer({ min: 1, max: 5 }),
    cols: fc.integer({ min: 1, max: 5 }),
    margins: fc.constantFrom('none', 'rows', 'both'),
    seed: fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })), {
      minLength: 25,
      maxLength: 25,
    }),
  })
  .map(({ rows, cols, margins, seed }) => {
    const cells: { key: string[]; counts: { n: number } }[] = []
    const at = (i: number, j: number) => seed[i * 5 + j]!
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) cells.push({ key: [`r${i}`, `c${j}`], counts: { n: at(i, j) } })
    if (margins !== 'none') {
      let all = 0
      for (let i = 0; i < rows; i++) {
        let s = 0
        for (let j = 0; j < cols; j++) s += at(i, j)
        cells.push({ key: [`r${i}`, ALL], counts: { n: s } })
        all += s
      }
      if (margins === 'both') {
        for (let j = 0; j < cols; j++) {
          let s = 0
          for (let i = 0; i < rows; i++) s += at(i, j)
          cells.push({ key: [ALL, `c${j}`], counts: { n: s } })
        }
      }
      cells.push({ key: [ALL, ALL], counts: { n: all } })
    }
    return cells
  })

describe('secondary suppression, property-based', () => {
  it('leaves no withheld cell recoverable by sums and differences of anything published', () => {
    fc.assert(
      fc.property(crossed, (cells) => {
        const out = protectGrouped(cells, ['n'], null)
        const withheld = new Set(
          out.filter((c) => c.counts.n === null).map((c) => `n|${c.key.join('\u0001')}`),
        )
        const keys = cells.map((c) => [...c.key])
        // Every small count is withheld, and none of the withheld can be recomputed.
        for (const c of cells)
          if (c.counts.n > 0 && c.counts.n < 5) expect(withheld.has(`n|${c.key.join('\u0001')}`)).toBe(true)
        expect(exposedAfter(new Map(), keys, 'n', withheld).size).toBe(0)
        if (withheld.size <= 9) expect(movable(keys, withheld)).toEqual(withheld)
        // Brute force for the small tables: no published sum minus published parts isolates one.
        for (const s of sumsOf(keys, 'n')) {
          const hidden = [s.total, ...s.parts].filter((x) => withheld.has(x))
          expect(hidden.length === 1).toBe(false)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('withholds every rate that would give back a withheld numerator', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ n: fc.integer({ min: 0, max: 40 }), extra: fc.integer({ min: 0, max: 60 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        (rows) => {
          const cells = rows.map((r, i) => ({ key: [`g${i}`], counts: { n: r.n, d: r.n + r.extra } }))
          const total = cells.reduce((a, c) => ({ n: a.n + c.counts.n, d: a.d + c.counts.d }), { n: 0, d: 0 })
          const out = protectGrouped([...cells, { key: [ALL], counts: total }], ['n', 'd'], {
            numerator: 'n',
            denominator: 'd',
          })
          for (const c of out) {
            if (c.counts.n === null || c.counts.d === null) expect(c.rate).toBeNull()
          }
          const withheld = new Set(
            out.filter((c) => c.counts.n === null).map((c) => `n|${c.key.join('\u0001')}`),
          )
          expect(
            recoverable(
              sumsOf(
                out.map((c) => [...c.key]),
                'n',
              ),
              withheld,
            ).size,
          ).toBe(0)
        },
      ),
      { numRuns: 300 },
    )
  })
})

/**
 * Seeded pseudo-random numbers for the demo data. Math.random and crypto.randomUUID are not
 * reproducible, and the same seed must give the same data, so every draw comes from here.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) passes PractRand and is cheap in
 * JavaScript's 32-bit integer arithmetic. Each person gets an independent stream keyed by
 * (seed, stream, index), so a person's data does not depend on batch sizes or on the order in
 * which the batches run.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [0, n). */
  int(n: number): number
  /** An integer in [min, max], both included. */
  between(min: number, max: number): number
  /** True with probability p. */
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** A 32-bit unsigned integer. */
  uint32(): number
}

export function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0
    b |= 0
    c |= 0
    d |= 0
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return t >>> 0
  }
}

/** splitmix32's finaliser: a strong 32-bit mix, used to spread (seed, stream, index) into a state. */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad)
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97)
  return (x ^ (x >>> 15)) >>> 0
}

export function createRng(seed: number, stream = 0, index = 0): Rng {
  const s0 = mix32(seed ^ mix32(stream))
  const s1 = mix32(s0 ^ mix32(index))
  const s2 = mix32(s1 ^ 0x5bd1e995)
  const s3 = mix32(s2 ^ index)
  const raw = sfc32(s0, s1, s2, s3)
  // The first outputs of a freshly seeded sfc32 are correlated with its state: discard them.
  for (let i = 0; i < 12; i++) raw()
  const next = () => raw() / 4294967296
  return {
    next,
    uint32: raw,
    int: (n) => Math.floor(next() * n),
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)]
      if (item === undefined) throw new Error('pick from an empty list')
      return item
    },
  }
}

/** A categorical draw: keys with relative weights (they need not sum to 1). */
export function weighted<K>(rng: Rng, table: readonly (readonly [K, number])[]): K {
  let total = 0
  for (const [, w] of table) total += w
  let r = rng.next() * total
  for (const [key, w] of table) {
    r -= w
    if (r < 0) return key
  }
  const last = table[table.length - 1]
  if (!last) throw new Error('weighted draw from an empty table')
  return last[0]
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

function hex32(n: number): string {
  return (
    (HEX[(n >>> 24) & 255] ?? '') +
    (HEX[(n >>> 16) & 255] ?? '') +
    (HEX[(n >>> 8) & 255] ?? '') +
    (HEX[n & 255] ?? '')
  )
}

/** A version-4-shaped UUID drawn from the stream, so ids repeat with the seed. */
export function uuidFrom(rng: Rng): string {
  const a = hex32(rng.uint32())
  const b = hex32(((rng.uint32() & 0xffff0fff) | 0x00004000) >>> 0)
  const c = hex32(((rng.uint32() & 0x3fffffff) | 0x80000000) >>> 0)
  const d = hex32(rng.uint32())
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`
}

import { mix32 } from './prng.ts'

/**
 * Person identifiers are a keyed permutation of the person's index: unique for every index
 * below the identifier space without a lookup table, scattered rather than sequential, and
 * different for each seed. A 4-round Feistel network permutes [0, 2^bits); cycle-walking (apply
 * it again while the value is out of range) narrows that to a permutation of [0, space).
 */
function permute(index: number, space: number, bits: number, seed: number, salt: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= space)
    throw new RangeError(`identifier index ${index} out of range`)
  const half = bits / 2
  const mask = (1 << half) - 1
  const key = mix32(seed ^ salt)
  let x = index
  do {
    let left = x >>> half
    let right = x & mask
    for (let round = 0; round < 4; round++) {
      const f = mix32(right ^ key ^ Math.imul(round + 1, 0x9e3779b9)) & mask
      const t = right
      right = left ^ f
      left = t
    }
    x = left * (1 << half) + right
  } while (x >= space)
  return x
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
// NOMIS numbers in use start with A or G (A ran out around 2015); B and H stay plausible.
const PRISON_NUMBER_PREFIX = 'ABGH'
const PRISON_NUMBER_SPACE = PRISON_NUMBER_PREFIX.length * 10_000 * 676 // 27,040,000
const CRN_SPACE = 26 * 1_000_000
const PNC_SERIAL_SPACE = 10_000_000

/** NOMIS prison number, /^[A-Z][0-9]{4}[A-Z]{2}$/. */
export function prisonNumber(index: number, seed: number): string {
  const x = permute(index, PRISON_NUMBER_SPACE, 26, seed, 0x0a11ce)
  const prefix = PRISON_NUMBER_PREFIX[Math.floor(x / 6_760_000)] ?? 'A'
  const rest = x % 6_760_000
  const digits = String(Math.floor(rest / 676)).padStart(4, '0')
  const pair = rest % 676
  return `${prefix}${digits}${LETTERS[Math.floor(pair / 26)] ?? 'A'}${LETTERS[pair % 26] ?? 'A'}`
}

/** nDelius case reference number, /^[A-Z][0-9]{6}$/. */
export function crn(index: number, seed: number): string {
  const x = permute(index, CRN_SPACE, 26, seed, 0xc0ffee)
  return `${LETTERS[Math.floor(x / 1_000_000)] ?? 'A'}${String(x % 1_000_000).padStart(6, '0')}`
}

// The mod-23 check letter used by police identifiers (PNC and ASN): no I, O or S.
const PNC_CHECK = 'ZABCDEFGHJKLMNPQRTUVWXY'

/** Police National Computer id 'YYYY/NNNNNNNC', with a check letter over the 2-digit year and serial. */
export function pncId(index: number, seed: number, year: number): string {
  const serial = permute(index, PNC_SERIAL_SPACE, 24, seed, 0xbadbed)
  const check = PNC_CHECK[((year % 100) * PNC_SERIAL_SPACE + serial) % 23] ?? 'Z'
  return `${year}/${String(serial).padStart(7, '0')}${check}`
}

export const identifierCapacity = Math.min(PRISON_NUMBER_SPACE, CRN_SPACE, PNC_SERIAL_SPACE)

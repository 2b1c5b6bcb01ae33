/**
 * k-anonymity for person-level extracts (Sweeney 2002): every combination of the
 * quasi-identifiers (sex, age band, ethnic group, region, release month) that appears in the
 * extract appears at least k times, so no record can be singled out by them. Reached by
 * generalising the whole extract one step at a time along a fixed ladder (month to quarter to
 * year, narrow age bands to wide, detailed ethnic groups to broad), stopping at the first step
 * where suppressing the records still in classes under k loses no more than `maxSuppressed` of
 * them; then those records are suppressed. The result says exactly what was done.
 */
export interface QuasiIdentifiers {
  sex: string
  ageBand: string
  ethnicity: string
  region: string
  /** YYYY-MM. */
  releaseMonth: string
}

export interface KAnonymityResult<T> {
  records: (T & { quasi: QuasiIdentifiers })[]
  k: number
  level: number
  steps: string[]
  suppressed: number
}

const WIDE_AGE: Record<string, string> = {
  'Under 18': 'Under 25',
  '18 to 20': 'Under 25',
  '21 to 24': 'Under 25',
  '25 to 29': '25 to 39',
  '30 to 34': '25 to 39',
  '35 to 39': '25 to 39',
  '40 to 44': '40 and over',
  '45 to 49': '40 and over',
  '50 and over': '40 and over',
}

const quarterOf = (month: string) =>
  `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`

/** The generalisation ladder: each step applies to every record, so classes only merge. */
export const LADDER: { step: string; apply: (q: QuasiIdentifiers) => QuasiIdentifiers }[] = [
  {
    step: 'Release month generalised to the quarter',
    apply: (q) => ({ ...q, releaseMonth: quarterOf(q.releaseMonth) }),
  },
  {
    step: 'Age bands widened to under 25, 25 to 39, 40 and over',
    apply: (q) => ({ ...q, ageBand: WIDE_AGE[q.ageBand] ?? q.ageBand }),
  },
  {
    step: 'Release quarter generalised to the year',
    apply: (q) => ({ ...q, releaseMonth: q.releaseMonth.slice(0, 4) }),
  },
  {
    step: 'Ethnic groups other than White combined as Ethnic minority',
    apply: (q) => ({
      ...q,
      ethnicity: q.ethnicity === 'White' || q.ethnicity === 'Not recorded' ? q.ethnicity : 'Ethnic minority',
    }),
  },
]

const keyOf = (q: QuasiIdentifiers) =>
  [q.sex, q.ageBand, q.ethnicity, q.region, q.releaseMonth].join('\u0001')

export function kAnonymise<T>(
  rows: readonly (T & { quasi: QuasiIdentifiers })[],
  k = 10,
  maxSuppressed = 0.05,
): KAnonymityResult<T> {
  let current = rows.map((r) => ({ ...r }))
  const small = (rs: typeof current) => {
    const counts = new Map<string, number>()
    for (const r of rs) counts.set(keyOf(r.quasi), (counts.get(keyOf(r.quasi)) ?? 0) + 1)
    return rs.filter((r) => (counts.get(keyOf(r.quasi)) ?? 0) < k)
  }
  const steps: string[] = []
  let level = 0
  while (small(current).length > maxSuppressed * current.length && level < LADDER.length) {
    const { step, apply } = LADDER[level]!
    current = current.map((r) => ({ ...r, quasi: apply(r.quasi) }))
    steps.push(step)
    level++
  }
  const drop = new Set(small(current))
  if (drop.size) steps.push(`${drop.size} records in groups of fewer than ${k} suppressed (left out)`)
  return { records: current.filter((r) => !drop.has(r)), k, level, steps, suppressed: drop.size }
}

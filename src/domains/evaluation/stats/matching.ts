/**
 * Nearest-neighbour matching on the logit of the propensity score (Rosenbaum and Rubin 1985;
 * Austin 2011, "Optimal caliper widths for propensity-score matching", which recommends a caliper
 * of 0.2 standard deviations of the logit). Matching is exact on a stratum (sex): a treated
 * person is only ever compared with people of the same recorded sex.
 *
 * With replacement (the default, as the Justice Data Lab does), a comparison person may serve
 * several treated people; each then carries a weight, and the outcome analysis uses the weights.
 * A treated person with no comparison within the caliper is outside common support: dropped and
 * counted, never matched further away.
 */
export interface MatchOptions {
  /** Absolute caliper on the logit scale. */
  caliper: number
  k: number
  replacement: boolean
}

export interface MatchResult {
  /** For each treated index, the comparison indices matched to it (empty: off support). */
  matches: number[][]
  matchedTreated: number
  droppedOutsideSupport: number
  /** Weight of each comparison person: the sum over the treated they serve of 1 / (their matches). */
  comparisonWeights: Float64Array
}

export function matchNearest(
  treatedLogit: ArrayLike<number>,
  treatedStratum: ArrayLike<string>,
  comparisonLogit: ArrayLike<number>,
  comparisonStratum: ArrayLike<string>,
  options: MatchOptions,
): MatchResult {
  const byStratum = new Map<string, number[]>()
  for (let j = 0; j < comparisonLogit.length; j++) {
    const s = comparisonStratum[j]!
    const list = byStratum.get(s) ?? []
    list.push(j)
    byStratum.set(s, list)
  }
  // Sorted by score, ties by index, so the search and its tie-breaks are deterministic.
  for (const list of byStratum.values())
    list.sort((a, b) => comparisonLogit[a]! - comparisonLogit[b]! || a - b)
  const used = new Uint8Array(comparisonLogit.length)
  const matches: number[][] = []
  for (let i = 0; i < treatedLogit.length; i++) {
    const list = byStratum.get(treatedStratum[i]!)
    matches.push(list ? nearestWithin(list, comparisonLogit, treatedLogit[i]!, options, used) : [])
  }
  const comparisonWeights = new Float64Array(comparisonLogit.length)
  let matchedTreated = 0
  for (const m of matches) {
    if (m.length === 0) continue
    matchedTreated++
    for (const j of m) comparisonWeights[j]! += 1 / m.length
  }
  return {
    matches,
    matchedTreated,
    droppedOutsideSupport: treatedLogit.length - matchedTreated,
    comparisonWeights,
  }
}

function nearestWithin(
  sorted: number[],
  score: ArrayLike<number>,
  target: number,
  options: MatchOptions,
  used: Uint8Array,
): number[] {
  // First position whose score is >= target.
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (score[sorted[mid]!]! < target) lo = mid + 1
    else hi = mid
  }
  let left = lo - 1
  let right = lo
  const chosen: number[] = []
  const skipUsed = () => {
    if (options.replacement) return
    while (left >= 0 && used[sorted[left]!]) left--
    while (right < sorted.length && used[sorted[right]!]) right++
  }
  skipUsed()
  while (chosen.length < options.k) {
    const dl = left >= 0 ? target - score[sorted[left]!]! : Infinity
    const dr = right < sorted.length ? score[sorted[right]!]! - target : Infinity
    // Ties go to the lower score, so the result never depends on anything but the data.
    const takeLeft = dl <= dr
    const distance = takeLeft ? dl : dr
    if (!(distance <= options.caliper)) break
    const j = takeLeft ? sorted[left--]! : sorted[right++]!
    chosen.push(j)
    if (!options.replacement) used[j] = 1
    skipUsed()
  }
  return chosen
}

/** Sample standard deviation. */
export function standardDeviation(values: ArrayLike<number>): number {
  const n = values.length
  if (n < 2) return 0
  let mean = 0
  for (let i = 0; i < n; i++) mean += values[i]! / n
  let ss = 0
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2
  return Math.sqrt(ss / (n - 1))
}

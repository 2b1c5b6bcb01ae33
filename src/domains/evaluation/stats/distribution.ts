/**
 * Propensity score distributions before and after matching, as counts in equal-width bins of the
 * score. Comparison counts after matching are weighted (matching with replacement), so they sum to
 * the matched treated count and the two histograms can be read against each other.
 */
export interface PropensityDistribution {
  binEdges: number[]
  before: { treated: number[]; comparison: number[] }
  after: { treated: number[]; comparison: number[] }
}

const BINS = 20

export function propensityDistribution(
  logit: ArrayLike<number>,
  treatedIdx: number[],
  poolIdx: number[],
  matchedTreated: number[],
  comparisonUsed: number[],
  comparisonWeights: number[],
): PropensityDistribution {
  const score = (i: number) => 1 / (1 + Math.exp(-logit[i]!))
  let lo = Infinity
  let hi = -Infinity
  for (const i of [...treatedIdx, ...poolIdx]) {
    lo = Math.min(lo, score(i))
    hi = Math.max(hi, score(i))
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1]
  if (hi - lo < 1e-9) hi = lo + 1e-9
  const width = (hi - lo) / BINS
  const binOf = (i: number) => Math.min(BINS - 1, Math.max(0, Math.floor((score(i) - lo) / width)))
  const count = (idx: number[], weights?: number[]) => {
    const out = new Array<number>(BINS).fill(0)
    idx.forEach((i, k) => (out[binOf(i)]! += weights ? weights[k]! : 1))
    return out.map((v) => Math.round(v * 10) / 10)
  }
  return {
    binEdges: Array.from({ length: BINS + 1 }, (_, b) => lo + b * width),
    before: { treated: count(treatedIdx), comparison: count(poolIdx) },
    after: { treated: count(matchedTreated), comparison: count(comparisonUsed, comparisonWeights) },
  }
}

/**
 * Standardised mean differences (Austin 2009, "Balance diagnostics for comparing the distribution
 * of baseline covariates between treatment groups in propensity-score matched samples"): the
 * difference in means divided by the pooled standard deviation of the two groups BEFORE matching.
 * The same denominator is used after matching, so a change in the SMD is a change in the means
 * and not in the yardstick. The conventional threshold for imbalance is 0.1 (10%).
 */
export const SMD_THRESHOLD = 0.1

export interface GroupValues {
  values: ArrayLike<number>
  /** Weights; omitted means 1 each. */
  weights?: ArrayLike<number>
}

export function weightedMean(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let sw = 0
  let s = 0
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i]! : 1
    sw += w
    s += w * values[i]!
  }
  return sw > 0 ? s / sw : NaN
}

export function variance(values: ArrayLike<number>): number {
  const n = values.length
  if (n < 2) return 0
  const m = weightedMean(values)
  let ss = 0
  for (let i = 0; i < n; i++) ss += (values[i]! - m) ** 2
  return ss / (n - 1)
}

export interface Smd {
  before: number
  after: number
}

/**
 * SMD before (all treated against the whole pool) and after (matched treated against the
 * weighted matched comparison). 0 when both groups are constant and equal.
 */
export function standardisedMeanDifference(
  treatedAll: ArrayLike<number>,
  poolAll: ArrayLike<number>,
  treatedMatched: GroupValues,
  comparisonMatched: GroupValues,
): Smd {
  const pooledSd = Math.sqrt((variance(treatedAll) + variance(poolAll)) / 2)
  const scale = (d: number) =>
    pooledSd > 1e-12 ? d / pooledSd : Math.abs(d) < 1e-12 ? 0 : Infinity * Math.sign(d)
  return {
    before: scale(weightedMean(treatedAll) - weightedMean(poolAll)),
    after: scale(
      weightedMean(treatedMatched.values, treatedMatched.weights) -
        weightedMean(comparisonMatched.values, comparisonMatched.weights),
    ),
  }
}

import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile'

/**
 * The difference between the matched treated group and its weighted comparison group, with a
 * 95% confidence interval and a two-sided p-value from the normal approximation.
 *
 * Matching with replacement makes some comparison people count several times. The variance of
 * the weighted comparison mean is therefore sum(w^2 (y - ybar)^2) / (sum w)^2 (the linearised
 * variance of a ratio estimator, as for survey weights), which grows when a few people carry
 * large weights: the interval widens instead of pretending every use of a person is new data.
 * The two groups are treated as independent samples, as the Justice Data Lab's weighted t-test
 * does.
 */
export interface DifferenceEstimate {
  treatedValue: number
  comparisonValue: number
  difference: number
  standardError: number
  ciLow: number
  ciHigh: number
  pValue: number
  nTreated: number
  nComparison: number
  /** Smallest true difference this analysis would detect with 80% power at the 5% level. */
  minimumDetectableDifference: number
}

const Z95 = normalQuantile(0.975, 0, 1)
const Z80 = normalQuantile(0.8, 0, 1)

export function weightedDifference(
  treated: ArrayLike<number>,
  comparison: ArrayLike<number>,
  comparisonWeights: ArrayLike<number>,
  confidence = 0.95,
): DifferenceEstimate {
  const nT = treated.length
  const nC = comparison.length
  let meanT = 0
  for (let i = 0; i < nT; i++) meanT += treated[i]! / nT
  let ssT = 0
  for (let i = 0; i < nT; i++) ssT += (treated[i]! - meanT) ** 2
  const varMeanT = nT > 1 ? ssT / (nT - 1) / nT : 0
  let sw = 0
  let swy = 0
  for (let j = 0; j < nC; j++) {
    sw += comparisonWeights[j]!
    swy += comparisonWeights[j]! * comparison[j]!
  }
  const meanC = swy / sw
  let sw2r2 = 0
  for (let j = 0; j < nC; j++) sw2r2 += (comparisonWeights[j]! * (comparison[j]! - meanC)) ** 2
  // n/(n-1): the small-sample correction of the linearised variance.
  const varMeanC = nC > 1 ? ((sw2r2 / (sw * sw)) * nC) / (nC - 1) : 0
  const se = Math.sqrt(varMeanT + varMeanC)
  const z = normalQuantile(1 - (1 - confidence) / 2, 0, 1)
  const difference = meanT - meanC
  const pValue = se > 0 ? 2 * (1 - normalCdf(Math.abs(difference) / se, 0, 1)) : difference === 0 ? 1 : 0
  return {
    treatedValue: meanT,
    comparisonValue: meanC,
    difference,
    standardError: se,
    ciLow: difference - z * se,
    ciHigh: difference + z * se,
    pValue,
    nTreated: nT,
    nComparison: nC,
    minimumDetectableDifference: (Z95 + Z80) * se,
  }
}

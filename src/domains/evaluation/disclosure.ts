import type { EvaluationResult } from './stats/evaluate.ts'
import type { PropensityDistribution } from './stats/distribution.ts'

/**
 * Disclosure control for everything an evaluation publishes: the API, the pages and the downloads
 * all read the output of `publish`, never the raw result.
 *
 * TO BE REPLACED by the platform disclosure-control module (src/platform/disclosure/, issue 14)
 * when it lands: swap the body of `publish` (and `withhold`) for calls to it. Nothing else in
 * this domain suppresses anything.
 *
 * Rules (the threshold is data: config.smallCellThreshold, 5 by default, as on the outcome pages):
 * - primary: a count from 1 to threshold − 1 is withheld (null);
 * - secondary: where a withheld count could be recomputed from published ones, one more is
 *   withheld: the treated total when the people dropped outside support are withheld (treated =
 *   matched + dropped), and the next smallest bar of a histogram whose total is published;
 * - an outcome whose treated or comparison count is withheld is withheld whole.
 */
export interface DisclosurePolicy {
  threshold: number
}

export type Published = Omit<
  EvaluationResult,
  'treated' | 'pool' | 'matched' | 'matchedComparison' | 'droppedOutsideSupport' | 'outcomes' | 'propensity'
> & {
  treated: number | null
  pool: number | null
  matched: number | null
  matchedComparison: number | null
  droppedOutsideSupport: number | null
  outcomes: (EvaluationResult['outcomes'][number] & { nTreated: number; nComparison: number })[]
  propensity: {
    binEdges: number[]
    before: { treated: (number | null)[]; comparison: (number | null)[] }
    after: { treated: (number | null)[]; comparison: (number | null)[] }
  }
}

export function withhold(n: number, policy: DisclosurePolicy): number | null {
  return n > 0 && n < policy.threshold ? null : n
}

export function publish(r: EvaluationResult, policy: DisclosurePolicy): Published {
  const dropped = withhold(r.droppedOutsideSupport, policy)
  const treated = dropped === null ? null : withhold(r.treated, policy)
  const outcomes = r.outcomes.filter(
    (o) => withhold(o.nTreated, policy) !== null && withhold(o.nComparison, policy) !== null,
  )
  const withheld = r.outcomes
    .filter((o) => !outcomes.includes(o))
    .map((o) => ({
      outcome: o.outcome,
      label: o.label,
      reason: 'too few people to publish without identifying anyone',
    }))
  return {
    ...r,
    treated,
    pool: withhold(r.pool, policy),
    matched: withhold(r.matched, policy),
    matchedComparison: withhold(r.matchedComparison, policy),
    droppedOutsideSupport: dropped,
    outcomes,
    withheldOutcomes: [...r.withheldOutcomes, ...withheld],
    propensity: publishDistribution(r.propensity, policy),
  }
}

function publishDistribution(d: PropensityDistribution, policy: DisclosurePolicy): Published['propensity'] {
  const series = (values: number[]) => {
    const out: (number | null)[] = values.map((v) => (v > 0 && v < policy.threshold ? null : v))
    // The bars add up to a published total: one withheld bar alone could be recomputed.
    if (out.filter((v) => v === null).length === 1) {
      let smallest = -1
      out.forEach((v, i) => {
        if (v !== null && v > 0 && (smallest < 0 || v < (out[smallest] ?? Infinity))) smallest = i
      })
      if (smallest >= 0) out[smallest] = null
    }
    return out
  }
  return {
    binEdges: d.binEdges,
    before: { treated: series(d.before.treated), comparison: series(d.before.comparison) },
    after: { treated: series(d.after.treated), comparison: series(d.after.comparison) },
  }
}

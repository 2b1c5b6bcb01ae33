import { disclosurePolicy, isSmall, recoverable, suppressTable } from '../../platform/disclosure/index.ts'
import type { EvaluationResult } from './stats/evaluate.ts'
import type { PropensityDistribution } from './stats/distribution.ts'

/**
 * Disclosure control for everything an evaluation publishes: the API, the pages and the downloads
 * all read the output of `publish`, never the raw result.
 *
 * The rules are the platform's one disclosure-control module (src/platform/disclosure/); this file
 * only says which sums an evaluation publishes (the threshold is config.smallCellThreshold):
 * - primary: a count from 1 to threshold − 1 is withheld (null), by the module's `isSmall`;
 * - secondary: treated = matched + dropped outside support. When the dropped count is withheld,
 *   the treated total is withheld with it rather than the matched count, which every outcome
 *   row is read against; the module's `recoverable` then proves nothing withheld can be worked
 *   out. A histogram's bars add up to its published total, and the module's `suppressTable`
 *   decides which further bar to withhold;
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
  return isSmall(n, disclosurePolicy(policy)) ? null : n
}

export function publish(r: EvaluationResult, policy: DisclosurePolicy): Published {
  const dropped = withhold(r.droppedOutsideSupport, policy)
  const treated = dropped === null ? null : withhold(r.treated, policy)
  const matched = withhold(r.matched, policy)
  const withheldCounts = new Set(
    Object.entries({ treated, matched, dropped })
      .filter(([, v]) => v === null)
      .map(([k]) => k),
  )
  if (recoverable([{ total: 'treated', parts: ['matched', 'dropped'] }], withheldCounts).size > 0)
    throw new Error('an evaluation would publish a withheld count that can be worked out')
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
    matched,
    matchedComparison: withhold(r.matchedComparison, policy),
    droppedOutsideSupport: dropped,
    outcomes,
    withheldOutcomes: [...r.withheldOutcomes, ...withheld],
    propensity: publishDistribution(r.propensity, policy),
  }
}

function publishDistribution(d: PropensityDistribution, policy: DisclosurePolicy): Published['propensity'] {
  const platform = disclosurePolicy(policy)
  const series = (values: number[]) => {
    // The bars add up to a published total: the module withholds enough of them that no
    // withheld bar can be recomputed from the others.
    const cells = new Map(values.map((v, i) => [`bar${i}`, v]))
    cells.set(
      'total',
      values.reduce((a, b) => a + b, 0),
    )
    const { withheld } = suppressTable(
      cells,
      [{ total: 'total', parts: values.map((_, i) => `bar${i}`) }],
      platform,
    )
    return values.map((v, i) => (withheld.has(`bar${i}`) ? null : v))
  }
  return {
    binEdges: d.binEdges,
    before: { treated: series(d.before.treated), comparison: series(d.before.comparison) },
    after: { treated: series(d.after.treated), comparison: series(d.after.comparison) },
  }
}

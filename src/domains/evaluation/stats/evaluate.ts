import { buildDesign, modelMatrix, type EvaluationUnit } from './design.ts'
import { fitLogistic } from './logistic.ts'
import { matchNearest, standardDeviation } from './matching.ts'
import { SMD_THRESHOLD, standardisedMeanDifference } from './balance.ts'
import { weightedDifference, type DifferenceEstimate } from './inference.ts'
import { OUTCOMES, outcomeValue } from './outcomes.ts'
import { reoffendingHeadline } from './headline.ts'
import { seededRandom } from './random.ts'
import { propensityDistribution, type PropensityDistribution } from './distribution.ts'

/** The analyst's choices, saved with every evaluation so a re-run gives the same numbers. */
export interface EvaluationSettings {
  /** Caliper in standard deviations of the logit of the propensity score (Austin 2011: 0.2). */
  caliper: number
  k: number
  replacement: boolean
  seed: number
  /** The Justice Data Lab's minimum: below this many matched treated people, no outcomes. */
  minMatchedTreated: number
  /** A rate outcome whose minimum detectable difference is above this gets a low-power warning. */
  lowPowerDifference: number
}

export const DEFAULT_SETTINGS: EvaluationSettings = {
  caliper: 0.2,
  k: 1,
  replacement: true,
  seed: 1,
  minMatchedTreated: 60,
  lowPowerDifference: 0.1,
}

export interface OutcomeResult extends DifferenceEstimate {
  outcome: string
  label: string
  kind: 'rate' | 'mean'
}

export interface EvaluationResult {
  treated: number
  pool: number
  matched: number
  matchedComparison: number
  droppedOutsideSupport: number
  caliperLogit: number
  model: {
    converged: boolean
    iterations: number
    separationSuspected: boolean
    separatingColumns: string[]
    droppedColumns: { column: string; reason: string }[]
  }
  balance: { covariate: string; label: string; smdBefore: number; smdAfter: number; flagged: boolean }[]
  outcomes: OutcomeResult[]
  withheldOutcomes: { outcome: string; label: string; reason: string }[]
  naive: { outcome: string; difference: number }[]
  propensity: PropensityDistribution
  refused?: string
  warnings: string[]
  headline: string
}

export function evaluate(input: readonly EvaluationUnit[], settings: EvaluationSettings): EvaluationResult {
  // A fixed order (not the database's) so that the same data always gives the same numbers.
  const key = (u: EvaluationUnit) => `${u.personId}|${u.releaseDate}`
  const units = input
    .map((u) => ({ u, k: key(u) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.u)
  const treatedIdx = units.flatMap((u, i) => (u.treated ? [i] : []))
  const poolIdx = units.flatMap((u, i) => (u.treated ? [] : [i]))
  const design = buildDesign(units)
  const { x, p, names } = modelMatrix(design)
  const y = Uint8Array.from(units, (u) => (u.treated ? 1 : 0))
  const fit = fitLogistic(x, units.length, p, y)
  const logit = fit.linearPredictor
  const caliperLogit = settings.caliper * standardDeviation(logit)
  // Greedy matching without replacement depends on who goes first: a seeded order, saved.
  const order = shuffled(treatedIdx, settings.seed)
  const match = matchNearest(
    order.map((i) => logit[i]!),
    order.map((i) => units[i]!.sex),
    poolIdx.map((i) => logit[i]!),
    poolIdx.map((i) => units[i]!.sex),
    { caliper: caliperLogit, k: settings.k, replacement: settings.replacement },
  )
  const matchedTreated = order.filter((_, t) => match.matches[t]!.length > 0)
  const comparisonUsed = poolIdx.flatMap((i, j) => (match.comparisonWeights[j]! > 0 ? [i] : []))
  const comparisonWeights = poolIdx.flatMap((_, j) =>
    match.comparisonWeights[j]! > 0 ? [match.comparisonWeights[j]!] : [],
  )

  const all = design.columns.length
  const column = (idx: number[], j: number) => idx.map((i) => design.values[i * all + j]!)
  const balance = design.columns.map((c, j) => {
    const smd = standardisedMeanDifference(
      column(treatedIdx, j),
      column(poolIdx, j),
      { values: column(matchedTreated, j) },
      { values: column(comparisonUsed, j), weights: comparisonWeights },
    )
    return {
      covariate: c.name,
      label: c.label,
      smdBefore: smd.before,
      smdAfter: smd.after,
      flagged: Math.abs(smd.after) > SMD_THRESHOLD,
    }
  })

  const warnings: string[] = []
  const separatingColumns = fit.separation.map((s) => names[s.column]!)
  if (!fit.converged) warnings.push(`The propensity model did not converge in ${fit.iterations} iterations.`)
  if (separatingColumns.length > 0)
    warnings.push(
      `Some characteristics predict treatment perfectly (separation): ${separatingColumns.join(', ')}. People with them cannot be matched fairly.`,
    )
  else if (fit.separationSuspected)
    warnings.push('The propensity model shows signs of separation: some scores are pinned near 0 or 1.')
  const unbalanced = balance.filter((b) => b.flagged && match.matchedTreated > 0)
  if (unbalanced.length > 0)
    warnings.push(
      `${unbalanced.length} covariate level(s) remain above the 10% standardised mean difference after matching: ${unbalanced.map((b) => b.label).join('; ')}.`,
    )

  const naive = OUTCOMES.map((spec) => {
    const t = treatedIdx.map((i) => outcomeValue(spec, units[i]!.outcomes)).filter((v) => v !== null)
    const c = poolIdx.map((i) => outcomeValue(spec, units[i]!.outcomes)).filter((v) => v !== null)
    return { outcome: spec.key, difference: mean(t) - mean(c) }
  })

  const outcomes: OutcomeResult[] = []
  const withheldOutcomes: EvaluationResult['withheldOutcomes'] = []
  let refused: string | undefined
  if (treatedIdx.length === 0) refused = 'No releases in the window and scope received the service.'
  else if (poolIdx.length === 0) refused = 'There is no one in the window and scope to compare with.'
  else if (match.matchedTreated < settings.minMatchedTreated)
    refused = `Fewer than ${settings.minMatchedTreated} people who received the service could be matched to a comparison group, so the outcomes are not reported: a smaller group cannot support a reliable conclusion (the Justice Data Lab applies the same minimum).`

  if (!refused) {
    for (const spec of OUTCOMES) {
      const treatedValues: number[] = []
      const weightByPool = new Map<number, number>()
      order.forEach((i, t) => {
        const yt = outcomeValue(spec, units[i]!.outcomes)
        if (yt === null) return
        const known = match.matches[t]!.filter(
          (j) => outcomeValue(spec, units[poolIdx[j]!]!.outcomes) !== null,
        )
        if (known.length === 0) return
        treatedValues.push(yt)
        for (const j of known) weightByPool.set(j, (weightByPool.get(j) ?? 0) + 1 / known.length)
      })
      if (treatedValues.length < settings.minMatchedTreated) {
        withheldOutcomes.push({
          outcome: spec.key,
          label: spec.label,
          reason:
            spec.key === 'proven_reoffending' ||
            spec.key === 'reoffence_frequency' ||
            spec.key === 'days_to_first_reoffence'
              ? `fewer than ${settings.minMatchedTreated} matched people have a known result (reoffending counts only once the 18-month window is complete)`
              : `fewer than ${settings.minMatchedTreated} matched people have a known result`,
        })
        continue
      }
      const pool = [...weightByPool.keys()].sort((a, b) => a - b)
      const estimate = weightedDifference(
        treatedValues,
        pool.map((j) => outcomeValue(spec, units[poolIdx[j]!]!.outcomes)!),
        pool.map((j) => weightByPool.get(j)!),
      )
      outcomes.push({ outcome: spec.key, label: spec.label, kind: spec.kind, ...estimate })
      if (spec.kind === 'rate' && estimate.minimumDetectableDifference > settings.lowPowerDifference)
        warnings.push(
          `${spec.label}: low power. The smallest difference this analysis could reliably detect is ${(estimate.minimumDetectableDifference * 100).toFixed(1)} percentage points.`,
        )
    }
  }
  const reoffending = outcomes.find((o) => o.outcome === 'proven_reoffending') ?? null
  const headline = reoffendingHeadline(
    reoffending,
    refused
      ? 'too few people could be matched'
      : withheldOutcomes.find((w) => w.outcome === 'proven_reoffending')?.reason,
  )
  return {
    treated: treatedIdx.length,
    pool: poolIdx.length,
    matched: match.matchedTreated,
    matchedComparison: comparisonUsed.length,
    droppedOutsideSupport: match.droppedOutsideSupport,
    caliperLogit,
    model: {
      converged: fit.converged,
      iterations: fit.iterations,
      separationSuspected: fit.separationSuspected,
      separatingColumns,
      droppedColumns: fit.dropped.map((d) => ({ column: names[d.column]!, reason: d.reason })),
    },
    balance,
    outcomes,
    withheldOutcomes,
    naive,
    propensity: propensityDistribution(
      logit,
      treatedIdx,
      poolIdx,
      matchedTreated,
      comparisonUsed,
      comparisonWeights,
    ),
    ...(refused ? { refused } : {}),
    warnings,
    headline,
  }
}

function mean(values: number[]): number {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : NaN
}

function shuffled(values: number[], seed: number): number[] {
  const random = seededRandom(seed)
  const out = [...values]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/**
 * The report's view model: tables as column specs (outcomes/lines.ts: shown, and downloaded as
 * CSV or XLSX with exactly the same cells) and charts, all from the disclosure-controlled result. Rates are percentages here;
 * differences in percentage points (pp).
 */
import { lineTable, type LineTable } from '../outcomes/lines.ts'
import { lovePlot, propensityChart } from './charts.ts'
import type { Published } from './disclosure.ts'
import { OUTCOMES } from './stats/outcomes.ts'

const count = (n: number | null) => (n === null ? '[c]' : n.toLocaleString('en-GB'))
const pct = (v: number) => `${(v * 100).toFixed(1)}`
const signedPp = (v: number) => `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}`
const smd = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}` : 'n/a')
const pValue = (p: number) => (p < 0.001 ? '<0.001' : p.toFixed(3))

export function reportTables(
  p: Published,
): Record<'outcomes' | 'balance' | 'propensity' | 'naive', LineTable> {
  const outcomes = lineTable(
    'outcomes',
    'Outcomes: the people who received the service against their matched comparison group',
    [
      ['outcome', 'Outcome'],
      ['treated', 'Received the service', 'figure'],
      ['comparison', 'Matched comparison', 'figure'],
      ['difference', 'Difference', 'figure'],
      ['interval', '95% confidence interval', 'figure'],
      ['p', 'p-value', 'figure'],
      ['nTreated', 'People who received it', 'figure'],
      ['nComparison', 'Comparison people', 'figure'],
      ['mdd', 'Smallest detectable difference', 'figure'],
    ],
    p.outcomes.map((o) => {
      const rate = o.kind === 'rate'
      const unit = OUTCOMES.find((s) => s.key === o.outcome)?.unit ?? ''
      const v = (x: number) => (rate ? `${pct(x)}%` : `${x.toFixed(2)} ${unit}`.trim())
      const d = (x: number) => (rate ? `${signedPp(x)} pp` : `${x > 0 ? '+' : ''}${x.toFixed(2)}`)
      return {
        outcome: o.label,
        treated: v(o.treatedValue),
        comparison: v(o.comparisonValue),
        difference: d(o.difference),
        interval: `${d(o.ciLow)} to ${d(o.ciHigh)}`,
        p: pValue(o.pValue),
        nTreated: count(o.nTreated),
        nComparison: count(o.nComparison),
        mdd: d(o.minimumDetectableDifference),
      }
    }),
  )
  const balance = lineTable(
    'balance',
    'Balance: standardised mean difference (%) of each characteristic before and after matching',
    [
      ['characteristic', 'Characteristic'],
      ['before', 'Before matching (%)', 'figure'],
      ['after', 'After matching (%)', 'figure'],
      ['flagged', 'Above 10% after matching'],
    ],
    p.balance.map((b) => ({
      characteristic: b.label,
      before: smd(b.smdBefore),
      after: smd(b.smdAfter),
      flagged: b.flagged ? 'Yes' : 'No',
    })),
  )
  const edges = p.propensity.binEdges
  const propensity = lineTable(
    'propensity',
    'Propensity scores: people in each band of the score, before and after matching (comparison after matching weighted)',
    [
      ['band', 'Propensity score'],
      ['treatedBefore', 'Received, before', 'figure'],
      ['comparisonBefore', 'Comparison, before', 'figure'],
      ['treatedAfter', 'Received, after', 'figure'],
      ['comparisonAfter', 'Comparison, after (weighted)', 'figure'],
    ],
    p.propensity.before.treated.map((_, b) => ({
      band: `${edges[b]!.toPrecision(3)} to ${edges[b + 1]!.toPrecision(3)}`,
      treatedBefore: count(p.propensity.before.treated[b] ?? null),
      comparisonBefore: count(p.propensity.before.comparison[b] ?? null),
      treatedAfter: count(p.propensity.after.treated[b] ?? null),
      comparisonAfter: count(p.propensity.after.comparison[b] ?? null),
    })),
  )
  const naive = lineTable(
    'naive',
    'Unmatched differences, for comparison only: these ignore who was more likely to receive the service',
    [
      ['outcome', 'Outcome'],
      ['difference', 'Difference before matching', 'figure'],
    ],
    p.naive.map((n) => {
      const spec = OUTCOMES.find((s) => s.key === n.outcome)
      const text = !Number.isFinite(n.difference)
        ? 'n/a'
        : spec?.kind === 'rate'
          ? `${signedPp(n.difference)} pp`
          : n.difference.toFixed(2)
      return { outcome: spec?.label ?? n.outcome, difference: text }
    }),
  )
  return { outcomes, balance, propensity, naive }
}

export function reportCharts(p: Published) {
  return {
    love: lovePlot(p.balance),
    before: propensityChart(
      p.propensity.binEdges,
      p.propensity.before,
      'Propensity scores before matching',
      'ps-before',
    ),
    after: propensityChart(
      p.propensity.binEdges,
      p.propensity.after,
      'Propensity scores after matching',
      'ps-after',
    ),
  }
}

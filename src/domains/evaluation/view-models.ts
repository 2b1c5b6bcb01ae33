/**
 * The report's view model: tables (shown, and downloaded as CSV or XLSX with exactly the same
 * cells) and charts, all from the disclosure-controlled result. Rates are percentages here;
 * differences in percentage points (pp).
 */
import type { DataTable, TableCell } from '../outcomes/tables-export.ts'
import { lovePlot, propensityChart } from './charts.ts'
import type { Published } from './disclosure.ts'
import { OUTCOMES } from './stats/outcomes.ts'

const cell = (text: string, numeric = false): TableCell => ({ text, numeric })
const count = (n: number | null) => cell(n === null ? '[c]' : n.toLocaleString('en-GB'), true)
const pct = (v: number) => `${(v * 100).toFixed(1)}`
const signedPp = (v: number) => `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}`
const smd = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}` : 'n/a')
const pValue = (p: number) => (p < 0.001 ? '<0.001' : p.toFixed(3))

export function reportTables(
  p: Published,
): Record<'outcomes' | 'balance' | 'propensity' | 'naive', DataTable> {
  const outcomes: DataTable = {
    id: 'outcomes',
    caption: 'Outcomes: the people who received the service against their matched comparison group',
    head: [
      'Outcome',
      'Received the service',
      'Matched comparison',
      'Difference',
      '95% confidence interval',
      'p-value',
      'People who received it',
      'Comparison people',
      'Smallest detectable difference',
    ],
    rows: p.outcomes.map((o) => {
      const rate = o.kind === 'rate'
      const unit = OUTCOMES.find((s) => s.key === o.outcome)?.unit ?? ''
      const v = (x: number) => (rate ? `${pct(x)}%` : `${x.toFixed(2)} ${unit}`.trim())
      const d = (x: number) => (rate ? `${signedPp(x)} pp` : `${x > 0 ? '+' : ''}${x.toFixed(2)}`)
      return [
        cell(o.label),
        cell(v(o.treatedValue), true),
        cell(v(o.comparisonValue), true),
        cell(d(o.difference), true),
        cell(`${d(o.ciLow)} to ${d(o.ciHigh)}`, true),
        cell(pValue(o.pValue), true),
        count(o.nTreated),
        count(o.nComparison),
        cell(d(o.minimumDetectableDifference), true),
      ]
    }),
  }
  const balance: DataTable = {
    id: 'balance',
    caption: 'Balance: standardised mean difference (%) of each characteristic before and after matching',
    head: ['Characteristic', 'Before matching (%)', 'After matching (%)', 'Above 10% after matching'],
    rows: p.balance.map((b) => [
      cell(b.label),
      cell(smd(b.smdBefore), true),
      cell(smd(b.smdAfter), true),
      cell(b.flagged ? 'Yes' : 'No'),
    ]),
  }
  const edges = p.propensity.binEdges
  const propensity: DataTable = {
    id: 'propensity',
    caption:
      'Propensity scores: people in each band of the score, before and after matching (comparison after matching weighted)',
    head: [
      'Propensity score',
      'Received, before',
      'Comparison, before',
      'Received, after',
      'Comparison, after (weighted)',
    ],
    rows: p.propensity.before.treated.map((_, b) => [
      cell(`${edges[b]!.toPrecision(3)} to ${edges[b + 1]!.toPrecision(3)}`),
      count(p.propensity.before.treated[b] ?? null),
      count(p.propensity.before.comparison[b] ?? null),
      count(p.propensity.after.treated[b] ?? null),
      count(p.propensity.after.comparison[b] ?? null),
    ]),
  }
  const naive: DataTable = {
    id: 'naive',
    caption:
      'Unmatched differences, for comparison only: these ignore who was more likely to receive the service',
    head: ['Outcome', 'Difference before matching'],
    rows: p.naive.map((n) => {
      const spec = OUTCOMES.find((s) => s.key === n.outcome)
      const text = !Number.isFinite(n.difference)
        ? 'n/a'
        : spec?.kind === 'rate'
          ? `${signedPp(n.difference)} pp`
          : n.difference.toFixed(2)
      return [cell(spec?.label ?? n.outcome), cell(text, true)]
    }),
  }
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

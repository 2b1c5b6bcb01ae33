import type { Column, Table } from '../../platform/table/index.ts'
import { dateOf } from '../../platform/calendar/index.ts'
import type { ProtectedContract, PublishedRate } from './performance-figures.ts'
import { POLICY } from './performance-figures.ts'
import { RAG_LABELS, type DimensionRating } from './rag.ts'
import { STATE_LABELS, type ReferralState } from './state-machine.ts'

/**
 * The contract performance and referral quality reports as lists of column specs (issue 11 item 4):
 * the same table is the page's GOV.UK table, the CSV (with its injection guard) and the XLSX, so a
 * download holds exactly what the page shows, withheld cells included.
 */

const symbol = POLICY.symbol
const percent = (p: number) => `${(p * 100).toFixed(1)}%`

/** A withheld count is the policy's symbol, never 0 (issue 14 item 3). */
const count = (n: number | null): string | number => (n === null ? symbol : n)

/** Three columns for a rate: the rate, its denominator, and its 95% Wilson interval. */
export function rateColumns<Row>(key: string, label: string, of: (row: Row) => PublishedRate): Column<Row>[] {
  return [
    {
      key,
      label,
      format: 'percent',
      value: (r) => {
        const p = of(r)
        return p.withheld ? symbol : p.rate
      },
    },
    { key: `${key}Of`, label: `${label}: out of`, format: 'count', value: (r) => count(of(r).denominator) },
    {
      key: `${key}Interval`,
      label: `${label}: 95% interval`,
      value: (r) => {
        const p = of(r)
        if (p.withheld) return symbol
        return p.low === null || p.high === null ? '' : `${percent(p.low)} to ${percent(p.high)}`
      },
    },
  ]
}

export const NOTES = [
  POLICY.footnote,
  '95% intervals are Wilson score intervals. A rate with nothing to count is left blank.',
]

/** A contract's protected figures (performance-figures.ts) with what names it and its ratings. */
export interface ContractFigures extends ProtectedContract {
  key: string
  label: string
  provider: string
  href?: string
  ratings: DimensionRating[]
}

const ragOf = (d: DimensionRating | undefined) => (d?.rag ? RAG_LABELS[d.rag] : 'Not rated')

export function overviewTable(rows: readonly ContractFigures[]): Table<ContractFigures> {
  return {
    id: 'Contracts',
    caption: 'Contracts and their ratings',
    rows,
    notes: NOTES,
    columns: [
      { key: 'contract', label: 'Contract', value: (r) => r.label, href: (r) => r.href },
      { key: 'provider', label: 'Provider', value: (r) => r.provider },
      { key: 'referrals', label: 'Referrals', format: 'count', value: (r) => count(r.referrals) },
      { key: 'quality', label: 'Referral quality', value: (r) => ragOf(r.ratings[0]) },
      { key: 'delivery', label: 'Delivery', value: (r) => ragOf(r.ratings[1]) },
      { key: 'communication', label: 'Communication', value: (r) => ragOf(r.ratings[2]) },
      ...rateColumns<ContractFigures>('attendance', 'Session attendance', (r) => r.attendance),
      ...rateColumns<ContractFigures>('completion', 'Referrals completed', (r) => r.completion),
      ...rateColumns<ContractFigures>('contact', 'First contact within 3 days', (r) => r.contactedInTime),
      ...rateColumns<ContractFigures>('reports', 'Report within 14 days', (r) => r.reportsInTime),
    ],
  }
}

/** One contract's measures, one row per measure (the contract page's evidence). */
export interface MeasureRow {
  label: string
  rate: PublishedRate
  green: number | null
}
export function measuresTable(rows: readonly MeasureRow[]): Table<MeasureRow> {
  return {
    id: 'Measures',
    caption: 'Measures behind the ratings',
    rows,
    notes: NOTES,
    columns: [
      { key: 'measure', label: 'Measure', value: (r) => r.label },
      ...rateColumns<MeasureRow>('rate', 'Rate', (r) => r.rate),
      { key: 'green', label: 'Green at', value: (r) => (r.green === null ? '' : `${r.green}% or more`) },
    ],
  }
}

export interface QualityFigures {
  label: string
  rated: number | null
  meanScore: number | null
  low: PublishedRate
}
export function qualityTable(rows: readonly QualityFigures[], groupLabel: string): Table<QualityFigures> {
  return {
    id: 'Referral quality',
    caption: `Quality by ${groupLabel.toLowerCase()}`,
    rows,
    notes: NOTES,
    columns: [
      { key: 'group', label: groupLabel, value: (r) => r.label },
      { key: 'rated', label: 'Referrals rated', format: 'count', value: (r) => count(r.rated) },
      {
        key: 'mean',
        label: 'Mean score',
        format: 'number',
        value: (r) => (r.rated === null ? symbol : r.meanScore),
      },
      ...rateColumns<QualityFigures>('low', 'Scored under 60', (r) => r.low),
    ],
  }
}

export interface ReferralRow {
  id: string
  reference: string
  crn: string | null
  state: ReferralState
  sent_at: unknown
  assigned_at: unknown
  first_contact_at: unknown
  assessment_at: unknown
  action_plan_approved_at: unknown
  action_plan_sessions: number | null
  sessions: number
  attended: number
  report_submitted_at: unknown
  concluded_at: unknown
  end_reason_code: string | null
  quality_score: number | null
  outcome_score: number | null
}
const day = (v: unknown) => (v ? dateOf(v) : null)

/** The referrals behind a contract's figures: the drill-down on the page and the export. */
export function referralsTable(rows: readonly ReferralRow[]): Table<ReferralRow> {
  return {
    id: 'Referrals',
    caption: 'Referrals in your scope on this contract',
    rows,
    columns: [
      { key: 'reference', label: 'Referral', value: (r) => r.reference, href: (r) => `/referrals/${r.id}` },
      { key: 'crn', label: 'CRN', value: (r) => r.crn },
      { key: 'state', label: 'State', value: (r) => STATE_LABELS[r.state] },
      { key: 'sent', label: 'Sent', format: 'date', value: (r) => day(r.sent_at) },
      { key: 'assigned', label: 'Assigned', format: 'date', value: (r) => day(r.assigned_at) },
      { key: 'contact', label: 'First contact', format: 'date', value: (r) => day(r.first_contact_at) },
      { key: 'assessment', label: 'Initial assessment', format: 'date', value: (r) => day(r.assessment_at) },
      {
        key: 'approved',
        label: 'Action plan approved',
        format: 'date',
        value: (r) => day(r.action_plan_approved_at),
      },
      { key: 'planned', label: 'Planned sessions', format: 'count', value: (r) => r.action_plan_sessions },
      { key: 'sessions', label: 'Sessions recorded', format: 'count', value: (r) => r.sessions },
      { key: 'attended', label: 'Sessions attended', format: 'count', value: (r) => r.attended },
      {
        key: 'report',
        label: 'End-of-service report',
        format: 'date',
        value: (r) => day(r.report_submitted_at),
      },
      { key: 'concluded', label: 'Concluded', format: 'date', value: (r) => day(r.concluded_at) },
      { key: 'endReason', label: 'End reason', value: (r) => r.end_reason_code },
      { key: 'quality', label: 'Referral quality score', format: 'count', value: (r) => r.quality_score },
      {
        key: 'outcome',
        label: 'Outcome score',
        format: 'number',
        decimals: 2,
        value: (r) => r.outcome_score,
      },
    ],
  }
}

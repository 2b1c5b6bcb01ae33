import {
  ALL,
  disclosurePolicy,
  protectGrouped,
  type DisclosurePolicy,
  type GroupedCell,
} from '../../platform/disclosure/index.ts'
import { wilson } from '../../platform/statistics/index.ts'

/**
 * Contract performance and referral quality leave the service as aggregates (pages, CSV, XLSX,
 * API), so every count goes through the one disclosure module (issue 14 item 3; domain.md section
 * 14) and every rate carries its denominator and a 95% Wilson interval (platform/statistics).
 * A withheld figure is null here and the policy's symbol on the page, never 0.
 */

/** A published rate: its counts, the proportion (0..1) and its interval, or nulls when withheld. */
export interface PublishedRate {
  numerator: number | null
  denominator: number | null
  rate: number | null
  low: number | null
  high: number | null
  /** The rate (and so its interval) is withheld, though the denominator may be shown. */
  withheld: boolean
}

/**
 * A rate is published only when both of its counts are and the denominator reaches the threshold:
 * a rate beside its denominator gives the numerator back (issue 12 defect 1).
 */
export function publishedRate(
  numerator: number | null,
  denominator: number | null,
  rawNumerator: number,
  rawDenominator: number,
  policy: DisclosurePolicy,
): PublishedRate {
  const withheld =
    rawDenominator > 0 && (numerator === null || denominator === null || rawDenominator < policy.threshold)
  const interval = withheld ? null : wilson(rawNumerator, rawDenominator)
  return {
    numerator,
    denominator,
    rate: withheld || rawDenominator === 0 ? null : rawNumerator / rawDenominator,
    low: interval?.low ?? null,
    high: interval?.high ?? null,
    withheld,
  }
}

/**
 * Protects a list of rows, with a total row (key '*') when `withTotal`: primary suppression of small counts
 * and secondary suppression so that no withheld count can be worked out by subtracting the
 * published rows from the total. Returns the protected counts of each row, in order, and the total.
 */
export function protectRows<C extends string>(
  rows: readonly { key: string; counts: Record<C, number> }[],
  columns: readonly C[],
  options: { withTotal: boolean },
  policy: DisclosurePolicy = disclosurePolicy(),
) {
  const withTotal = options.withTotal && rows.length > 0
  const total = Object.fromEntries(
    columns.map((c) => [c, rows.reduce((s, r) => s + r.counts[c], 0)]),
  ) as Record<C, number>
  const cells: GroupedCell<C>[] = [
    ...rows.map((r) => ({ key: [r.key], counts: r.counts })),
    ...(withTotal ? [{ key: [ALL], counts: total }] : []),
  ]
  const out = protectGrouped(cells, columns, null, policy)
  return {
    rows: out.slice(0, rows.length).map((c) => c.counts),
    total: withTotal ? { raw: total, counts: out[rows.length]!.counts } : null,
  }
}

/** The policy used for these figures (default threshold 5, '[c]' with its footnote). */
export const POLICY = disclosurePolicy()

/** The counts behind one contract's measures, as the performance query returns them. */
export interface ContractCounts {
  referrals: number
  rated: number
  mean_quality: number | null
  sessions: number
  sessions_attended: number
  concluded: number
  completed: number
  contacted: number
  contacted_in_time: number
  reports: number
  reports_in_time: number
}
const COUNT_COLUMNS = [
  'referrals',
  'rated',
  'sessions',
  'sessions_attended',
  'concluded',
  'completed',
  'contacted',
  'contacted_in_time',
  'reports',
  'reports_in_time',
] as const
type CountColumn = (typeof COUNT_COLUMNS)[number]
const ZERO: ContractCounts = {
  referrals: 0,
  rated: 0,
  mean_quality: null,
  sessions: 0,
  sessions_attended: 0,
  concluded: 0,
  completed: 0,
  contacted: 0,
  contacted_in_time: 0,
  reports: 0,
  reports_in_time: 0,
}

export interface ProtectedContract {
  referrals: number | null
  rated: number | null
  /** Withheld with the count of rated referrals: a mean of one or two scores is their scores. */
  meanQuality: number | null
  attendance: PublishedRate
  completion: PublishedRate
  contactedInTime: PublishedRate
  reportsInTime: PublishedRate
}

/**
 * Each contract's counts, protected together with their total when the page shows one (the
 * overview's "All contracts" row), then the rates from what is published.
 */
export function protectContracts(
  list: readonly { key: string; counts: ContractCounts | undefined }[],
  options: { withTotal: boolean },
  policy: DisclosurePolicy = POLICY,
): { rows: ProtectedContract[]; total: ProtectedContract | null } {
  const raw = list.map((c) => ({ key: c.key, counts: c.counts ?? ZERO }))
  const numeric = raw.map((c) => ({
    key: c.key,
    counts: Object.fromEntries(COUNT_COLUMNS.map((k) => [k, c.counts[k]])) as Record<CountColumn, number>,
  }))
  const out = protectRows(numeric, COUNT_COLUMNS, options, policy)
  const build = (p: Record<CountColumn, number | null>, c: ContractCounts): ProtectedContract => {
    const rate = (n: CountColumn, d: CountColumn) => publishedRate(p[n], p[d], c[n], c[d], policy)
    return {
      referrals: p.referrals,
      rated: p.rated,
      meanQuality: p.rated === null || c.rated < policy.threshold ? null : c.mean_quality,
      attendance: rate('sessions_attended', 'sessions'),
      completion: rate('completed', 'concluded'),
      contactedInTime: rate('contacted_in_time', 'contacted'),
      reportsInTime: rate('reports_in_time', 'reports'),
    }
  }
  const totalRaw: ContractCounts = out.total
    ? {
        ...out.total.raw,
        mean_quality: weightedMean(raw.map((r) => r.counts)),
      }
    : ZERO
  return {
    rows: out.rows.map((p, i) => build(p, raw[i]!.counts)),
    total: out.total ? build(out.total.counts, totalRaw) : null,
  }
}

function weightedMean(rows: readonly ContractCounts[]): number | null {
  const rated = rows.reduce((s, r) => s + r.rated, 0)
  return rated ? rows.reduce((s, r) => s + (r.mean_quality ?? 0) * r.rated, 0) / rated : null
}

/** The RAG inputs (per cent) from what is published: a withheld measure rates as "no cases". */
export function measuresFrom(p: ProtectedContract) {
  const pct = (r: PublishedRate) => (r.rate === null ? null : 100 * r.rate)
  return {
    meanQualityScore: p.meanQuality,
    attendanceRate: pct(p.attendance),
    completionRate: pct(p.completion),
    contactedInTime: pct(p.contactedInTime),
    reportsInTime: pct(p.reportsInTime),
  }
}

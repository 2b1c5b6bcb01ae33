/**
 * The variation pages' tables, as column specs (outcomes/lines.ts) so the page and its CSV and XLSX hold exactly the
 * same figures, withheld ones as [c] (never 0).
 */
import { lineTable, type Line, type LineColumn, type LineTable } from '../outcomes/lines.ts'
import { sentence, type CellResult, type Figure } from './analysis.ts'
import { funnelP, type FunnelPoint } from './funnel.ts'
import { compareGroups, type Split } from './splits.ts'

export const SUPPRESSED = '[c]'

const count = (n: number | null) => (n === null ? SUPPRESSED : String(n))
const rate = (f: Figure) => (f.rate === null ? (f.suppressed ? SUPPRESSED : 'No data') : `${f.rate}%`)
const interval = (c: { ciLow: number | null; ciHigh: number | null; suppressed: boolean }) =>
  c.ciLow === null || c.ciHigh === null ? (c.suppressed ? SUPPRESSED : '') : `${c.ciLow}% to ${c.ciHigh}%`
const pText = (p: number | null) => (p === null ? '' : p < 0.001 ? '< 0.001' : p.toFixed(3))

export interface Context {
  measure: string
  splits: readonly Split[]
  names: Map<string, string>
  /** The query string of the page, without the group and page. */
  query: URLSearchParams
}

export const groupName = (ctx: Context, i: number, value: string) =>
  value === '*' ? 'All' : ctx.splits[i]?.named ? (ctx.names.get(value) ?? value) : value

export function drillHref(ctx: Context, group: readonly string[]) {
  const q = new URLSearchParams(ctx.query)
  for (const g of group) q.append('group', g)
  return `/outcomes/variation/releases?${q.toString()}`
}

export function orderedCells(ctx: Context, cells: readonly CellResult[]) {
  return [...cells].sort((a, b) => {
    for (let i = 0; i < a.group.length; i++) {
      const c = compareGroups(ctx.splits[i]!, groupName(ctx, i, a.group[i]!), groupName(ctx, i, b.group[i]!))
      if (c) return c
    }
    return 0
  })
}

/** One column per split, keyed split0, split1: the group a row is of. */
const splitColumns = (ctx: Context): LineColumn[] => ctx.splits.map((s, i) => [`split${i}`, s.label])
const groupCells = (ctx: Context, group: readonly string[]): Line =>
  Object.fromEntries(group.map((g, i) => [`split${i}`, groupName(ctx, i, g)]))

export function cellsTable(ctx: Context, cells: readonly CellResult[], caption: string): LineTable {
  const rows = orderedCells(ctx, cells).map((c) => ({
    ...groupCells(ctx, c.group),
    rate: rate(c),
    'rate:href': drillHref(ctx, c.group),
    interval: interval(c),
    numerator: count(c.numerator),
    denominator: count(c.denominator),
    p: c.suppressed && c.pValue === null ? SUPPRESSED : pText(c.pValue),
    significant: c.rate === null ? '' : c.significant ? 'Yes' : 'No',
  }))
  return lineTable(
    'variation',
    caption,
    [
      ...splitColumns(ctx),
      ['rate', 'Rate', 'figure'],
      ['interval', '95% interval', 'figure'],
      ['numerator', 'Numerator', 'figure'],
      ['denominator', 'Denominator', 'figure'],
      ['p', 'p against the rest (Holm)', 'figure'],
      ['significant', 'Significant'],
    ],
    rows,
  )
}

export function totalsTable(
  ctx: Context,
  totals: readonly (Figure & { group: string[] })[],
  overall: Figure,
): LineTable {
  const rows = [...totals, { ...overall, group: ctx.splits.map(() => '*') }].map((t) => ({
    ...groupCells(ctx, t.group),
    rate: rate(t),
    'rate:href': drillHref(ctx, t.group),
    numerator: count(t.numerator),
    denominator: count(t.denominator),
  }))
  return lineTable(
    'totals',
    'Totals published with the crossed table',
    [
      ...splitColumns(ctx),
      ['rate', 'Rate', 'figure'],
      ['numerator', 'Numerator', 'figure'],
      ['denominator', 'Denominator', 'figure'],
    ],
    rows,
  )
}

export function trendTable(
  ctx: Context,
  trend: readonly (Figure & {
    group: string
    quarter: string
    ciLow: number | null
    ciHigh: number | null
  })[],
  quarterLabel: (start: string) => string,
): LineTable {
  const rows = [...trend]
    .sort(
      (a, b) =>
        compareGroups(ctx.splits[0]!, groupName(ctx, 0, a.group), groupName(ctx, 0, b.group)) ||
        a.quarter.localeCompare(b.quarter),
    )
    .map((t) => ({
      split0: groupName(ctx, 0, t.group),
      quarter: quarterLabel(t.quarter),
      rate: rate(t),
      interval: interval(t),
      numerator: count(t.numerator),
      denominator: count(t.denominator),
    }))
  return lineTable(
    'trend',
    'By quarter of release',
    [
      ['split0', ctx.splits[0]!.label],
      ['quarter', 'Quarter'],
      ['rate', 'Rate', 'figure'],
      ['interval', '95% interval', 'figure'],
      ['numerator', 'Numerator', 'figure'],
      ['denominator', 'Denominator', 'figure'],
    ],
    rows,
  )
}

export function sentences(ctx: Context, cells: readonly CellResult[]): string[] {
  return orderedCells(ctx, cells)
    .filter((c) => c.significant)
    .map((c) => sentence(c.group.map((g, i) => groupName(ctx, i, g)).join(', '), ctx.measure, c))
    .filter((s): s is string => s !== null)
}

const STATUS: Record<FunnelPoint['status'], string> = {
  outlier_high: 'Outlier: above the 99.8% limit, after Holm’s correction',
  outlier_low: 'Outlier: below the 99.8% limit, after Holm’s correction',
  beyond_998_high: 'Above the 99.8% limit, not after Holm’s correction: not an outlier',
  beyond_998_low: 'Below the 99.8% limit, not after Holm’s correction: not an outlier',
  alert_high: 'Above the 95% limit only',
  alert_low: 'Below the 95% limit only',
  within: 'Within the limits',
  withheld: SUPPRESSED,
}

export function funnelTable(ctx: Context, points: readonly FunnelPoint[], caption: string): LineTable {
  const rows = [...points]
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1))
    .map((p) => ({
      area: groupName(ctx, 0, p.code),
      'area:href': drillHref(ctx, [p.code]),
      rate: p.rate === null ? SUPPRESSED : `${p.rate}%`,
      numerator: count(p.numerator),
      denominator: count(p.denominator),
      limits95: p.lower95 === null ? '' : `${p.lower95}% to ${p.upper95}%`,
      limits998: p.lower998 === null ? '' : `${p.lower998}% to ${p.upper998}%`,
      adjusted: p.adjustedPValue === null ? '' : funnelP(p.adjustedPValue),
      status: STATUS[p.status],
    }))
  return lineTable(
    'funnel',
    caption,
    [
      ['area', ctx.splits[0]!.label],
      ['rate', 'Rate', 'figure'],
      ['numerator', 'Numerator', 'figure'],
      ['denominator', 'Denominator', 'figure'],
      ['limits95', '95% limits', 'figure'],
      ['limits998', '99.8% limits', 'figure'],
      ['adjusted', 'p after Holm’s correction', 'figure'],
      ['status', 'Against the national rate'],
    ],
    rows,
  )
}

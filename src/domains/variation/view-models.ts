/**
 * The variation pages' tables, as DataTables so the page and its CSV and XLSX hold exactly the
 * same figures, withheld ones as [c] (never 0).
 */
import type { DataTable, TableCell } from '../outcomes/tables-export.ts'
import { sentence, type CellResult, type Figure } from './analysis.ts'
import type { FunnelPoint } from './funnel.ts'
import { compareGroups, type Split } from './splits.ts'

export const SUPPRESSED = '[c]'

const num = (text: string, href?: string): TableCell => ({ text, numeric: true, ...(href ? { href } : {}) })
const txt = (text: string, href?: string): TableCell => ({ text, ...(href ? { href } : {}) })
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

export function cellsTable(ctx: Context, cells: readonly CellResult[], caption: string): DataTable {
  const rows = orderedCells(ctx, cells).map((c) => [
    ...c.group.map((g, i) => txt(groupName(ctx, i, g))),
    num(rate(c), drillHref(ctx, c.group)),
    num(interval(c)),
    num(count(c.numerator)),
    num(count(c.denominator)),
    num(c.suppressed && c.pValue === null ? SUPPRESSED : pText(c.pValue)),
    txt(c.rate === null ? '' : c.significant ? 'Yes' : 'No'),
  ])
  return {
    id: 'variation',
    caption,
    head: [
      ...ctx.splits.map((s) => s.label),
      'Rate',
      '95% interval',
      'Numerator',
      'Denominator',
      'p against the rest (Holm)',
      'Significant',
    ],
    rows,
  }
}

export function totalsTable(
  ctx: Context,
  totals: readonly (Figure & { group: string[] })[],
  overall: Figure,
): DataTable {
  const rows = [...totals, { ...overall, group: ctx.splits.map(() => '*') }].map((t) => [
    ...t.group.map((g, i) => txt(groupName(ctx, i, g))),
    num(rate(t), drillHref(ctx, t.group)),
    num(count(t.numerator)),
    num(count(t.denominator)),
  ])
  return {
    id: 'totals',
    caption: 'Totals published with the crossed table',
    head: [...ctx.splits.map((s) => s.label), 'Rate', 'Numerator', 'Denominator'],
    rows,
  }
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
): DataTable {
  const rows = [...trend]
    .sort(
      (a, b) =>
        compareGroups(ctx.splits[0]!, groupName(ctx, 0, a.group), groupName(ctx, 0, b.group)) ||
        a.quarter.localeCompare(b.quarter),
    )
    .map((t) => [
      txt(groupName(ctx, 0, t.group)),
      txt(quarterLabel(t.quarter)),
      num(rate(t)),
      num(interval(t)),
      num(count(t.numerator)),
      num(count(t.denominator)),
    ])
  return {
    id: 'trend',
    caption: 'By quarter of release',
    head: [ctx.splits[0]!.label, 'Quarter', 'Rate', '95% interval', 'Numerator', 'Denominator'],
    rows,
  }
}

export function sentences(ctx: Context, cells: readonly CellResult[]): string[] {
  return orderedCells(ctx, cells)
    .filter((c) => c.significant)
    .map((c) => sentence(c.group.map((g, i) => groupName(ctx, i, g)).join(', '), ctx.measure, c))
    .filter((s): s is string => s !== null)
}

const STATUS: Record<FunnelPoint['status'], string> = {
  outlier_high: 'Outlier: above the 99.8% limit',
  outlier_low: 'Outlier: below the 99.8% limit',
  alert_high: 'Above the 95% limit only',
  alert_low: 'Below the 95% limit only',
  within: 'Within the limits',
  withheld: SUPPRESSED,
}

export function funnelTable(ctx: Context, points: readonly FunnelPoint[], caption: string): DataTable {
  const rows = [...points]
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1))
    .map((p) => [
      txt(groupName(ctx, 0, p.code), drillHref(ctx, [p.code])),
      num(p.rate === null ? SUPPRESSED : `${p.rate}%`),
      num(count(p.numerator)),
      num(count(p.denominator)),
      num(p.lower95 === null ? '' : `${p.lower95}% to ${p.upper95}%`),
      num(p.lower998 === null ? '' : `${p.lower998}% to ${p.upper998}%`),
      txt(STATUS[p.status]),
    ])
  return {
    id: 'funnel',
    caption,
    head: [
      ctx.splits[0]!.label,
      'Rate',
      'Numerator',
      'Denominator',
      '95% limits',
      '99.8% limits',
      'Against the national rate',
    ],
    rows,
  }
}

export { STATUS as FUNNEL_STATUS }

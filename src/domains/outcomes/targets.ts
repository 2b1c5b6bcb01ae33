/**
 * Regional targets as data (domain.md section 11): a baseline value and date, a kind and a
 * deadline. These pure rules say what a target asks for and whether a figure meets it; changes
 * are in percentage points, never per cent of per cent.
 */

export type TargetKind = 'maintain' | 'increase_by' | 'reach' | 'increase'

export interface Target {
  id: string
  regionCode: string
  measureKey: string
  baselineValue: number
  baselineDate: string
  kind: TargetKind
  amount: number | null
  deadline: string
}

/** The rate the target asks for, or null for "continue to increase", which names no number. */
export function targetValue(t: Pick<Target, 'kind' | 'baselineValue' | 'amount'>): number | null {
  switch (t.kind) {
    case 'maintain':
      return t.baselineValue
    case 'increase_by':
      return t.baselineValue + (t.amount ?? 0)
    case 'reach':
      return t.amount
    case 'increase':
      return null
  }
}

export function describeTarget(t: Pick<Target, 'kind' | 'baselineValue' | 'amount'>): string {
  const pct = (n: number) => `${formatNumber(n)}%`
  switch (t.kind) {
    case 'maintain':
      return `Maintain ${pct(t.baselineValue)}`
    case 'increase_by':
      return `Increase by ${formatNumber(t.amount ?? 0)} pp to ${pct(targetValue(t) ?? 0)}`
    case 'reach':
      return `Reach ${pct(t.amount ?? 0)}`
    case 'increase':
      return `Continue to increase from ${pct(t.baselineValue)}`
  }
}

/** Met when the rate reaches the target's value; "increase" is met by any rise over the baseline. */
export function meetsTarget(t: Pick<Target, 'kind' | 'baselineValue' | 'amount'>, rate: number): boolean {
  const value = targetValue(t)
  return value === null ? rate > t.baselineValue : rate >= value
}

/** A change in percentage points, rounded to one decimal place and signed. */
export function changeInPoints(from: number, to: number): string {
  const d = Math.round((to - from) * 10) / 10
  return `${d > 0 ? '+' : d < 0 ? '−' : '±'}${formatNumber(Math.abs(d))} pp`
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1)
}

/** A rate in per cent to one decimal place. */
export function rateOf(numerator: number, denominator: number): number {
  return Math.round((numerator / denominator) * 1000) / 10
}

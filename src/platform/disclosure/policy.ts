/**
 * The one disclosure-control policy (domain.md section 14; ONS "Policy on protecting
 * confidentiality within birth and death statistics" and the GSS statistical disclosure control
 * guidance): every aggregate that leaves the service (pages, charts, CSV, XLSX, API) is passed
 * through this module, so the rules are written once, as data.
 */
export interface DisclosurePolicy {
  /** Counts from 1 to threshold − 1 are withheld; a rate is withheld below this denominator. */
  threshold: number
  /** Published extracts may round every count to the nearest `base` (5 by GSS convention). */
  rounding: { base: number } | null
  /** What a withheld cell shows: never 0, always this symbol with the footnote. */
  symbol: string
  footnote: string
}

export const DEFAULT_THRESHOLD = 5

export function disclosurePolicy(over: Partial<DisclosurePolicy> = {}): DisclosurePolicy {
  const threshold = over.threshold ?? DEFAULT_THRESHOLD
  return {
    threshold,
    rounding: over.rounding ?? null,
    symbol: over.symbol ?? '[c]',
    footnote:
      over.footnote ??
      `[c] Withheld to protect confidentiality: a count from 1 to ${threshold - 1}, a rate on fewer than ${threshold} releases, or a figure that would let a withheld one be worked out by subtraction.`,
  }
}

/** Primary suppression: a count of 1 to threshold − 1 could identify someone. Zero is published. */
export function isSmall(n: number, policy: DisclosurePolicy): boolean {
  return n > 0 && n < policy.threshold
}

/** Rounds a published count to the policy's base (nearest; halves up), or leaves it. */
export function roundCount(n: number, policy: DisclosurePolicy): number {
  if (!policy.rounding) return n
  const b = policy.rounding.base
  return Math.round(n / b) * b
}

/**
 * Overlaps and gaps between the services people get (issue 16 item 4; domain.md 13c; NAO 2023:
 * a DWP work coach and a CRS employment provider both working with someone while nobody
 * addresses their housing). Pure; days are whole-day numbers, parameters are data.
 *
 * - An overlap: two different providers serving the same person on the same pathway on the
 *   same day (a CRS provider, CAS3, or another party's recorded service episode).
 * - A gap: a need identified at assessment (not met, not declined) with no service, referral
 *   or plan action on its pathway by the release date plus a grace period (4 weeks by default).
 */
export const PATHWAYS = [
  'ACCOMMODATION',
  'ATTITUDES_THINKING_AND_BEHAVIOUR',
  'CHILDREN_FAMILIES_AND_COMMUNITY',
  'DRUGS_AND_ALCOHOL',
  'EDUCATION_SKILLS_AND_WORK',
  'FINANCE_AND_ID',
  'HEALTH',
] as const
export type Pathway = (typeof PATHWAYS)[number]

export const PATHWAY_LABELS: Record<Pathway, string> = {
  ACCOMMODATION: 'Accommodation',
  ATTITUDES_THINKING_AND_BEHAVIOUR: 'Attitudes, thinking and behaviour',
  CHILDREN_FAMILIES_AND_COMMUNITY: 'Children, families and community',
  DRUGS_AND_ALCOHOL: 'Drugs and alcohol',
  EDUCATION_SKILLS_AND_WORK: 'Education, skills and work',
  FINANCE_AND_ID: 'Finance and ID',
  HEALTH: 'Health',
}

/** A service someone received: who gave it, on which pathway, from and to (null: still open). */
export interface ServiceSpan {
  pathway: Pathway
  /** Identifies the provider: two spans from the same provider never overlap each other. */
  provider: string
  from: number
  to: number | null
}

export interface Overlap {
  pathway: Pathway
  providers: [string, string]
  from: number
  to: number | null
}

/** Pairs of different providers serving the same pathway on a common day. */
export function overlapsOf(spans: readonly ServiceSpan[]): Overlap[] {
  const out: Overlap[] = []
  for (let i = 0; i < spans.length; i++)
    for (let j = i + 1; j < spans.length; j++) {
      const a = spans[i]!
      const b = spans[j]!
      if (a.pathway !== b.pathway || a.provider === b.provider) continue
      const from = Math.max(a.from, b.from)
      const to = a.to === null ? b.to : b.to === null ? a.to : Math.min(a.to, b.to)
      if (to !== null && to < from) continue
      const providers: [string, string] = a.provider < b.provider ? [a.provider, b.provider] : [b.provider, a.provider]
      out.push({ pathway: a.pathway, providers, from, to })
    }
  return out
}

export interface GapInput {
  release: number
  needs: readonly Pathway[]
  /** Services and referrals (their start), and plan actions (when made), by pathway. */
  arranged: readonly { pathway: Pathway; on: number }[]
}

/**
 * The pathways with a need and nothing arranged by `release + graceDays`, judged on `today`
 * when that is earlier (a release still to come: what is missing now).
 */
export function gapsOf(input: GapInput, graceDays: number, today: number): Pathway[] {
  const by = Math.min(input.release + graceDays, today)
  const covered = new Set(input.arranged.filter((a) => a.on <= by).map((a) => a.pathway))
  return [...new Set(input.needs)].filter((p) => !covered.has(p)).sort()
}

/**
 * What the model reads for each area, and the distributions it shares across areas: the
 * scenario and its parameters as data, the per-area counts, and the estimates (stays, licence
 * lengths, hazards) made from the 12 months before the as-of date.
 *
 * The inputs are counts, not rows: the database aggregates them by area and month in one pass
 * (inputs-repository.ts), and records.ts makes the same counts from rows, as the reference the
 * SQL is checked against.
 */
import { durationsFromCounts, hazard, scaledStay, survival, type Durations } from './flow.ts'

export type Level = 'region' | 'pdu' | 'prison' | 'council'
export const LEVELS = ['region', 'pdu', 'prison', 'council'] as const satisfies readonly Level[]

/** A scenario, as data. The baseline is { receptionsChangePct: 0, sdsReleasePoint: 0.5, recallRateChangePct: 0 }. */
export interface Scenario {
  receptionsChangePct: number
  /** Share of a standard determinate sentence served before automatic release (CJA 2003 s.244). */
  sdsReleasePoint: number
  recallRateChangePct: number
}
export const BASELINE: Scenario = { receptionsChangePct: 0, sdsReleasePoint: 0.5, recallRateChangePct: 0 }

export const MODEL_PARAMETERS = {
  /** Days of history behind each rate: the 12 months before the as-of date. */
  historyMonths: 12,
  /** The release point the recorded stays reflect (automatic release at half way). */
  recordedSdsReleasePoint: 0.5,
  /** Longest stay or licence the distributions hold, in days; longer ones end beyond any horizon. */
  maxDays: 3653,
  /** Months ahead the inputs are counted for: the longest forecast offered. */
  maxMonths: 36,
} as const

/** How far a scenario stretches determinate stays: 40% against the recorded 50% is 0.8. */
export const stayFactor = (scenario: Scenario) =>
  scenario.sdsReleasePoint / MODEL_PARAMETERS.recordedSdsReleasePoint

export type DemandKind = 'cas3_referral' | 'cas3_nights' | 'crs_referral' | 'dtr'

/** One area's counts as of a date; months count from the as-of month. */
export interface AreaInputs {
  /** Releases of the custody stock (sentenced before the as-of date, not yet out) by month ahead. */
  stockByMonth: number[]
  receptionsDeterminate: number
  receptionsOther: number
  recallReleases: number
  releasesPast: number
  /**
   * Fixed-term licences open on the as-of date and still before their planned end: on day 0
   * (index 0), then on the last day of each month ahead (index m + 1).
   */
  endsAfter: number[]
  /** Licences open on the as-of date with no planned end (life and IPP licences). */
  openLicences: number
  demand: Record<DemandKind, number>
  /** CRS referrals by the pathway of their service category. */
  crsByCategory: Map<string, number>
}

export const emptyInputs = (months: number): AreaInputs => ({
  stockByMonth: new Array<number>(months).fill(0),
  receptionsDeterminate: 0,
  receptionsOther: 0,
  recallReleases: 0,
  releasesPast: 0,
  endsAfter: new Array<number>(months + 1).fill(0),
  openLicences: 0,
  demand: { cas3_referral: 0, cas3_nights: 0, crs_referral: 0, dtr: 0 },
  crsByCategory: new Map(),
})

/** What the distributions shared across areas are made from, over the whole scope. */
export interface ShareCounts {
  /** Stays of receptions in the window, by whole days (determinate stays before any scenario). */
  determinateStays: Map<number, number>
  otherStays: Map<number, number>
  /** Planned lengths of licences started in the window, by whole days. */
  licenceLengths: Map<number, number>
  licencesStarted: number
  /** Of those, licences with no planned end. */
  licencesOpenEnded: number
  releasesPast: number
  /** Early terminations in the window, and person-days at risk in it, by kind of licence. */
  early: { fixed: number; open: number }
  exposure: { fixed: number; open: number }
}

export const emptyShareCounts = (): ShareCounts => ({
  determinateStays: new Map(),
  otherStays: new Map(),
  licenceLengths: new Map(),
  licencesStarted: 0,
  licencesOpenEnded: 0,
  releasesPast: 0,
  early: { fixed: 0, open: 0 },
  exposure: { fixed: 0, open: 0 },
})

/** Everything the model needs as of one date: counts for every area of every level. */
export interface ModelInputs {
  asOf: string
  /** Months ahead counted (the stock and licence ends). */
  months: number
  byLevel: Record<Level, Map<string, AreaInputs>>
  shared: ShareCounts
}

export interface Shared {
  determinateStays: Durations
  otherStays: Durations
  licenceLengths: Durations
  openShare: number
  licenceShare: number
  hazardFixed: number
  hazardOpen: number
}

/** The distributions for a scenario: a lower release point shortens every determinate stay. */
export function sharedOf(c: ShareCounts, scenario: Scenario): Shared {
  const factor = stayFactor(scenario)
  const det = new Map<number, number>()
  for (const [stay, n] of c.determinateStays) {
    const scaled = scaledStay(stay, factor)
    det.set(scaled, (det.get(scaled) ?? 0) + n)
  }
  return {
    determinateStays: durationsFromCounts(det, MODEL_PARAMETERS.maxDays),
    otherStays: durationsFromCounts(c.otherStays, MODEL_PARAMETERS.maxDays),
    licenceLengths: durationsFromCounts(c.licenceLengths, MODEL_PARAMETERS.maxDays),
    openShare: c.licencesStarted ? c.licencesOpenEnded / c.licencesStarted : 0,
    licenceShare: c.releasesPast ? Math.min(1, c.licencesStarted / c.releasesPast) : 1,
    hazardFixed: hazard(c.early.fixed, c.exposure.fixed),
    hazardOpen: hazard(c.early.open, c.exposure.open),
  }
}

/** Caseload on day t (the `i`th of day 0 and each month's last day) left from licences open at day 0. */
export function stockCaseload(a: AreaInputs, s: Shared, i: number, t: number, hazardFixed: number): number {
  return (a.endsAfter[i] ?? 0) * survival(hazardFixed, t) + a.openLicences * survival(s.hazardOpen, t)
}

/** Share of a release `age` days ago still on licence. */
export function onLicence(s: Shared, age: number, hazardFixed: number): number {
  const fixed =
    (1 - s.openShare) * (1 - (s.licenceLengths.cdf[Math.min(age, s.licenceLengths.cdf.length - 1)] ?? 1))
  return s.licenceShare * (fixed * survival(hazardFixed, age) + s.openShare * survival(s.hazardOpen, age))
}

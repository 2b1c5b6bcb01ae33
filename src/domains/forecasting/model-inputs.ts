/**
 * What the model reads from the history for each area, and the distributions it shares across
 * areas: the scenario and its parameters as data, the rows it is given, and the estimates
 * (rates, stays, licence lengths, hazards) made from the 12 months before the as-of date.
 */
import {
  durationsOf,
  hazard,
  onOrBefore,
  scaledStay,
  survival,
  type Durations,
  type WorkingDays,
} from './flow.ts'

export type Level = 'region' | 'pdu' | 'prison' | 'council'

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
} as const

/** Day offsets from the as-of date; area codes for each level. */
export interface Where {
  region: string
  pdu: string
  prison: string
  /** The council the person is released to ('none' when not recorded): Duty to Refer goes there. */
  council: string
}
export interface EpisodeRow extends Where {
  recall: boolean
  determinate: boolean
  sentence: number
  /** Actual release, or the expected one when not yet released. */
  release: number
}
export interface LicenceRow extends Where {
  start: number
  /** Planned end from the sentence; null when it has none (life and IPP licences). */
  plannedEnd: number | null
  terminated: number | null
  /** True for recall, revocation, early termination or death: anything but completion. */
  early: boolean
}
export interface DemandRow extends Where {
  kind: 'cas3_referral' | 'cas3_nights' | 'crs_referral' | 'dtr'
  day: number
  /** For a CRS referral, the pathway its service category serves (crs_category_pathway). */
  category?: string | null
  /** 1 for a referral; the nights for a CAS3 stay. */
  amount: number
}
export interface History {
  episodes: EpisodeRow[]
  licences: LicenceRow[]
  demand: DemandRow[]
}

export interface Shared {
  determinateStays: Durations
  otherStays: Durations
  licenceLengths: Durations
  openShare: number
  licenceShare: number
  hazardFixed: number
  hazardOpen: number
  windowDays: number
}

export function sharedOf(h: History, windowDays: number, scenario: Scenario): Shared {
  const factor = scenario.sdsReleasePoint / MODEL_PARAMETERS.recordedSdsReleasePoint
  const det: number[] = []
  const other: number[] = []
  let releasesPast = 0
  for (const e of h.episodes) {
    if (e.release < 0 && e.release >= -windowDays) releasesPast++
    if (e.recall || e.sentence >= 0 || e.sentence < -windowDays) continue
    const stay = e.release - e.sentence
    if (e.determinate) det.push(scaledStay(stay, factor))
    else other.push(stay)
  }
  const lengths: number[] = []
  let open = 0
  let started = 0
  let early = { fixed: 0, open: 0 }
  const exposure = { fixed: 0, open: 0 }
  for (const l of h.licences) {
    if (l.start < 0 && l.start >= -windowDays) {
      started++
      if (l.plannedEnd === null) open++
      else lengths.push(l.plannedEnd - l.start)
    }
    // Exposure inside the window, from the start (or the window's start) to the end or today.
    const from = Math.max(l.start, -windowDays)
    const to = Math.min(l.terminated ?? 0, 0)
    if (to <= from) continue
    const key = l.plannedEnd === null ? 'open' : 'fixed'
    exposure[key] += to - from
    const endedInWindow = l.terminated !== null && l.terminated < 0 && l.terminated >= -windowDays
    if (endedInWindow && (l.early || l.plannedEnd === null)) early = { ...early, [key]: early[key] + 1 }
  }
  return {
    determinateStays: durationsOf(det, MODEL_PARAMETERS.maxDays),
    otherStays: durationsOf(other, MODEL_PARAMETERS.maxDays),
    licenceLengths: durationsOf(lengths, MODEL_PARAMETERS.maxDays),
    openShare: started ? open / started : 0,
    licenceShare: releasesPast ? Math.min(1, started / releasesPast) : 1,
    hazardFixed: hazard(early.fixed, exposure.fixed),
    hazardOpen: hazard(early.open, exposure.open),
    windowDays,
  }
}

export interface AreaInputs {
  stock: number[]
  receptionsDeterminate: number
  receptionsOther: number
  recallReleases: number
  releasesPast: number
  /** Licences open at day 0 by planned end (null = no end). */
  licenceEnds: number[]
  openLicences: number
  demand: Record<DemandRow['kind'], number>
  /** CRS referrals by the pathway of their service category. */
  crsByCategory: Map<string, number>
}

const emptyInputs = (): AreaInputs => ({
  stock: [],
  receptionsDeterminate: 0,
  receptionsOther: 0,
  recallReleases: 0,
  releasesPast: 0,
  licenceEnds: [],
  openLicences: 0,
  demand: { cas3_referral: 0, cas3_nights: 0, crs_referral: 0, dtr: 0 },
  crsByCategory: new Map(),
})

export function inputsByArea(
  h: History,
  level: Level,
  windowDays: number,
  scenario: Scenario,
  isWorking: WorkingDays,
) {
  const factor = scenario.sdsReleasePoint / MODEL_PARAMETERS.recordedSdsReleasePoint
  const areas = new Map<string, AreaInputs>()
  const of = (w: Where) => {
    let a = areas.get(w[level])
    if (!a) areas.set(w[level], (a = emptyInputs()))
    return a
  }
  for (const e of h.episodes) {
    const a = of(e)
    if (e.release < 0 && e.release >= -windowDays) {
      a.releasesPast++
      if (e.recall) a.recallReleases++
    }
    if (e.recall) continue
    if (e.sentence < 0 && e.sentence >= -windowDays) {
      if (e.determinate) a.receptionsDeterminate++
      else a.receptionsOther++
    }
    // The custody stock: sentenced before the as-of date and not yet out. A lower release point
    // brings a determinate release forward, to day 0 at the earliest (released at once).
    if (e.sentence < 0 && e.release >= 0) {
      const moved = factor !== 1 && e.determinate
      const release = moved ? e.sentence + scaledStay(e.release - e.sentence, factor, -e.sentence) : e.release
      a.stock.push(moved ? Math.max(0, onOrBefore(isWorking, release)) : release)
    }
  }
  for (const l of h.licences) {
    const a = of(l)
    const openAt = (t: number) => l.start <= t && (l.terminated === null || l.terminated > t)
    if (openAt(0)) {
      if (l.plannedEnd === null) a.openLicences++
      else a.licenceEnds.push(l.plannedEnd)
    }
  }
  for (const d of h.demand) {
    if (d.day >= 0 || d.day < -windowDays) continue
    const a = of(d)
    a.demand[d.kind] += d.amount
    if (d.kind === 'crs_referral' && d.category)
      a.crsByCategory.set(d.category, (a.crsByCategory.get(d.category) ?? 0) + d.amount)
  }
  for (const a of areas.values()) a.licenceEnds.sort((x, y) => x - y)
  return areas
}

/** Caseload at day t left from licences open at day 0. */
export function stockCaseload(a: AreaInputs, s: Shared, t: number, hazardFixed: number): number {
  // licenceEnds is sorted (inputsByArea): count the ends after t by binary search.
  let lo = 0
  let hi = a.licenceEnds.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((a.licenceEnds[mid] ?? 0) > t) hi = mid
    else lo = mid + 1
  }
  const fixed = a.licenceEnds.length - lo
  return fixed * survival(hazardFixed, t) + a.openLicences * survival(s.hazardOpen, t)
}

/** Share of a release `age` days ago still on licence. */
export function onLicence(s: Shared, age: number, hazardFixed: number): number {
  const fixed =
    (1 - s.openShare) * (1 - (s.licenceLengths.cdf[Math.min(age, s.licenceLengths.cdf.length - 1)] ?? 1))
  return s.licenceShare * (fixed * survival(hazardFixed, age) + s.openShare * survival(s.hazardOpen, age))
}

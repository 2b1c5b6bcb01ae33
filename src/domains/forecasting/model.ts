/**
 * The stock-and-flow model: from the recorded history as of a date, each area's releases,
 * probation caseload of prison leavers and service demand for each month ahead. Pure: the
 * history comes in as rows (history.ts reads them), the parameters and scenario as data.
 *
 * - Releases = the custody stock on its expected release dates + future receptions (at the
 *   rate of the last 12 months) held for the observed stays + recalls, at the recall rate of
 *   the last 12 months per person on licence, flowing back out.
 * - Caseload = open licences, each kept until its planned end, less early terminations
 *   (recall, revocation, early termination, death) at the observed hazard; every forecast
 *   release starts a licence at the observed share, length from the observed licences.
 * - Service demand = releases × the observed rate per release in the area.
 */
import {
  countByMonth,
  durationsOf,
  everyDay,
  hazard,
  monthEdges,
  onOrBefore,
  releasesFromFlow,
  workingDaysByMonth,
  type WorkingDays,
  scaledStay,
  survival,
  type Durations,
} from './flow.ts'

export const SERIES = ['releases', 'caseload', 'cas3_referrals', 'cas3_bed_nights', 'crs_referrals'] as const
export type Series = (typeof SERIES)[number]
export const LEVELS = ['region', 'pdu', 'prison'] as const
export type Level = (typeof LEVELS)[number]

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
  kind: 'cas3_referral' | 'cas3_nights' | 'crs_referral'
  day: number
  /** 1 for a referral; the nights for a CAS3 stay. */
  amount: number
}
export interface History {
  episodes: EpisodeRow[]
  licences: LicenceRow[]
  demand: DemandRow[]
}

export interface AreaForecast {
  area: string
  series: Record<Series, number[]>
}

interface Shared {
  determinateStays: Durations
  otherStays: Durations
  licenceLengths: Durations
  openShare: number
  licenceShare: number
  hazardFixed: number
  hazardOpen: number
  windowDays: number
}

function sharedOf(h: History, windowDays: number, scenario: Scenario): Shared {
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

interface AreaInputs {
  stock: number[]
  receptionsDeterminate: number
  receptionsOther: number
  recallReleases: number
  releasesPast: number
  /** Licences open at day 0 by planned end (null = no end). */
  licenceEnds: number[]
  openLicences: number
  demand: Record<DemandRow['kind'], number>
}

const emptyInputs = (): AreaInputs => ({
  stock: [],
  receptionsDeterminate: 0,
  receptionsOther: 0,
  recallReleases: 0,
  releasesPast: 0,
  licenceEnds: [],
  openLicences: 0,
  demand: { cas3_referral: 0, cas3_nights: 0, crs_referral: 0 },
})

function inputsByArea(
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
  for (const d of h.demand) if (d.day < 0 && d.day >= -windowDays) of(d).demand[d.kind] += d.amount
  for (const a of areas.values()) a.licenceEnds.sort((x, y) => x - y)
  return areas
}

/** Caseload at day t left from licences open at day 0. */
function stockCaseload(a: AreaInputs, s: Shared, t: number, hazardFixed: number): number {
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
function onLicence(s: Shared, age: number, hazardFixed: number): number {
  const fixed =
    (1 - s.openShare) * (1 - (s.licenceLengths.cdf[Math.min(age, s.licenceLengths.cdf.length - 1)] ?? 1))
  return s.licenceShare * (fixed * survival(hazardFixed, age) + s.openShare * survival(s.hazardOpen, age))
}

/**
 * The forecast for every area of one level, `months` calendar months from `asOf` (the first
 * day of a month). Day offsets in `history` count from asOf.
 *
 * Recalls flow back in at the rate recorded over the window, per working day. Under a scenario
 * they move with the scenario's caseload against the baseline's: more people on licence, more
 * recalls. (Tying the baseline itself to the caseload over-forecast in the backtest, because a
 * record that starts a few years back still shows long licences building up.)
 */
export function forecast(
  history: History,
  asOf: string,
  months: number,
  level: Level,
  scenario: Scenario = BASELINE,
  isWorking: WorkingDays = everyDay,
): AreaForecast[] {
  const edges = monthEdges(asOf, months)
  // The history window: the 12 calendar months before asOf, as day offsets [-windowDays, 0).
  const back = monthEdges(monthBefore(asOf, MODEL_PARAMETERS.historyMonths), MODEL_PARAMETERS.historyMonths)
  const windowDays = back[back.length - 1] ?? 0
  const windowWorkingDays = workingDaysByMonth([-windowDays, 0], isWorking)[0] || windowDays
  const context: Context = {
    edges,
    windowDays,
    windowWorkingDays,
    workingDays: workingDaysByMonth(edges, isWorking),
    isWorking,
  }
  const isBaseline = JSON.stringify(scenario) === JSON.stringify(BASELINE)
  const baseShared = sharedOf(history, windowDays, BASELINE)
  const baseAreas = inputsByArea(history, level, windowDays, BASELINE, isWorking)
  const shared = isBaseline ? baseShared : sharedOf(history, windowDays, scenario)
  const areas = isBaseline ? baseAreas : inputsByArea(history, level, windowDays, scenario, isWorking)
  const out: AreaForecast[] = []
  for (const [area, a] of [...areas].sort(([x], [y]) => x.localeCompare(y))) {
    const base = runArea(a, baseShared, BASELINE, context, null)
    const series = isBaseline ? base : runArea(a, shared, scenario, context, base.caseload)
    out.push({ area, series })
  }
  return out
}

interface Context {
  edges: number[]
  windowDays: number
  windowWorkingDays: number
  workingDays: number[]
  isWorking: WorkingDays
}

function runArea(
  a: AreaInputs,
  shared: Shared,
  scenario: Scenario,
  ctx: Context,
  baselineCaseload: number[] | null,
): Record<Series, number[]> {
  const { edges } = ctx
  const months = edges.length - 1
  const recallFactor = 1 + scenario.recallRateChangePct / 100
  const receptionFactor = 1 + scenario.receptionsChangePct / 100
  // More recalls also end more licences early: recalls are one of the early terminations.
  const hazardFixed = shared.hazardFixed * recallFactor
  const stock = countByMonth(edges, a.stock)
  const perDay = (n: number) => (n / ctx.windowDays) * receptionFactor
  const fromDet = releasesFromFlow(
    edges,
    perDay(a.receptionsDeterminate),
    shared.determinateStays,
    ctx.isWorking,
  )
  const fromOther = releasesFromFlow(edges, perDay(a.receptionsOther), shared.otherStays, ctx.isWorking)
  const recallsPerWorkingDay = (a.recallReleases / ctx.windowWorkingDays) * recallFactor
  const releases: number[] = []
  const caseload: number[] = []
  let previous = stockCaseload(a, shared, 0, hazardFixed)
  const start = previous
  for (let m = 0; m < months; m++) {
    const monthEnd = (edges[m + 1] ?? 0) - 1
    const before = m === 0 ? start : (baselineCaseload?.[m - 1] ?? previous)
    const pressure = baselineCaseload && before > 0 ? previous / before : 1
    const recalls = recallsPerWorkingDay * (ctx.workingDays[m] ?? 0) * pressure
    releases.push((stock[m] ?? 0) + (fromDet[m] ?? 0) + (fromOther[m] ?? 0) + recalls)
    let c = stockCaseload(a, shared, monthEnd, hazardFixed)
    for (let k = 0; k <= m; k++) {
      const mid = Math.floor(((edges[k] ?? 0) + (edges[k + 1] ?? 0)) / 2)
      c += (releases[k] ?? 0) * onLicence(shared, Math.max(0, monthEnd - mid), hazardFixed)
    }
    caseload.push(c)
    previous = c
  }
  const perRelease = (n: number) => (a.releasesPast > 0 ? n / a.releasesPast : 0)
  const scale = (rate: number) => releases.map((r) => r * rate)
  return {
    releases,
    caseload,
    cas3_referrals: scale(perRelease(a.demand.cas3_referral)),
    cas3_bed_nights: scale(perRelease(a.demand.cas3_nights)),
    crs_referrals: scale(perRelease(a.demand.crs_referral)),
  }
}

/** The first day of the month `n` months before a first day. */
export function monthBefore(asOf: string, n: number): string {
  const d = new Date(Date.UTC(+asOf.slice(0, 4), +asOf.slice(5, 7) - 1 - n, 1))
  return d.toISOString().slice(0, 10)
}

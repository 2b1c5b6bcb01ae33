/**
 * The model's inputs made from rows: the history as read record by record (repository.ts),
 * seen from an as-of date, then counted by area and month in Node. The forecast itself counts
 * in the database (inputs-repository.ts); this is the reference its SQL is checked against
 * (records.db.test.ts) and the small worked examples of flow.test.ts are written in.
 *
 * Nothing recorded after the as-of date reaches the model: receptions after it are left out,
 * releases after it are known only by their expected dates, and licences ended after it count
 * as open.
 */
import {
  dayNumber,
  everyDay,
  monthEdges,
  monthOfDay,
  onOrBefore,
  scaledStay,
  type WorkingDays,
} from './flow.ts'
import {
  BASELINE,
  LEVELS,
  MODEL_PARAMETERS,
  emptyInputs,
  emptyShareCounts,
  stayFactor,
  type AreaInputs,
  type DemandKind,
  type Level,
  type ModelInputs,
  type Scenario,
} from './model-inputs.ts'
import type { RecordedHistory } from './repository.ts'
import { addMonths, startOfMonth } from '../../platform/calendar/index.ts'

/** Area codes for each level. */
export interface Where {
  region: string
  pdu: string
  prison: string
  /** The council the person is released to ('none' when not recorded): Duty to Refer goes there. */
  council: string
}
/** Day offsets from the as-of date. */
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
  kind: DemandKind
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

const seen = new WeakMap<RecordedHistory, Map<string, History>>()

/** The model's view of the history as of a date; the same read and date give the same object. */
export function historyAsOf(rec: RecordedHistory, asOf: string): History {
  let byDate = seen.get(rec)
  if (!byDate) seen.set(rec, (byDate = new Map<string, History>()))
  let h = byDate.get(asOf)
  if (!h) byDate.set(asOf, (h = shift(rec, asOf)))
  return h
}

function shift(rec: RecordedHistory, asOf: string): History {
  const day0 = dayNumber(asOf)
  return {
    episodes: rec.episodes.map((e) => ({
      region: e.region,
      pdu: e.pdu,
      prison: e.prison,
      council: e.council,
      recall: e.recall,
      determinate: e.determinate,
      sentence: e.sentence - day0,
      release: (e.actual !== null && e.actual < day0 ? e.actual : e.expected) - day0,
    })),
    licences: rec.licences.map((l) => ({
      region: l.region,
      pdu: l.pdu,
      prison: l.prison,
      council: l.council,
      start: l.start - day0,
      plannedEnd: l.plannedEnd === null ? null : l.plannedEnd - day0,
      terminated: l.terminated === null ? null : l.terminated - day0,
      early: l.early,
    })),
    demand: rec.demand.map((d) => ({ ...d, day: d.day - day0 })),
  }
}

/** Days in the 12 calendar months before asOf: the history window is [-windowDays, 0). */
export function windowDaysOf(asOf: string): number {
  const back = monthEdges(
    addMonths(startOfMonth(asOf), -MODEL_PARAMETERS.historyMonths),
    MODEL_PARAMETERS.historyMonths,
  )
  return back[back.length - 1] ?? 0
}

/**
 * The counts for every area of every level from rows seen from `asOf`. The custody stock is
 * placed for `scenario`: a lower release point brings a determinate release forward, to day 0
 * at the earliest (released at once), onto the working day on or before it.
 */
export function inputsFromHistory(
  h: History,
  asOf: string,
  months: number,
  scenario: Scenario = BASELINE,
  isWorking: WorkingDays = everyDay,
): ModelInputs {
  const windowDays = windowDaysOf(asOf)
  const edges = monthEdges(asOf, months)
  const factor = stayFactor(scenario)
  const inWindow = (day: number) => day < 0 && day >= -windowDays
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, new Map<string, AreaInputs>()])) as Record<
    Level,
    Map<string, AreaInputs>
  >
  const shared = emptyShareCounts()
  const areasOf = (w: Where) =>
    LEVELS.map((level) => {
      const areas = byLevel[level]
      let a = areas.get(w[level])
      if (!a) areas.set(w[level], (a = emptyInputs(months)))
      return a
    })
  const bump = (m: Map<number, number>, k: number) => m.set(k, (m.get(k) ?? 0) + 1)

  for (const e of h.episodes) {
    const areas = areasOf(e)
    const past = inWindow(e.release)
    if (past) shared.releasesPast++
    const received = !e.recall && inWindow(e.sentence)
    if (received) bump(e.determinate ? shared.determinateStays : shared.otherStays, e.release - e.sentence)
    const inStock = !e.recall && e.sentence < 0 && e.release >= 0
    let month = -1
    if (inStock) {
      const moved = factor !== 1 && e.determinate
      const release = moved ? e.sentence + scaledStay(e.release - e.sentence, factor, -e.sentence) : e.release
      month = monthOfDay(edges, moved ? Math.max(0, onOrBefore(isWorking, release)) : release)
    }
    for (const a of areas) {
      if (past) a.releasesPast++
      if (past && e.recall) a.recallReleases++
      if (received && e.determinate) a.receptionsDeterminate++
      if (received && !e.determinate) a.receptionsOther++
      if (month >= 0) a.stockByMonth[month] = (a.stockByMonth[month] ?? 0) + 1
    }
  }

  // Day 0, then the last day of each month ahead: the days the caseload is counted on.
  const countedOn = [0, ...edges.slice(1).map((e) => e - 1)]
  for (const l of h.licences) {
    const areas = areasOf(l)
    const key = l.plannedEnd === null ? 'open' : 'fixed'
    if (inWindow(l.start)) {
      shared.licencesStarted++
      if (l.plannedEnd === null) shared.licencesOpenEnded++
      else bump(shared.licenceLengths, l.plannedEnd - l.start)
    }
    // Exposure inside the window, from the start (or the window's start) to the end or today.
    const from = Math.max(l.start, -windowDays)
    const to = Math.min(l.terminated ?? 0, 0)
    if (to > from) {
      shared.exposure[key] += to - from
      if (l.terminated !== null && inWindow(l.terminated) && (l.early || l.plannedEnd === null))
        shared.early[key]++
    }
    if (!(l.start <= 0 && (l.terminated === null || l.terminated > 0))) continue
    const plannedEnd = l.plannedEnd
    const before = plannedEnd === null ? 0 : countedOn.filter((t) => plannedEnd > t).length
    for (const a of areas) {
      if (plannedEnd === null) a.openLicences++
      for (let i = 0; i < before; i++) a.endsAfter[i] = (a.endsAfter[i] ?? 0) + 1
    }
  }

  for (const d of h.demand) {
    if (!inWindow(d.day)) continue
    for (const a of areasOf(d)) {
      a.demand[d.kind] += d.amount
      if (d.kind === 'crs_referral' && d.category)
        a.crsByCategory.set(d.category, (a.crsByCategory.get(d.category) ?? 0) + d.amount)
    }
  }
  return { asOf, months, byLevel, shared }
}

export interface Actual {
  releases: number[]
  caseload: number[]
}

/** Releases in each month and the caseload on each month's last day, by area, from rows. */
export function actualsFromHistory(
  rec: RecordedHistory,
  asOf: string,
  months: number,
  level: Level,
): Map<string, Actual> {
  const day0 = dayNumber(asOf)
  const edges = monthEdges(asOf, months)
  const out = new Map<string, Actual>()
  const of = (area: string) => {
    let a = out.get(area)
    if (!a)
      out.set(
        area,
        (a = { releases: new Array<number>(months).fill(0), caseload: new Array<number>(months).fill(0) }),
      )
    return a
  }
  for (const e of rec.episodes) {
    if (e.actual === null) continue
    const m = monthOfDay(edges, e.actual - day0)
    const a = of(e[level])
    if (m >= 0) a.releases[m] = (a.releases[m] ?? 0) + 1
  }
  for (const l of rec.licences) {
    const a = of(l[level])
    for (let m = 0; m < months; m++) {
      const t = (edges[m + 1] ?? 0) - 1 + day0
      if (l.start <= t && (l.terminated === null || l.terminated > t))
        a.caseload[m] = (a.caseload[m] ?? 0) + 1
    }
  }
  return out
}

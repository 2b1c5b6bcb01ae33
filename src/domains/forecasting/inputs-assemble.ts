/**
 * The counts the database returns for the model (inputs-repository.ts), put together as each
 * as-of date's inputs: one row per area, area and month, or scope-wide total, told apart by
 * the grouping set that made it.
 */
import {
  LEVELS,
  MODEL_PARAMETERS,
  emptyInputs,
  emptyShareCounts,
  type AreaInputs,
  type DemandKind,
  type Level,
  type ModelInputs,
} from './model-inputs.ts'
import type { Actual } from './records.ts'

/** One as-of date: rows recorded from `since` on are read, as the record-level reader did. */
export interface InputsSpec {
  asOf: string
  since: string
  /** Months of recorded releases and caseload after asOf to count too (0: none, a forecast). */
  actualMonths: number
}
export interface CountedInputs {
  inputs: ModelInputs
  /** What was recorded after asOf, by level and area, for `actualMonths` months. */
  actuals: Record<Level, Map<string, Actual>>
}

const MONTHS = MODEL_PARAMETERS.maxMonths

export interface Row {
  i: number
  kind: string
  level: Level | null
  area: string | null
}
export interface EpisodeCounts extends Row {
  month: number | null
  det: boolean | null
  stay: number | null
  past: number
  recallPast: number
  receivedDet: number
  receivedOther: number
  released: number
  n: number
}
export interface LicenceCounts extends Row {
  month: number | null
  length: number | null
  openEnded: number
  started: number
  startedOpen: number
  exposureFixed: number
  exposureOpen: number
  earlyFixed: number
  earlyOpen: number
  n: number
}
export interface DemandCounts extends Row {
  demand: DemandKind
  category: string | null
  amount: number
}

export function assemble(
  specs: readonly InputsSpec[],
  episodeRows: EpisodeCounts[],
  licenceRows: LicenceCounts[],
  demandRows: DemandCounts[],
): CountedInputs[] {
  const out = specs.map(
    (s): CountedInputs & { ends: Map<string, number[]>; diff: Map<string, number[]> } => ({
      inputs: {
        asOf: s.asOf,
        months: MONTHS,
        byLevel: Object.fromEntries(LEVELS.map((l) => [l, new Map<string, AreaInputs>()])) as Record<
          Level,
          Map<string, AreaInputs>
        >,
        shared: emptyShareCounts(),
      },
      actuals: Object.fromEntries(LEVELS.map((l) => [l, new Map<string, Actual>()])) as Record<
        Level,
        Map<string, Actual>
      >,
      ends: new Map(),
      diff: new Map(),
    }),
  )
  const areaOf = (r: Row) => {
    const o = out[r.i]
    if (!o || !r.level || r.area === null) return null
    const by = o.inputs.byLevel[r.level]
    let a = by.get(r.area)
    if (!a) by.set(r.area, (a = emptyInputs(MONTHS)))
    return a
  }
  const actualOf = (r: Row) => {
    const o = out[r.i]
    const months = specs[r.i]?.actualMonths ?? 0
    if (!o || !r.level || r.area === null || months === 0) return null
    const by = o.actuals[r.level]
    let a = by.get(r.area)
    if (!a)
      by.set(
        r.area,
        (a = { releases: new Array<number>(months).fill(0), caseload: new Array<number>(months).fill(0) }),
      )
    return a
  }
  const listOf = (m: Map<string, number[]>, r: Row, length: number) => {
    const key = `${r.level}|${r.area}`
    let l = m.get(key)
    if (!l) m.set(key, (l = new Array<number>(length).fill(0)))
    return l
  }

  for (const r of episodeRows) {
    const shared = out[r.i]?.inputs.shared
    if (!shared) continue
    if (r.kind === 'total') shared.releasesPast = r.past
    else if (r.kind === 'stay' && r.stay !== null)
      (r.det ? shared.determinateStays : shared.otherStays).set(r.stay, r.n)
    else if (r.kind === 'stock' && r.month !== null && r.month < MONTHS) {
      const a = areaOf(r)
      if (a) a.stockByMonth[r.month] = r.n
    } else if (r.kind === 'actual' && r.month !== null) {
      const a = actualOf(r)
      if (a && r.month < a.releases.length) a.releases[r.month] = r.n
    } else if (r.kind === 'area') {
      const a = areaOf(r)
      if (!a) continue
      a.releasesPast = r.past
      a.recallReleases = r.recallPast
      a.receptionsDeterminate = r.receivedDet
      a.receptionsOther = r.receivedOther
      if (r.released > 0) actualOf(r)
    }
  }
  for (const r of licenceRows) {
    const o = out[r.i]
    if (!o) continue
    const shared = o.inputs.shared
    if (r.kind === 'total') {
      shared.licencesStarted = r.started
      shared.licencesOpenEnded = r.startedOpen
      shared.exposure = { fixed: r.exposureFixed, open: r.exposureOpen }
      shared.early = { fixed: r.earlyFixed, open: r.earlyOpen }
    } else if (r.kind === 'length' && r.length !== null) shared.licenceLengths.set(r.length, r.n)
    else if (r.kind === 'area') {
      const a = areaOf(r)
      if (a) a.openLicences = r.openEnded
      actualOf(r)
    } else if (r.kind === 'ends' && r.month !== null) listOf(o.ends, r, MONTHS + 2)[r.month] = r.n
    else if ((r.kind === 'on' || r.kind === 'off') && r.month !== null) {
      const d = listOf(o.diff, r, MONTHS + 1)
      d[r.month] = (d[r.month] ?? 0) + (r.kind === 'on' ? r.n : -r.n)
    }
  }
  for (const r of demandRows) {
    const a = areaOf(r)
    if (!a) continue
    a.demand[r.demand] += r.amount
    if (r.demand === 'crs_referral' && r.category)
      a.crsByCategory.set(r.category, (a.crsByCategory.get(r.category) ?? 0) + r.amount)
  }
  for (const o of out) {
    // A licence whose planned end comes after k counting days is still running on each of them.
    for (const [key, before] of o.ends) {
      const [level, area] = key.split('|') as [Level, string]
      const a = o.inputs.byLevel[level].get(area)
      if (!a) continue
      let running = 0
      for (let k = before.length - 1; k >= 1; k--) {
        running += before[k] ?? 0
        a.endsAfter[k - 1] = running
      }
    }
    for (const [key, diff] of o.diff) {
      const [level, area] = key.split('|') as [Level, string]
      const a = o.actuals[level].get(area)
      if (!a) continue
      let open = 0
      for (let m = 0; m < a.caseload.length; m++) a.caseload[m] = open += diff[m] ?? 0
    }
  }
  return out.map(({ inputs, actuals }) => ({ inputs, actuals }))
}

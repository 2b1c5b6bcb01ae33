/**
 * The stock-and-flow model: from the recorded history as of a date, each area's releases,
 * probation caseload of prison leavers and service demand for each month ahead. Pure: the
 * history comes in as rows (repository.ts reads them), the parameters and scenario as data.
 *
 * - Releases = the custody stock on its expected release dates + future receptions (at the
 *   rate of the last 12 months) held for the observed stays + recalls flowing back in at the
 *   rate of the last 12 months per working day.
 * - Caseload = open licences, each kept until its planned end, less early terminations
 *   (recall, revocation, early termination, death) at the observed hazard; every forecast
 *   release starts a licence at the observed share, length from the observed licences.
 * - Service demand = releases × the observed rate per release in the area.
 */
import {
  countByMonth,
  everyDay,
  monthEdges,
  releasesFromFlow,
  workingDaysByMonth,
  type WorkingDays,
} from './flow.ts'
import {
  BASELINE,
  MODEL_PARAMETERS,
  inputsByArea,
  onLicence,
  sharedOf,
  stockCaseload,
  type AreaInputs,
  type History,
  type Scenario,
  type Shared,
} from './model-inputs.ts'

export { BASELINE, MODEL_PARAMETERS } from './model-inputs.ts'
export type { DemandRow, EpisodeRow, History, LicenceRow, Scenario, Where } from './model-inputs.ts'

export const SERIES = ['releases', 'caseload', 'cas3_referrals', 'cas3_bed_nights', 'crs_referrals'] as const
export type Series = (typeof SERIES)[number]
export const LEVELS = ['region', 'pdu', 'prison'] as const satisfies readonly Level[]
export type { Level } from './model-inputs.ts'
import type { Level } from './model-inputs.ts'
import { addMonths, startOfMonth } from '../../platform/calendar/index.ts'

export interface AreaForecast {
  area: string
  series: Record<Series, number[]>
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
  return addMonths(startOfMonth(asOf), -n)
}

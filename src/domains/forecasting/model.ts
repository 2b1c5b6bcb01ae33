/**
 * The stock-and-flow model: from each area's counts as of a date, its releases, probation
 * caseload of prison leavers and service demand for each month ahead. Pure: the counts come in
 * as data (inputs-repository.ts counts them in the database), the parameters and scenario too.
 *
 * - Releases = the custody stock on its expected release dates + future receptions (at the
 *   rate of the last 12 months) held for the observed stays + recalls flowing back in at the
 *   rate of the last 12 months per working day.
 * - Caseload = open licences, each kept until its planned end, less early terminations
 *   (recall, revocation, early termination, death) at the observed hazard; every forecast
 *   release starts a licence at the observed share, length from the observed licences.
 * - Service demand = releases × the observed rate per release in the area.
 */
import { everyDay, monthEdges, unitFlow, workingDaysByMonth, type WorkingDays } from './flow.ts'
import {
  BASELINE,
  onLicence,
  sharedOf,
  stockCaseload,
  type AreaInputs,
  type Level,
  type ModelInputs,
  type Scenario,
  type Shared,
} from './model-inputs.ts'
import { inputsFromHistory, windowDaysOf, type History } from './records.ts'
import { addMonths, startOfMonth } from '../../platform/calendar/index.ts'

export { BASELINE, LEVELS, MODEL_PARAMETERS } from './model-inputs.ts'
export type { Level, ModelInputs, Scenario } from './model-inputs.ts'
export type { DemandRow, EpisodeRow, History, LicenceRow, Where } from './records.ts'

export const SERIES = [
  'releases',
  'caseload',
  'cas3_referrals',
  'cas3_bed_nights',
  'crs_referrals',
  'dtr_notifications',
] as const
export type Series = (typeof SERIES)[number]

export interface AreaForecast {
  area: string
  series: Record<Series, number[]>
  /** CRS referrals by the pathway of their service category. */
  crsByCategory: Record<string, number[]>
}

export const isBaseline = (s: Scenario) => JSON.stringify(s) === JSON.stringify(BASELINE)

/**
 * The forecast for every area of one level, `months` calendar months from `inputs.asOf` (the
 * first day of a month). `stock` is the custody stock placed for the scenario, by area and
 * month; the baseline's is in the inputs.
 *
 * Recalls flow back in at the rate recorded over the window, per working day. Under a scenario
 * they move with the scenario's caseload against the baseline's: more people on licence, more
 * recalls. (Tying the baseline itself to the caseload over-forecast in the backtest, because a
 * record that starts a few years back still shows long licences building up.)
 */
export function forecastLevel(
  inputs: ModelInputs,
  level: Level,
  months: number,
  scenario: Scenario = BASELINE,
  stock: ReadonlyMap<string, number[]> | null = null,
  isWorking: WorkingDays = everyDay,
): AreaForecast[] {
  const baseline = isBaseline(scenario)
  const baseKernel = kernelOf(inputs, months, BASELINE, isWorking)
  const kernel = baseline ? baseKernel : kernelOf(inputs, months, scenario, isWorking)
  const out: AreaForecast[] = []
  for (const [area, a] of [...inputs.byLevel[level]].sort(([x], [y]) => x.localeCompare(y))) {
    const base = runArea(a, a.stockByMonth, baseKernel, null)
    const moved = stock ? (stock.get(area) ?? []) : a.stockByMonth
    const series = baseline ? base : runArea(a, moved, kernel, base.caseload)
    const perRelease = (n: number) => (a.releasesPast > 0 ? n / a.releasesPast : 0)
    const crsByCategory = Object.fromEntries(
      [...a.crsByCategory].map(([c, n]) => [c, series.releases.map((r) => r * perRelease(n))]),
    )
    out.push({ area, series, crsByCategory })
  }
  return out
}

/**
 * The forecast from rows (records.ts): the small worked examples in flow.test.ts are written
 * this way. Day offsets in `history` count from asOf.
 */
export function forecast(
  history: History,
  asOf: string,
  months: number,
  level: Level,
  scenario: Scenario = BASELINE,
  isWorking: WorkingDays = everyDay,
): AreaForecast[] {
  const inputs = inputsFromHistory(history, asOf, months, BASELINE, isWorking)
  const moved = isBaseline(scenario)
    ? null
    : new Map(
        [...inputsFromHistory(history, asOf, months, scenario, isWorking).byLevel[level]].map(([k, v]) => [
          k,
          v.stockByMonth,
        ]),
      )
  return forecastLevel(inputs, level, months, scenario, moved, isWorking)
}

/**
 * Everything in the model that is the same for every area: the month edges, releases from one
 * reception a day, the share of a month's releases still on licence at each later month's end,
 * and the survival of open licences. Worked out once per level, not once per area.
 */
interface Kernel {
  months: number
  shared: Shared
  scenario: Scenario
  windowDays: number
  windowWorkingDays: number
  workingDays: number[]
  /** Last day of each month ahead. */
  monthEnds: number[]
  determinateFlow: number[]
  otherFlow: number[]
  hazardFixed: number
  /** stillOn[m][k]: share of month k's releases still on licence at the end of month m. */
  stillOn: number[][]
}

function kernelOf(inputs: ModelInputs, months: number, scenario: Scenario, isWorking: WorkingDays): Kernel {
  const edges = monthEdges(inputs.asOf, months)
  const windowDays = windowDaysOf(inputs.asOf)
  const shared = sharedOf(inputs.shared, scenario)
  // More recalls also end more licences early: recalls are one of the early terminations.
  const hazardFixed = shared.hazardFixed * (1 + scenario.recallRateChangePct / 100)
  const monthEnds = edges.slice(1).map((e) => e - 1)
  const mids = edges.slice(0, -1).map((e, k) => Math.floor((e + (edges[k + 1] ?? 0)) / 2))
  return {
    months,
    shared,
    scenario,
    windowDays,
    windowWorkingDays: workingDaysByMonth([-windowDays, 0], isWorking)[0] || windowDays,
    workingDays: workingDaysByMonth(edges, isWorking),
    monthEnds,
    determinateFlow: unitFlow(edges, shared.determinateStays, isWorking),
    otherFlow: unitFlow(edges, shared.otherStays, isWorking),
    hazardFixed,
    stillOn: monthEnds.map((end, m) =>
      mids.slice(0, m + 1).map((mid) => onLicence(shared, Math.max(0, end - mid), hazardFixed)),
    ),
  }
}

function runArea(
  a: AreaInputs,
  stock: readonly number[],
  k: Kernel,
  baselineCaseload: number[] | null,
): Record<Series, number[]> {
  const recallFactor = 1 + k.scenario.recallRateChangePct / 100
  const receptionFactor = 1 + k.scenario.receptionsChangePct / 100
  const perDay = (n: number) => (n / k.windowDays) * receptionFactor
  const det = perDay(a.receptionsDeterminate)
  const other = perDay(a.receptionsOther)
  const recallsPerWorkingDay = (a.recallReleases / k.windowWorkingDays) * recallFactor
  const releases: number[] = []
  const caseload: number[] = []
  let previous = stockCaseload(a, k.shared, 0, 0, k.hazardFixed)
  const start = previous
  for (let m = 0; m < k.months; m++) {
    const monthEnd = k.monthEnds[m] ?? 0
    const before = m === 0 ? start : (baselineCaseload?.[m - 1] ?? previous)
    const pressure = baselineCaseload && before > 0 ? previous / before : 1
    const recalls = recallsPerWorkingDay * (k.workingDays[m] ?? 0) * pressure
    releases.push(
      (stock[m] ?? 0) + (k.determinateFlow[m] ?? 0) * det + (k.otherFlow[m] ?? 0) * other + recalls,
    )
    let c = stockCaseload(a, k.shared, m + 1, monthEnd, k.hazardFixed)
    const still = k.stillOn[m] ?? []
    for (let j = 0; j <= m; j++) c += (releases[j] ?? 0) * (still[j] ?? 0)
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
    dtr_notifications: scale(perRelease(a.demand.dtr)),
  }
}

/** The first day of the month `n` months before a first day. */
export function monthBefore(asOf: string, n: number): string {
  return addMonths(startOfMonth(asOf), -n)
}

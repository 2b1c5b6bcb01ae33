/**
 * Forecast use cases: access first (the reports:read capability, national or regional scope),
 * then the recorded history in the actor's scope, then the pure model. A regional lead's
 * forecast is made from their region's records only, so areas outside it do not appear.
 */
import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import { Forbidden, ValidationFailed } from '../../platform/errors.ts'
import { englandAndWalesCalendar } from '../../platform/calendar/index.ts'
import { backtest, historyAsOf, relativeErrorByMonth, relativeTo, type BacktestError } from './backtest.ts'
import { isoOfDay, monthsFrom, monthStart, type WorkingDays } from './flow.ts'
import {
  BASELINE,
  forecast,
  LEVELS,
  SERIES,
  monthBefore,
  type AreaForecast,
  type Level,
  type Scenario,
  type Series,
} from './model.ts'
import type { ForecastingRepository, RecordedHistory, SavedScenario } from './repository.ts'
import type { BacktestQuery, ForecastQuery, ScenarioInput } from './schemas.ts'

export interface Point {
  area: string
  month: string
  value: number
  low: number
  high: number
}

/** Months of backtest behind the bands: the forecast made a year before the as-of date. */
const BAND_BACKTEST_MONTHS = 12
/** How long a read of the history is reused, so a page and its downloads agree and are quick. */
const HISTORY_TTL_MS = 5 * 60_000
const Z95 = 1.96

const round1 = (x: number) => Math.round(x * 10) / 10

/** Working days in England and Wales by day number, remembered: the model asks for each day many times. */
function workingDateTest(): WorkingDays {
  const calendar = englandAndWalesCalendar()
  const known = new Map<number, boolean>()
  return (day) => {
    let w = known.get(day)
    if (w === undefined) known.set(day, (w = !calendar.isNonWorkingDay(isoOfDay(day))))
    return w
  }
}

export function forecastingService(repo: ForecastingRepository, deps: { today: () => string }) {
  const workingDate = workingDateTest()
  const cache = new Map<string, { at: number; history: Promise<RecordedHistory> }>()

  function authorise(ctx: RequestContext) {
    const { role, scope } = ctx.actor
    if (!can(role, 'reports:read') || (scope.level !== 'national' && scope.level !== 'region'))
      throw new Forbidden()
  }

  /** The history from 24 months before asOf: the model's 12 months, and the backtest's 12 before those. */
  function historyFor(ctx: RequestContext, asOf: string): Promise<RecordedHistory> {
    const from = monthBefore(asOf, 2 * BAND_BACKTEST_MONTHS)
    const key = `${JSON.stringify(ctx.actor.scope)}|${from}`
    const hit = cache.get(key)
    if (hit && Date.now() - hit.at < HISTORY_TTL_MS) return hit.history
    const history = repo.history(ctx.actor.scope, from)
    history.catch(() => cache.delete(key))
    cache.set(key, { at: Date.now(), history })
    return history
  }

  const thisMonth = () => monthStart(deps.today())

  function asOfOf(value: string | undefined): string {
    const asOf = monthStart(value ?? deps.today())
    if (asOf > thisMonth())
      throw new ValidationFailed({ asOf: 'The forecast date must be this month or earlier' })
    return asOf
  }

  async function scenarioOf(id: string): Promise<{ id: string; name: string; scenario: Scenario }> {
    if (id === 'baseline') return { id, name: 'Baseline', scenario: BASELINE }
    const found = (await repo.scenarios()).find((s) => s.id === id)
    if (!found) throw new ValidationFailed({ scenario: 'Choose a saved scenario' })
    return { id, name: found.name, scenario: found }
  }

  /** Last year's baseline forecast for a level against what happened: the bands' widths. */
  const lastYearsErrors = (rec: RecordedHistory, asOf: string, level: Level) =>
    backtest(rec, monthBefore(asOf, BAND_BACKTEST_MONTHS), BAND_BACKTEST_MONTHS, level, BASELINE, workingDate)

  /** Relative error by months ahead for a level and series, from last year's backtest. */
  function bandWidths(rec: RecordedHistory, asOf: string, level: Level, series: Series, months: number) {
    // Service demand is releases times a rate: it carries the releases' error.
    const errors = lastYearsErrors(rec, asOf, level)
    return relativeErrorByMonth(errors, series === 'caseload' ? 'caseload' : 'releases', months)
  }

  function pointsOf(made: AreaForecast[], series: Series, months: string[], widths: number[]): Point[] {
    return made.flatMap((f) =>
      months.map((month, i) => {
        const value = f.series[series][i] ?? 0
        const half = Z95 * (widths[i] ?? 0) * value
        return {
          area: f.area,
          month,
          value: round1(value),
          low: round1(Math.max(0, value - half)),
          high: round1(value + half),
        }
      }),
    )
  }

  return {
    async scenarios(ctx: RequestContext): Promise<SavedScenario[]> {
      authorise(ctx)
      return repo.scenarios()
    },

    async createScenario(ctx: RequestContext, input: ScenarioInput): Promise<string> {
      authorise(ctx)
      const id = await repo.createScenario(input, ctx.actor.userId)
      if (!id) throw new ValidationFailed({ name: 'A scenario with this name already exists' })
      return id
    },

    /** One level and series, with the baseline beside a scenario for the chart. */
    async forecast(ctx: RequestContext, q: ForecastQuery) {
      authorise(ctx)
      const asOf = asOfOf(q.asOf)
      const chosen = await scenarioOf(q.scenario)
      const rec = await historyFor(ctx, asOf)
      const history = historyAsOf(rec, asOf)
      const months = monthsFrom(asOf, q.horizon)
      const widths = bandWidths(rec, asOf, q.level, q.series, q.horizon)
      const points = pointsOf(
        forecast(history, asOf, q.horizon, q.level, chosen.scenario, relativeTo(asOf, workingDate)),
        q.series,
        months,
        widths,
      )
      const baseline =
        chosen.id === 'baseline'
          ? points
          : pointsOf(
              forecast(history, asOf, q.horizon, q.level, BASELINE, relativeTo(asOf, workingDate)),
              q.series,
              months,
              widths,
            )
      return {
        asOf,
        level: q.level,
        series: q.series,
        scenario: chosen.id,
        scenarioName: chosen.name,
        points,
        baseline,
      }
    },

    /**
     * Every area of every level and every series, with bands: what the CLI and the bench
     * compute. Progress is reported after the history is read and after each level.
     */
    async forecastAll(
      ctx: RequestContext,
      q: { asOf?: string; horizon: number; scenario: string },
      onProgress?: (done: number, total: number) => void,
    ) {
      authorise(ctx)
      const asOf = asOfOf(q.asOf)
      const chosen = await scenarioOf(q.scenario)
      const total = LEVELS.length + 1
      onProgress?.(0, total)
      const rec = await historyFor(ctx, asOf)
      onProgress?.(1, total)
      const history = historyAsOf(rec, asOf)
      const months = monthsFrom(asOf, q.horizon)
      const byLevel = {} as Record<Level, Record<Series, Point[]>>
      for (const [i, level] of LEVELS.entries()) {
        const made = forecast(history, asOf, q.horizon, level, chosen.scenario, relativeTo(asOf, workingDate))
        const errors = lastYearsErrors(rec, asOf, level)
        const releases = relativeErrorByMonth(errors, 'releases', q.horizon)
        const caseload = relativeErrorByMonth(errors, 'caseload', q.horizon)
        byLevel[level] = Object.fromEntries(
          SERIES.map((s) => [s, pointsOf(made, s, months, s === 'caseload' ? caseload : releases)]),
        ) as Record<Series, Point[]>
        onProgress?.(i + 2, total)
      }
      return { asOf, scenario: chosen, months, byLevel }
    },

    /** The forecast as of `asOf` against what happened: every month of it must be over. */
    async backtest(ctx: RequestContext, q: BacktestQuery, level: Level = 'region') {
      authorise(ctx)
      const asOf = q.asOf ? monthStart(q.asOf) : monthBefore(thisMonth(), BAND_BACKTEST_MONTHS)
      if (monthBefore(thisMonth(), q.horizon) < asOf)
        throw new ValidationFailed({
          asOf: `A backtest of ${q.horizon} months must start ${q.horizon} months ago or earlier`,
        })
      // The history read for a forecast as of `asOf + 12 months` covers this backtest's window.
      const rec = await historyFor(ctx, monthBefore(asOf, -BAND_BACKTEST_MONTHS))
      const errors: BacktestError[] = backtest(rec, asOf, q.horizon, level, BASELINE, workingDate).map(
        (e) => ({
          ...e,
          mape: e.mape === null ? null : Math.round(e.mape * 100) / 100,
          months: e.months.map((m) => ({ ...m, forecast: round1(m.forecast) })),
        }),
      )
      return { asOf, horizon: q.horizon, errors }
    },
  }
}

export type ForecastingService = ReturnType<typeof forecastingService>

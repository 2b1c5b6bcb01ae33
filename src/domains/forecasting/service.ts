/**
 * Forecast use cases: access first (the reports:read capability, national or regional scope),
 * then the recorded history in the actor's scope, then the pure model. A regional lead's
 * forecast is made from their region's records only, so areas outside it do not appear.
 */
import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import { Forbidden, ValidationFailed } from '../../platform/errors.ts'
import { workingDateTest } from './working-dates.ts'
import { backtest, relativeErrorByMonth, type BacktestError } from './backtest.ts'
import { monthEdges, monthsFrom, monthStart, relativeTo, workingThresholds } from './flow.ts'
import {
  BASELINE,
  forecastLevel,
  LEVELS,
  MODEL_PARAMETERS,
  SERIES,
  monthBefore,
  type AreaForecast,
  type Level,
  type Scenario,
  type Series,
} from './model.ts'
import { stayFactor } from './model-inputs.ts'
import type { CountedInputs, InputsRepository, InputsSpec } from './inputs-repository.ts'
import type { ForecastingRepository, SavedScenario } from './repository.ts'
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
/** How long counts read are reused, so a page and its downloads agree and are quick. */
const COUNTS_TTL_MS = 5 * 60_000
const Z95 = 1.96

const round1 = (x: number) => Math.round(x * 10) / 10

/**
 * What a forecast as of `asOf` reads: the counts as of asOf, and as of a year before with the
 * 12 months recorded since (last year's backtest, which makes the bands). Rows from 24 months
 * before asOf on, as the record-level reader read them.
 */
export function forecastSpecs(asOf: string): [InputsSpec, InputsSpec] {
  const since = monthBefore(asOf, 2 * BAND_BACKTEST_MONTHS)
  return [
    { asOf, since, actualMonths: 0 },
    { asOf: monthBefore(asOf, BAND_BACKTEST_MONTHS), since, actualMonths: BAND_BACKTEST_MONTHS },
  ]
}

/** A backtest as of `asOf` reads rows from 12 months before it, and `horizon` months after. */
export const backtestSpec = (asOf: string, horizon: number): InputsSpec => ({
  asOf,
  since: monthBefore(asOf, BAND_BACKTEST_MONTHS),
  actualMonths: horizon,
})

export function forecastingService(
  repo: ForecastingRepository,
  counts: InputsRepository,
  deps: { today: () => string },
) {
  const workingDate = workingDateTest()
  const cache = new Map<string, { at: number; value: Promise<unknown> }>()

  function authorise(ctx: RequestContext) {
    const { role, scope } = ctx.actor
    if (!can(role, 'reports:read') || (scope.level !== 'national' && scope.level !== 'region'))
      throw new Forbidden()
  }

  /** A read remembered for a few minutes by the reader's scope and what was asked. */
  function remembered<T>(ctx: RequestContext, what: unknown, read: () => Promise<T>): Promise<T> {
    const key = JSON.stringify([ctx.actor.scope, what])
    const hit = cache.get(key)
    if (hit && Date.now() - hit.at < COUNTS_TTL_MS) return hit.value as Promise<T>
    const value = read()
    value.catch(() => cache.delete(key))
    cache.set(key, { at: Date.now(), value })
    return value
  }

  const countedFor = (ctx: RequestContext, specs: InputsSpec[]): Promise<CountedInputs[]> =>
    remembered(ctx, specs, () => counts.counted(ctx.actor.scope, specs))

  /** The custody stock placed for a scenario, by level, area and month; null when it is the baseline's. */
  function stockFor(ctx: RequestContext, asOf: string, scenario: Scenario) {
    const factor = stayFactor(scenario)
    if (factor === 1) return Promise.resolve(null)
    return remembered(ctx, ['stock', asOf, factor], () =>
      counts.movedStock(
        ctx.actor.scope,
        asOf,
        factor,
        workingThresholds(monthEdges(asOf, MODEL_PARAMETERS.maxMonths), relativeTo(asOf, workingDate)),
      ),
    )
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
  const lastYearsErrors = (lastYear: CountedInputs, level: Level) =>
    backtest(
      lastYear.inputs,
      lastYear.actuals[level],
      BAND_BACKTEST_MONTHS,
      level,
      relativeTo(lastYear.inputs.asOf, workingDate),
    )

  /** Relative error by months ahead for a level and series, from last year's backtest. */
  function bandWidths(errors: BacktestError[], series: Series, months: number) {
    // Service demand is releases times a rate: it carries the releases' error.
    return relativeErrorByMonth(errors, series === 'caseload' ? 'caseload' : 'releases', months)
  }

  /** The forecast of one level for a scenario (and the baseline beside it when it is not one). */
  async function made(ctx: RequestContext, asOf: string, horizon: number, level: Level, scenario: Scenario) {
    const [[now, lastYear], stock] = await Promise.all([
      countedFor(ctx, forecastSpecs(asOf)),
      stockFor(ctx, asOf, scenario),
    ])
    if (!now || !lastYear) throw new Error('The forecast read no counts')
    const isWorking = relativeTo(asOf, workingDate)
    const run = (s: Scenario) =>
      forecastLevel(now.inputs, level, horizon, s, stock?.[level] ?? null, isWorking)
    return { chosen: run(scenario), baseline: run(BASELINE), errors: lastYearsErrors(lastYear, level) }
  }

  function pointsOf(
    made: AreaForecast[],
    series: Series,
    months: string[],
    widths: number[],
    category?: string,
  ): Point[] {
    // CRS referrals to one category's services, when one is asked for.
    const pick = (f: AreaForecast) =>
      series === 'crs_referrals' && category ? (f.crsByCategory[category] ?? []) : f.series[series]
    return made.flatMap((f) =>
      months.map((month, i) => {
        const value = pick(f)[i] ?? 0
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
      const m = await made(ctx, asOf, q.horizon, q.level, chosen.scenario)
      const months = monthsFrom(asOf, q.horizon)
      const widths = bandWidths(m.errors, q.series, q.horizon)
      const points = pointsOf(m.chosen, q.series, months, widths, q.category)
      const baseline =
        chosen.id === 'baseline' ? points : pointsOf(m.baseline, q.series, months, widths, q.category)
      return {
        asOf,
        level: q.level,
        series: q.series,
        scenario: chosen.id,
        scenarioName: chosen.name,
        category: q.series === 'crs_referrals' ? q.category : undefined,
        points,
        baseline,
      }
    },

    /** CRS referrals by region and pathway, all from one run: what contract places are set against. */
    async crsByPathway(
      ctx: RequestContext,
      q: { asOf?: string | undefined; horizon: number; scenario: string },
    ) {
      authorise(ctx)
      const asOf = asOfOf(q.asOf)
      const chosen = await scenarioOf(q.scenario)
      const m = await made(ctx, asOf, q.horizon, 'region', chosen.scenario)
      const months = monthsFrom(asOf, q.horizon)
      const widths = bandWidths(m.errors, 'crs_referrals', q.horizon)
      const pathways = [...new Set(m.chosen.flatMap((f) => Object.keys(f.crsByCategory)))].sort()
      return {
        asOf,
        months,
        scenario: chosen.id,
        scenarioName: chosen.name,
        points: pathways.flatMap((category) =>
          pointsOf(m.chosen, 'crs_referrals', months, widths, category).map((p) => ({ ...p, category })),
        ),
      }
    },

    /**
     * Every area of every level and every series, with bands: what the CLI and the bench
     * compute. Progress is reported after the counts are read and after each level.
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
      await Promise.all([countedFor(ctx, forecastSpecs(asOf)), stockFor(ctx, asOf, chosen.scenario)])
      onProgress?.(1, total)
      const months = monthsFrom(asOf, q.horizon)
      const byLevel = {} as Record<Level, Record<Series, Point[]>>
      for (const [i, level] of LEVELS.entries()) {
        const m = await made(ctx, asOf, q.horizon, level, chosen.scenario)
        const releases = bandWidths(m.errors, 'releases', q.horizon)
        const caseload = bandWidths(m.errors, 'caseload', q.horizon)
        byLevel[level] = Object.fromEntries(
          SERIES.map((s) => [s, pointsOf(m.chosen, s, months, s === 'caseload' ? caseload : releases)]),
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
      const [then] = await countedFor(ctx, [backtestSpec(asOf, q.horizon)])
      if (!then) throw new Error('The backtest read no counts')
      const errors: BacktestError[] = backtest(
        then.inputs,
        then.actuals[level],
        q.horizon,
        level,
        relativeTo(asOf, workingDate),
      ).map((e) => ({
        ...e,
        mape: e.mape === null ? null : Math.round(e.mape * 100) / 100,
        months: e.months.map((m) => ({ ...m, forecast: round1(m.forecast) })),
      }))
      return { asOf, horizon: q.horizon, errors }
    },
  }
}

export type ForecastingService = ReturnType<typeof forecastingService>

/**
 * The forecast pages and the forecast API. Handlers parse (zod through the type provider), call
 * one use case and render; every table downloads as CSV or XLSX from the same table model the
 * page renders. The scenario form is on the one form pattern.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { formPage, NoParams } from '../../platform/http/form-page.ts'
import { PATHWAY_LABELS, PATHWAYS } from '../coverage/rules.ts'
import { forecastChart } from './charts.ts'
import { LEVELS, SERIES } from './model.ts'
import {
  BacktestPage,
  BacktestQuery,
  BacktestView,
  ForecastPage,
  ForecastQuery,
  ForecastView,
  ScenarioInput,
} from './schemas.ts'
import type { ForecastingService } from './service.ts'
import { offer, sendIfAsked, shown } from './tables.ts'
import {
  backtestLines,
  backtestTable,
  chartPoints,
  LEVEL_LABELS,
  pointsTable,
  SERIES_LABELS,
  summaryTable,
  totalByMonth,
} from './view-models.ts'

/** The page's own address without the download choice, for the download links. */
function downloadBase(url: string): string {
  const [path, query = ''] = url.split('?')
  const params = new URLSearchParams(query)
  for (const key of ['download', 'format']) params.delete(key)
  const rest = params.toString()
  return `${path}?${rest ? `${rest}&` : ''}`
}

const option = (value: string, text: string, current: unknown) => ({
  value,
  text,
  selected: current === value,
})

export function forecastingRoutes(
  app: FastifyInstance,
  forecasting: ForecastingService,
  names: () => Promise<Map<string, string>>,
) {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  typed.get('/forecasts', { schema: { querystring: ForecastPage } }, async (request, reply) => {
    const q = request.query
    const [result, scenarios, labels] = await Promise.all([
      forecasting.forecast(request.ctx, q),
      forecasting.scenarios(request.ctx),
      names(),
    ])
    const area = q.area ?? null
    const areas = [...new Set(result.points.map((p) => p.area))]
    const scen = result.scenario !== 'baseline' ? totalByMonth(result.points, area) : null
    const base = totalByMonth(result.baseline, area)
    const where = area ? (labels.get(area) ?? area) : `all ${LEVEL_LABELS[q.level].toLowerCase()}s in view`
    const seriesLabel = `${SERIES_LABELS[q.series]}${q.series === 'crs_referrals' && q.category ? ` (${PATHWAY_LABELS[q.category]})` : ''}`
    const title = `${seriesLabel}, ${where}, from ${result.asOf}`
    const summary = summaryTable(base, scen, result.scenarioName, `${title}: by month`)
    const all = pointsTable(
      result.points,
      labels,
      `${seriesLabel} by ${LEVEL_LABELS[q.level].toLowerCase()} and month (${result.scenarioName})`,
    )
    if (await sendIfAsked(reply, [offer(summary), offer(all)], q, `forecast-${q.series}-${q.level}`))
      return reply
    return reply.render('forecasting/views/forecast.njk', {
      pageTitle: 'Demand forecast',
      values: q,
      levelOptions: LEVELS.map((l) => option(l, LEVEL_LABELS[l], q.level)),
      seriesOptions: SERIES.map((s) => option(s, SERIES_LABELS[s], q.series)),
      categoryOptions: [
        option('', 'All categories', q.category ?? ''),
        ...PATHWAYS.map((p) => option(p, PATHWAY_LABELS[p], q.category)),
      ],
      scenarioOptions: [
        option('baseline', 'Baseline only', q.scenario),
        ...scenarios.map((s) =>
          option(
            s.id,
            `${s.name} (receptions ${s.receptionsChangePct >= 0 ? '+' : ''}${s.receptionsChangePct}%, release at ${Math.round(s.sdsReleasePoint * 100)}%, recalls ${s.recallRateChangePct >= 0 ? '+' : ''}${s.recallRateChangePct}%)`,
            q.scenario,
          ),
        ),
      ],
      result,
      areaOptions: [
        option('', `All ${LEVEL_LABELS[q.level].toLowerCase()}s in view`, area ?? ''),
        ...areas.map((a) => option(a, labels.get(a) ?? a, area)),
      ],
      svg: await forecastChart(chartPoints(base, scen, result.scenarioName), seriesLabel, title),
      chartCaption: `${title}. The shaded band is the 95% prediction interval of the baseline.`,
      summary: shown(summary),
      all: shown(all),
      downloadBase: downloadBase(request.url),
    })
  })

  formPage(app, {
    path: '/forecasts/scenarios',
    params: NoParams,
    capability: 'reports:read',
    view: 'forecasting/views/scenario.njk',
    pageTitle: 'Save a scenario',
    schema: ScenarioInput,
    load: async (request) => ({ scenarios: await forecasting.scenarios(request.ctx) }),
    save: (request, _params, input) => forecasting.createScenario(request.ctx, input),
    redirect: (id) => `/forecasts?scenario=${id}`,
    confirmation: 'Scenario saved',
  })

  typed.get('/forecasts/backtest', { schema: { querystring: BacktestPage } }, async (request, reply) => {
    const q = request.query
    const [result, labels] = await Promise.all([forecasting.backtest(request.ctx, q), names()])
    const table = backtestTable(result.errors, labels, result.horizon)
    if (await sendIfAsked(reply, [offer(table)], q, 'forecast-backtest')) return reply
    const caption = `Releases forecast as of ${result.asOf} against releases recorded, all regions in view`
    return reply.render('forecasting/views/backtest.njk', {
      pageTitle: 'Forecast backtest',
      result,
      table: shown(table),
      svg: await forecastChart(backtestLines(result.errors, 'releases'), 'Releases', caption),
      caseloadSvg: await forecastChart(
        backtestLines(result.errors, 'caseload'),
        'Caseload',
        'Caseload forecast against recorded',
      ),
      chartCaption: `${caption}.`,
      downloadBase: downloadBase(request.url),
    })
  })

  typed.get(
    '/api/v1/forecasts',
    {
      schema: {
        tags: ['Forecasts'],
        summary:
          'Monthly forecast of releases, caseload or service demand by region, PDU, prison or council, with a 95% prediction interval',
        querystring: ForecastQuery,
        response: { 200: ForecastView },
      },
    },
    async (request) => {
      const r = await forecasting.forecast(request.ctx, request.query)
      return {
        asOf: r.asOf,
        level: r.level,
        series: r.series,
        scenario: r.scenario,
        ...(r.category ? { category: r.category } : {}),
        points: r.points,
      }
    },
  )

  typed.get(
    '/api/v1/forecasts/backtest',
    {
      schema: {
        tags: ['Forecasts'],
        summary: 'The forecast made as of an earlier month against what happened, with MAPE by region',
        querystring: BacktestQuery,
        response: { 200: BacktestView },
      },
    },
    async (request) => forecasting.backtest(request.ctx, request.query),
  )
}

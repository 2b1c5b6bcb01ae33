/**
 * The forecast pages and the forecast API. Handlers parse, call one use case and render; every
 * table downloads as CSV or XLSX (the same object the page renders).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { formErrors, parseWith } from '../../platform/http/forms.ts'
import { download, type DataTable } from '../outcomes/tables-export.ts'
import { PATHWAY_LABELS, PATHWAYS } from '../coverage/rules.ts'
import { forecastChart } from './charts.ts'
import { LEVELS, SERIES } from './model.ts'
import {
  BacktestQuery,
  BacktestView,
  ForecastPage,
  ForecastQuery,
  ForecastView,
  ScenarioInput,
} from './schemas.ts'
import type { ForecastingService } from './service.ts'
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

const Area = z.object({
  area: z
    .string()
    .regex(/^[A-Z0-9]{2,12}$/)
    .optional()
    .catch(undefined),
})
const Download = z.object({
  download: z.string().optional().catch(undefined),
  format: z.enum(['csv', 'xlsx']).optional().catch(undefined),
})

function downloadBase(url: string): string {
  const [path, query = ''] = url.split('?')
  const params = new URLSearchParams(query)
  for (const key of ['download', 'format']) params.delete(key)
  const rest = params.toString()
  return `${path}?${rest ? `${rest}&` : ''}`
}

async function maybeDownload(reply: FastifyReply, tables: DataTable[], query: unknown, name: string) {
  const q = Download.parse(query ?? {})
  const table = tables.find((t) => t.id === q.download)
  if (!table || !q.format) return false
  await download(reply, table, q.format, name)
  return true
}

export function forecastingRoutes(
  app: FastifyInstance,
  forecasting: ForecastingService,
  names: () => Promise<Map<string, string>>,
) {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  const pageData = async (request: FastifyRequest, values: Record<string, unknown>, errors: FieldErrors) => {
    const scenarios = await forecasting.scenarios(request.ctx)
    const option = (v: string, text: string, current: unknown) => ({
      value: v,
      text,
      selected: current === v,
    })
    return {
      pageTitle: 'Demand forecast',
      values,
      errors: formErrors(errors),
      levelOptions: LEVELS.map((l) => option(l, LEVEL_LABELS[l], values.level ?? 'region')),
      seriesOptions: SERIES.map((s) => option(s, SERIES_LABELS[s], values.series ?? 'releases')),
      categoryOptions: [
        option('', 'All categories', values.category ?? ''),
        ...PATHWAYS.map((p) => option(p, PATHWAY_LABELS[p], values.category)),
      ],
      scenarioOptions: [
        option('baseline', 'Baseline only', values.scenario ?? 'baseline'),
        ...scenarios.map((s) =>
          option(
            s.id,
            `${s.name} (receptions ${s.receptionsChangePct >= 0 ? '+' : ''}${s.receptionsChangePct}%, release at ${Math.round(s.sdsReleasePoint * 100)}%, recalls ${s.recallRateChangePct >= 0 ? '+' : ''}${s.recallRateChangePct}%)`,
            values.scenario,
          ),
        ),
      ],
    }
  }

  app.get('/forecasts', async (request, reply) => {
    const raw = (request.query ?? {}) as Record<string, unknown>
    const parsed = parseWith(ForecastPage, raw)
    if (!parsed.ok)
      return reply
        .code(400)
        .render('forecasting/views/forecast.njk', await pageData(request, raw, parsed.errors))
    const q = parsed.data
    const area = Area.parse(raw).area ?? null
    let result
    try {
      result = await forecasting.forecast(request.ctx, q)
    } catch (err) {
      if (!(err instanceof ValidationFailed)) throw err
      return reply
        .code(400)
        .render('forecasting/views/forecast.njk', await pageData(request, raw, err.fields))
    }
    const labels = await names()
    const areas = [...new Set(result.points.map((p) => p.area))]
    const scenarioOn = result.scenario !== 'baseline'
    const base = totalByMonth(result.baseline, area)
    const scen = scenarioOn ? totalByMonth(result.points, area) : null
    const where = area ? (labels.get(area) ?? area) : `all ${LEVEL_LABELS[q.level].toLowerCase()}s in view`
    const seriesLabel = `${SERIES_LABELS[q.series]}${q.series === 'crs_referrals' && q.category ? ` (${PATHWAY_LABELS[q.category]})` : ''}`
    const title = `${seriesLabel}, ${where}, from ${result.asOf}`
    const summary = summaryTable(base, scen, result.scenarioName, `${title}: by month`)
    const all = pointsTable(
      result.points,
      labels,
      `${seriesLabel} by ${LEVEL_LABELS[q.level].toLowerCase()} and month (${result.scenarioName})`,
    )
    if (await maybeDownload(reply, [summary, all], raw, `forecast-${q.series}-${q.level}`)) return reply
    return reply.render('forecasting/views/forecast.njk', {
      ...(await pageData(request, { ...raw, ...q }, {})),
      result,
      area,
      areaOptions: [
        { value: '', text: `All ${LEVEL_LABELS[q.level].toLowerCase()}s in view`, selected: area === null },
        ...areas.map((a) => ({ value: a, text: labels.get(a) ?? a, selected: a === area })),
      ],
      svg: await forecastChart(chartPoints(base, scen, result.scenarioName), seriesLabel, title),
      chartCaption: `${title}. The shaded band is the 95% range of the baseline.`,
      summary,
      all,
      downloadBase: downloadBase(request.url),
    })
  })

  app.post('/forecasts/scenarios', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const parsed = parseWith(ScenarioInput, body)
    const fail = async (errors: FieldErrors) =>
      reply.code(400).render('forecasting/views/forecast.njk', {
        ...(await pageData(request, {}, errors)),
        scenarioValues: body,
      })
    if (!parsed.ok) return fail(parsed.errors)
    try {
      const id = await forecasting.createScenario(request.ctx, parsed.data)
      return reply.redirect(`/forecasts?scenario=${id}`, 303)
    } catch (err) {
      if (err instanceof ValidationFailed) return fail(err.fields)
      throw err
    }
  })

  app.get('/forecasts/backtest', async (request, reply) => {
    const raw = (request.query ?? {}) as Record<string, unknown>
    const parsed = parseWith(BacktestQuery, raw)
    if (!parsed.ok) throw new ValidationFailed(parsed.errors)
    const result = await forecasting.backtest(request.ctx, parsed.data)
    const labels = await names()
    const table = backtestTable(result.errors, labels, result.horizon)
    if (await maybeDownload(reply, [table], raw, 'forecast-backtest')) return reply
    const caption = `Releases forecast as of ${result.asOf} against releases recorded, all regions in view`
    return reply.render('forecasting/views/backtest.njk', {
      pageTitle: 'Forecast backtest',
      result,
      table,
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
          'Monthly forecast of releases, caseload or service demand by region, PDU or prison, with a 95% band',
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

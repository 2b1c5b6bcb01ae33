import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { revalidate } from '../../platform/http/etag.ts'
import { barChart, trendChart } from './charts.ts'
import { trendPoints } from './trend-points.ts'
import {
  DRILL_PAGE_SIZE,
  drillPages,
  drillSummary,
  summaryRows,
  terminationSummary,
  releasesTable,
  terminationsTable,
} from './drilldown-view.ts'
import { MEASURES, periodLabel } from './measures.ts'
import { DashboardQuery, DrillParams, DrillQuery, RegionParams } from './schemas.ts'
import type { OutcomesService } from './service.ts'
import { publicationRoutes } from './publication-routes.ts'
import { describeTarget, targetValue } from './targets.ts'
import { listPage, sendAskedTable, shownTable } from '../../platform/table/index.ts'
import type { LineTable } from './lines.ts'
import { keptDerived } from './dashboard-cache.ts'
import { areaView, filterQuery } from './dashboard-filter-view.ts'
import {
  annualMean,
  offenderTable,
  figureOf,
  measureOptions,
  nationalTable,
  nationalTotals,
  regionalSummary,
  seriesTable,
  targetFor,
} from './view-models.ts'

/** The page's own address with its query, ready for `download=…&format=…` to be added. */
function downloadBase(url: string, drop: string[] = []): string {
  const [path, query = ''] = url.split('?')
  const params = new URLSearchParams(query)
  for (const key of ['download', 'format', ...drop]) params.delete(key)
  const rest = params.toString()
  return `${path}?${rest ? `${rest}&` : ''}`
}

/** The page's tables as the GOV.UK table macro takes them, keyed as the template names them. */
const shown = <K extends string>(tables: Record<K, LineTable>) =>
  Object.fromEntries(Object.entries<LineTable>(tables).map(([k, t]) => [k, shownTable(t)])) as Record<
    K,
    ReturnType<typeof shownTable>
  >

export function outcomesRoutes(app: FastifyInstance, outcomes: OutcomesService) {
  publicationRoutes(app, outcomes)
  // The page's content is the same for every reader of one data version, measure and role's
  // target rights: kept per version (issue 17, item 8), so a view renders only the layout.
  const nationalBodies = keptDerived<string>()
  const typed = app.withTypeProvider<ZodTypeProvider>()
  typed.get('/outcomes', { schema: { querystring: DashboardQuery } }, async (request, reply) => {
    const q = request.query
    const filter = { pdu: q.pdu, prison: q.prison }
    const elsewhere = await outcomes.narrowedRegion(request.ctx, filter)
    if (elsewhere) return reply.redirect(`/outcomes/regions/${elsewhere}${filterQuery(request.url)}`, 303)
    const [data, choices] = await Promise.all([
      outcomes.national(request.ctx),
      outcomes.filterChoices(request.ctx),
    ])
    if (revalidate(request, reply, data.tag)) return reply
    const threshold = outcomes.smallCellThreshold
    const tables = () =>
      [nationalTable(data, threshold), nationalTotals(data.cells, data.latest, threshold)] as const
    if (await sendAskedTable(reply, tables(), q, 'outcomes-national')) return reply
    const measure = MEASURES.find((m) => m.key === q.measure) ?? MEASURES[0]
    const mayEditTargets = outcomes.mayEditTargets(request.ctx)
    // A national user narrows to a prison on a region's page (narrowedRegion): here, PDUs only.
    const national = request.ctx.actor.scope.level === 'national'
    const offered = national ? { ...choices, prisons: [] } : choices
    const areaForm = {
      ...areaView(offered, {}, data.regions).form,
      action: '/outcomes',
      measure: measure.key,
    }
    const body = await nationalBodies(
      data.tag,
      `${measure.key}\n${threshold}\n${mayEditTargets}`,
      async () => {
        const [table, totals] = tables()
        const period = data.latest[measure.key] ?? ''
        const bars = data.regions.map((r) => {
          // The target marked is the current one: one past its deadline has ended (defect 8).
          const target = targetFor(data.targets, r.code, measure.key)
          return {
            label: r.name,
            rate: figureOf(
              data.cells.find((c) => c.measure === measure.key && c.group === r.code && c.period === period),
              threshold,
            ).rate,
            target: target && target.deadline >= data.today ? targetValue(target) : null,
          }
        })
        return app.renderFragment('outcomes/views/national-body.njk', {
          today: data.today,
          threshold,
          regions: data.regions,
          ...shown({ totals, table }),
          measureOptions: measureOptions(measure.key),
          svg: await barChart(bars, `${measure.label} by region, ${periodLabel(period, 'quarter')}`),
          chartCaption: `${measure.label} by region, ${periodLabel(period, 'quarter')}. Bars are the rates; a black tick marks a region’s current target.`,
          downloadBase: `/outcomes?measure=${measure.key}&`,
          mayEditTargets,
        })
      },
    )
    return reply.render('outcomes/views/national.njk', {
      pageTitle: 'Outcomes and regional targets',
      body,
      areaForm,
    })
  })

  const regional = { schema: { params: RegionParams, querystring: DashboardQuery } }
  typed.get('/outcomes/regions/:region', regional, async (request, reply) => {
    const { region } = request.params
    const q = request.query
    const data = await outcomes.regional(request.ctx, region, q.measure, { pdu: q.pdu, prison: q.prison })
    const threshold = outcomes.smallCellThreshold
    const m = data.measure
    const latest = data.latest[m.key] ?? ''
    const name = (code: string) => data.names.get(code) ?? code
    const narrowed = areaView(data.choices, data.filter, [data.region])
    // Every drill-down from a narrowed figure lists the same area's releases.
    const keep = () => narrowed.params
    const summary = regionalSummary(region, data.targets, data.summary, data.latest, threshold, narrowed)
    const quarters = seriesTable(
      'by-quarter',
      `${m.label} by quarter${narrowed.caption}`,
      'Quarter',
      m,
      region,
      data.byQuarter,
      'quarter',
      threshold,
      (c) => c.period,
      keep,
      (c) => periodLabel(c.period, 'quarter'),
    )
    const months = seriesTable(
      'by-month',
      `${m.label} by month${narrowed.caption}`,
      'Month',
      m,
      region,
      data.byMonth,
      'month',
      threshold,
      (c) => c.period,
      keep,
      (c) => periodLabel(c.period, 'month'),
    )
    const pdus = seriesTable(
      'by-pdu',
      `${m.label} by PDU, ${periodLabel(latest, 'quarter')}`,
      'PDU',
      m,
      region,
      data.byPdu,
      'quarter',
      threshold,
      (c) => name(c.group),
      (c) => ({ pdu: c.group }),
    )
    const prisons = seriesTable(
      'by-prison',
      `${m.label} by prison, ${periodLabel(latest, 'quarter')}`,
      'Prison',
      m,
      region,
      data.byPrison,
      'quarter',
      threshold,
      (c) => name(c.group),
      (c) => ({ prison: c.group }),
    )
    const offenders = offenderTable(data.offenders, threshold)
    const tables = { summary, quarters, months, pdus, prisons, offenders }
    if (await sendAskedTable(reply, Object.values(tables), q, `outcomes-${region}${narrowed.fileSuffix}`))
      return reply
    const target = targetFor(data.targets, region, m.key)
    const goal = target ? targetValue(target) : null
    const targetText = target
      ? ` ${narrowed.applied ? 'The region’s target, for context' : 'Target'}: ${describeTarget(target)}.`
      : ''
    return reply.render('outcomes/views/regional.njk', {
      pageTitle: `${data.region.name}: outcomes${narrowed.title}`,
      narrowed: narrowed.applied,
      areaForm: { ...narrowed.form, ...data.filter, action: `/outcomes/regions/${region}`, measure: m.key },
      today: data.today,
      threshold,
      region: data.region,
      measure: m,
      ...shown(tables),
      // The annual rate is the mean of the latest four complete cohorts, never a provisional one.
      annual:
        m.type === 'reoffending'
          ? annualMean(
              data.byQuarter.filter((c) => c.complete),
              threshold,
            )
          : null,
      perRelease: m.type === 'reoffending',
      latestLabel: periodLabel(latest, 'quarter'),
      measureOptions: measureOptions(m.key),
      quarterSvg: await trendChart(
        trendPoints(data.byQuarter, 'quarter', threshold),
        goal,
        `${m.label} by quarter${narrowed.caption}`,
      ),
      quarterCaption: `${m.label} by quarter; provisional quarters (follow-up not complete) hollow on a dashed line.${targetText}`,
      monthSvg: await trendChart(
        trendPoints(data.byMonth, 'month', threshold),
        goal,
        `${m.label} by month${narrowed.caption}`,
      ),
      monthCaption: `${m.label} by month; provisional months hollow on a dashed line.${targetText}`,
      downloadBase: downloadBase(request.url),
    })
  })

  const drill = { schema: { params: DrillParams, querystring: DrillQuery } }
  typed.get('/outcomes/regions/:region/measures/:measure/releases', drill, async (request, reply) => {
    const { region, measure } = request.params
    const q = request.query
    // Sorted or filtered, the whole figure is listed in memory (a region's quarter: thousands of
    // releases at most); otherwise the database pages it, a hundred at a time.
    const listing = Boolean(q.sort || q.q)
    const data = await outcomes.drilldown(request.ctx, {
      measure,
      region,
      period: q.period,
      unit: q.unit,
      pdu: q.pdu,
      prison: q.prison,
      page: q.format || listing ? undefined : { number: q.page, size: DRILL_PAGE_SIZE, counted: q.counted },
    })
    const table =
      data.kind === 'releases'
        ? releasesTable(data.rows, data.measure.type === 'reoffending')
        : terminationsTable(data.rows)
    const keep = { period: q.period, unit: q.unit, pdu: q.pdu, prison: q.prison, counted: q.counted }
    const base = `/outcomes/regions/${region}/measures/${measure}/releases`
    const list = listPage(
      table,
      { sort: q.sort, order: q.order, q: q.q, page: 1 },
      {
        baseUrl: base,
        pageSize: Math.max(1, table.rows.length),
        defaultSort: { key: 'released', order: 'asc' },
        keep,
      },
    )
    // A download holds every release of the figure that the sort and filter leave, in that order.
    const listed = { ...table, rows: list.rows }
    const asked = { download: q.format ? table.id : undefined, format: q.format }
    if (await sendAskedTable(reply, [listed], asked, `${measure}-${region}-${q.period}`)) return reply
    const counted =
      listing && q.counted && data.kind === 'releases'
        ? list.rows.filter((r) => r.countedAs === q.counted)
        : list.rows
    const pages = listing
      ? Math.max(1, Math.ceil(counted.length / DRILL_PAGE_SIZE))
      : data.kind === 'releases'
        ? data.pages
        : 1
    const rows = listing ? counted.slice((q.page - 1) * DRILL_PAGE_SIZE, q.page * DRILL_PAGE_SIZE) : counted
    const shown = shownTable({ ...table, rows })
    shown.govuk.head = list.table.head
    const counts = data.kind === 'releases' ? drillSummary(data.counts) : terminationSummary(data.rows)
    return reply.render('outcomes/views/drilldown.njk', {
      pageTitle: `${data.measure.label}: releases`,
      measure: data.measure,
      region: data.region,
      periodLabel: periodLabel(q.period, q.unit),
      where: [q.pdu, q.prison].filter(Boolean).join(', '),
      table: shown,
      filter: { action: base, q: q.q ?? '', hidden: { ...keep, sort: q.sort, order: q.order } },
      summaryRows: summaryRows(counts),
      // A download is every release behind the figure, whichever page is showing, sorted and
      // filtered as the page is.
      downloadBase: downloadBase(request.url, ['page', 'counted']),
      ...(data.kind === 'releases'
        ? drillPages(request.url, q.page, pages, q.counted, data.counts)
        : { pagination: {}, countedLinks: [] }),
    })
  })
}

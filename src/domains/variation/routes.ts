/**
 * The variation pages: the explorer (a measure split one or two ways, with intervals, tests,
 * trends and a dot-and-interval chart), the funnel plot of areas, and the releases behind any
 * figure. Thin handlers: parse, one service call, render or download.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { can } from '../../platform/auth/roles.ts'
import { formErrors, parseWith } from '../../platform/http/forms.ts'
import { FormFields } from '../../platform/validation/index.ts'
import { MEASURES, periodLabel } from '../outcomes/measures.ts'
import { sendAskedTable, shownTable } from '../../platform/table/index.ts'
import { dotIntervalChart, funnelChart } from './charts.ts'
import { beyondSentence, funnelCurve } from './funnel.ts'
import { DrillQuery, ExplorerQuery, ExtractQuery, FunnelPageQuery } from './schemas.ts'
import { DRILL_PAGE, quarterName, quarterStart, type VariationService } from './service.ts'
import { SPLITS } from './splits.ts'
import {
  cellsTable,
  funnelTable,
  groupName,
  sentences,
  totalsTable,
  trendTable,
  type Context,
} from './view-models.ts'

/** The page's form sends `by` and an optional second split `then`; the API takes `by=a,b`. */
function pageQuery(raw: Record<string, string | string[]>): Record<string, string | string[] | undefined> {
  const one = (k: string) => (Array.isArray(raw[k]) ? raw[k][0] : raw[k])
  const then = one('then')
  const by = one('by')
  return { ...raw, by: then && by ? `${by},${then}` : by, then: undefined }
}

const str = (v: string | string[] | undefined, fallback = '') =>
  Array.isArray(v) ? (v[0] ?? fallback) : (v ?? fallback)

const measureItems = (selected: string) =>
  MEASURES.map((m) => ({
    value: m.key,
    text: m.label,
    selected: m.key === selected,
  }))

function quarterItems(today: string, selected: string) {
  const items = []
  let y = Number(today.slice(0, 4))
  let q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1
  for (let i = 0; i < 40; i++) {
    const v = `${y}-Q${q}`
    items.push({ value: v, text: v, selected: v === selected })
    if (--q === 0) [q, y] = [4, y - 1]
  }
  return items
}

const quarterLabel = (start: string) => periodLabel(start, 'quarter')

function contextOf(
  v: { measure: { label: string }; splits: Context['splits']; names: Map<string, string> },
  q: Record<string, string | undefined>,
) {
  const query = new URLSearchParams()
  for (const [k, val] of Object.entries(q)) if (val) query.set(k, val)
  return { measure: v.measure.label, splits: v.splits, names: v.names, query } satisfies Context
}

export function variationRoutes(app: FastifyInstance, service: VariationService) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  // The explorer is a form sent by GET: its fields are declared as form fields and checked by
  // ExplorerQuery here, so a wrong choice re-renders the explorer with the error summary and the
  // choices kept, rather than a bare 400 page.
  typed.get('/outcomes/variation', { schema: { querystring: FormFields } }, async (request, reply) => {
    const raw = pageQuery(request.query)
    const parsed = parseWith(ExplorerQuery, raw)
    const form = {
      measure: str(raw.measure, 'employed_6_months'),
      by: str(raw.by, 'sex').split(',')[0],
      then: str(raw.by).split(',')[1] ?? '',
      region: str(raw.region),
      pdu: str(raw.pdu),
    }
    const areas = await service.areas(request.ctx)
    const everything = { value: '', text: 'All the releases you can see' }
    const base = {
      // The scope can be narrowed in the page (issue 14): a region, for national readers, and a
      // PDU of what the reader can see. The scope predicate still applies to whatever is chosen.
      regionItems: areas.regions.length
        ? [
            everything,
            ...areas.regions.map((r) => ({ value: r.code, text: r.name, selected: r.code === form.region })),
          ]
        : null,
      pduItems: areas.pdus.length
        ? [
            everything,
            ...areas.pdus.map((p) => ({
              value: p.code,
              text: areas.regions.length ? `${p.name} (${p.region})` : p.name,
              selected: p.code === form.pdu,
            })),
          ]
        : null,
      pageTitle: 'Variation in outcomes',
      measureItems: measureItems(form.measure),
      splitItems: SPLITS.map((s) => ({ value: s.key, text: s.label, selected: s.key === form.by })),
      thenItems: [
        { value: '', text: 'Nothing else' },
        ...SPLITS.map((s) => ({ value: s.key, text: s.label, selected: s.key === form.then })),
      ],
    }
    if (!parsed.ok) {
      service.authorise(request.ctx)
      const today = service.today()
      return reply.code(400).render('variation/views/explorer.njk', {
        ...base,
        errors: formErrors(parsed.errors),
        fromItems: quarterItems(today, str(raw.from)),
        toItems: quarterItems(today, str(raw.to)),
      })
    }
    const q = parsed.data
    const v = await service.variation(request.ctx, q)
    const ctx = contextOf(v, {
      measure: q.measure,
      by: q.by.join(','),
      from: v.fromQuarter,
      to: v.toQuarter,
      region: q.region,
      pdu: q.pdu,
    })
    const period = `${quarterLabel(v.from)} to ${quarterLabel(quarterStart(v.toQuarter))}`
    // The caption names the area chosen, so a download or a pasted chart says what it is of.
    const area =
      areas.pdus.find((p) => p.code === q.pdu)?.name ?? areas.regions.find((r) => r.code === q.region)?.name
    const caption = `${v.measure.label} by ${v.splits.map((s) => s.label.toLowerCase()).join(' and ')}, releases ${period}${area ? `, ${area}` : ''}`
    const main = cellsTable(ctx, v.table.cells, caption)
    const totals = v.splits.length === 2 ? totalsTable(ctx, v.table.totals, v.table.overall) : null
    const trend = v.splits.length === 1 ? trendTable(ctx, v.table.trend, quarterLabel) : null
    const tables = [main, ...(totals ? [totals] : []), ...(trend ? [trend] : [])]
    if (await sendAskedTable(reply, tables, q, 'variation')) return reply
    const dots = v.table.cells.map((c) => ({
      label: c.group.map((g, i) => groupName(ctx, i, g)).join(', '),
      rate: c.rate,
      low: c.ciLow,
      high: c.ciHigh,
      significant: c.significant,
    }))
    return reply.render('variation/views/explorer.njk', {
      ...base,
      fromItems: quarterItems(v.today, v.fromQuarter),
      toItems: quarterItems(v.today, v.toQuarter),
      result: v,
      caption,
      overall: v.table.overall,
      main: shownTable(main),
      totals: totals && shownTable(totals),
      trend: trend && shownTable(trend),
      sentences: sentences(ctx, v.table.cells),
      svg: dotIntervalChart(dots, v.table.overall.rate, caption),
      downloadBase: `/outcomes/variation?${ctx.query.toString()}&`,
      extractHref: can(request.ctx.actor.role, 'extracts:anonymised')
        ? `/outcomes/variation/extract?measure=${q.measure}&from=${v.fromQuarter}&to=${v.toQuarter}`
        : null,
      funnelHref: `/outcomes/variation/funnel?measure=${q.measure}&from=${v.fromQuarter}&to=${v.toQuarter}`,
    })
  })

  typed.get(
    '/outcomes/variation/funnel',
    { schema: { querystring: FunnelPageQuery } },
    async (request, reply) => {
      const q = request.query
      const f = await service.funnel(request.ctx, q)
      const ctx = contextOf(f, { measure: q.measure, by: q.level, from: f.fromQuarter, to: f.toQuarter })
      const levelName = { prison: 'prisons', pdu: 'probation delivery units', region: 'regions' }[q.level]
      const caption = `${f.measure.label}: ${levelName} against the national rate, ${f.fromQuarter} to ${f.toQuarter}`
      const table = funnelTable(ctx, f.points, caption)
      if (await sendAskedTable(reply, [table], q, 'funnel')) return reply
      const shown = f.points.filter((p) => p.rate !== null && p.denominator !== null)
      const maxN = Math.max(10, ...shown.map((p) => p.denominator!))
      const svg =
        f.nationalRate === null
          ? ''
          : funnelChart(
              shown.map((p) => ({
                label: groupName(ctx, 0, p.code),
                rate: p.rate!,
                denominator: p.denominator!,
                outlier: p.status.startsWith('outlier'),
                beyond: p.status.startsWith('beyond'),
              })),
              funnelCurve(f.nationalRate, maxN),
              f.nationalRate,
              caption,
            )
      const outliers = f.points
        .filter((p) => p.status.startsWith('outlier'))
        .map((p) => ({
          name: groupName(ctx, 0, p.code),
          href: `/outcomes/variation/releases?${new URLSearchParams({ measure: q.measure, by: q.level, from: f.fromQuarter, to: f.toQuarter, group: p.code }).toString()}`,
          side: p.status === 'outlier_high' ? 'above' : 'below',
          rate: p.rate,
        }))
      const beyond = f.points
        .map((p) => beyondSentence(groupName(ctx, 0, p.code), p, f, levelName))
        .filter((s): s is string => s !== null)
      return reply.render('variation/views/funnel.njk', {
        pageTitle: 'Funnel plot of areas',
        result: f,
        caption,
        table: shownTable(table),
        svg,
        outliers,
        beyond,
        measureItems: measureItems(q.measure),
        levelItems: (['region', 'pdu', 'prison'] as const).map((l) => ({
          value: l,
          text: { prison: 'Prisons', pdu: 'PDUs', region: 'Regions' }[l],
          selected: l === q.level,
        })),
        fromItems: quarterItems(f.today, f.fromQuarter),
        toItems: quarterItems(f.today, f.toQuarter),
        downloadBase: `/outcomes/variation/funnel?${new URLSearchParams({ measure: q.measure, level: q.level, from: f.fromQuarter, to: f.toQuarter }).toString()}&`,
      })
    },
  )

  typed.get(
    '/outcomes/variation/extract',
    { schema: { querystring: ExtractQuery } },
    async (request, reply) => {
      const x = await service.extract(request.ctx, request.query)
      reply.header('content-disposition', `attachment; filename="anonymised-${request.query.measure}.csv"`)
      reply.header('cache-control', 'no-store')
      return reply.type('text/csv; charset=utf-8').send(x.body)
    },
  )

  typed.get(
    '/outcomes/variation/releases',
    { schema: { querystring: DrillQuery } },
    async (request, reply) => {
      const d = await service.releases(request.ctx, request.query)
      const names = d.groups.map((g, i) => `${d.splits[i]!.label}: ${g}`).join(', ')
      return reply.render('variation/views/releases.njk', {
        pageTitle: 'Releases behind a figure',
        heading: `${d.measure.label}: ${names}`,
        period: `${quarterName(d.from)} to ${d.toQuarter}`,
        rows: d.rows,
        total: d.total,
        page: d.page,
        pages: Math.max(1, Math.ceil(d.total / DRILL_PAGE)),
        counted: {
          numerator: 'Counted in the numerator',
          denominator: 'In the denominator only',
          unknown: 'Unknown status: reported separately',
          excluded: 'Excluded from the measure',
        },
      })
    },
  )
}

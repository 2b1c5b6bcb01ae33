/**
 * The variation API (issue 14): the same published figures as the pages, withheld numbers as
 * null. Both endpoints are scoped by the one scope predicate and audited as aggregate reads.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { FunnelQuery, FunnelView, VariationQuery, VariationView } from './schemas.ts'
import type { VariationService } from './service.ts'

const named = (keys: readonly string[], group: readonly string[]) =>
  Object.fromEntries(keys.map((k, i) => [k, group[i] ?? '*']))

export function variationApiRoutes(app: FastifyInstance, service: VariationService) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  typed.get(
    '/api/v1/outcomes/variation',
    {
      schema: {
        tags: ['Outcomes'],
        summary:
          'A release measure split by one or two of sex, ethnicity, age, sentence length, region, PDU, prison, weekday and accommodation need, with 95% intervals and Holm-corrected tests; disclosure-controlled',
        querystring: VariationQuery,
        response: { 200: VariationView },
      },
    },
    async (request) => {
      const v = await service.variation(request.ctx, request.query, 'api-variation')
      const { overall } = v.table
      return {
        measure: v.measure.key,
        by: request.query.by,
        from: v.fromQuarter,
        to: v.toQuarter,
        threshold: v.threshold,
        provisional: v.provisional,
        overall: { numerator: overall.numerator, denominator: overall.denominator, rate: overall.rate },
        cells: v.table.cells.map((c) => ({
          group: named(request.query.by, c.group),
          numerator: c.numerator,
          denominator: c.denominator,
          rate: c.rate,
          ciLow: c.ciLow,
          ciHigh: c.ciHigh,
          pValue: c.pValue,
          significant: c.significant,
          suppressed: c.suppressed,
        })),
        totals: v.table.totals.map((t) => ({
          group: Object.fromEntries(
            request.query.by
              .map((k, i): [string, string] => [k, t.group[i] ?? '*'])
              .filter(([, g]) => g !== '*'),
          ),
          numerator: t.numerator,
          denominator: t.denominator,
          rate: t.rate,
          suppressed: t.suppressed,
        })),
      }
    },
  )

  typed.get(
    '/api/v1/outcomes/funnel',
    {
      schema: {
        tags: ['Outcomes'],
        summary:
          'Areas’ rates against their denominators with 95% and 99.8% limits around the national rate (exact binomial); an area is an outlier only when its exact test survives Holm’s correction for the areas compared; disclosure-controlled',
        querystring: FunnelQuery,
        response: { 200: FunnelView },
      },
    },
    async (request) => {
      const f = await service.funnel(request.ctx, request.query)
      return {
        measure: f.measure.key,
        level: request.query.level,
        from: f.fromQuarter,
        to: f.toQuarter,
        threshold: f.threshold,
        nationalRate: f.nationalRate,
        correction: f.correction,
        points: f.points.map((p) => ({ ...p, name: f.names.get(p.code) ?? p.code })),
      }
    },
  )
}

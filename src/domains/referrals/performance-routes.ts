import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { formPage, NoParams } from '../../platform/http/form-page.ts'
import { IdParams } from '../../platform/validation/index.ts'
import type { ContractService } from './contracts.ts'
import type { PerformanceService } from './performance.ts'
import { RAG_LABELS } from './rag.ts'
import { ContractInput, PeriodQuery, QUALITY_GROUPINGS } from './schemas.ts'

const QualityQuery = PeriodQuery.extend({ by: z.enum(QUALITY_GROUPINGS).catch('referrer') })
const ExportQuery = PeriodQuery.extend({ format: z.enum(['csv', 'xlsx']).catch('csv') })
const GROUPING_LABELS = {
  referrer: 'Referrer',
  pdu: 'Probation Delivery Unit',
  prison: 'Prison',
  region: 'Region',
} as const

export function performanceRoutes(
  app: FastifyInstance,
  performance: PerformanceService,
  contracts: ContractService,
) {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  typed.get('/contracts/performance', { schema: { querystring: PeriodQuery } }, async (request, reply) => {
    const p = performance.periodOf(request.query)
    const rows = await performance.overview(request.ctx, p)
    return reply.render('referrals/views/performance-overview.njk', {
      pageTitle: 'Contract performance',
      rows,
      period: p,
      ragLabels: RAG_LABELS,
    })
  })

  typed.get(
    '/contracts/:id/performance',
    { schema: { params: IdParams, querystring: PeriodQuery } },
    async (request, reply) => {
      const { id } = request.params
      const p = performance.periodOf(request.query)
      const view = await performance.contract(request.ctx, id, p)
      const query = new URLSearchParams({ from: p.from, to: p.to })
      return reply.render('referrals/views/performance-contract.njk', {
        pageTitle: `Performance: ${view.contract.reference}`,
        ...view,
        period: p,
        query: query.toString(),
        ragLabels: RAG_LABELS,
        backLink: '/contracts/performance',
      })
    },
  )

  typed.get(
    '/contracts/:id/performance/export',
    { schema: { params: IdParams, querystring: ExportQuery } },
    async (request, reply) => {
      const { id } = request.params
      const { format } = request.query
      const file = await performance.export(request.ctx, id, performance.periodOf(request.query), format)
      return reply
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .type(file.type)
        .send(file.body)
    },
  )

  typed.get('/referrals/quality', { schema: { querystring: QualityQuery } }, async (request, reply) => {
    const { by } = request.query
    const p = performance.periodOf(request.query)
    const rows = await performance.qualityReport(request.ctx, by, p)
    const tabs = QUALITY_GROUPINGS.map((g) => ({
      href: `/referrals/quality?by=${g}`,
      text: GROUPING_LABELS[g],
      current: g === by,
    }))
    return reply.render('referrals/views/quality-report.njk', {
      pageTitle: 'Referral quality',
      rows,
      tabs,
      groupLabel: GROUPING_LABELS[by],
      period: p,
    })
  })

  formPage(app, {
    path: '/admin/contracts/new',
    params: NoParams,
    capability: 'contracts:manage',
    view: 'referrals/views/contract-new.njk',
    pageTitle: 'Add a contract',
    schema: ContractInput,
    dateFields: ['startDate', 'endDate'],
    load: async (request) => {
      const options = await contracts.formOptions(request.ctx)
      return {
        providers: [
          { value: '', text: 'Select a provider' },
          ...options.providers.map((p) => ({ value: p.id, text: p.name })),
        ],
        contractTypes: [
          { value: '', text: 'Select a contract type' },
          ...options.contractTypes.map((t) => ({ value: t.id, text: t.name })),
        ],
        categoryItems: options.categories.map((c) => ({ value: c.id, text: c.name })),
        regionItems: options.regions.map((r) => ({ value: r.code, text: r.name })),
        backLink: '/contracts/performance',
      }
    },
    save: (request, _params, input) => contracts.create(request.ctx, input),
    redirect: (created) => `/contracts/${created.id}/performance`,
    confirmation: (created) => `Contract ${created.reference} added`,
  })
}

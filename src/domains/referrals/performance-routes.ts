import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { formErrors, parseWith, text, withJoinedDates } from '../../platform/http/forms.ts'
import { flag, FormFields, IdParams } from '../../platform/validation/index.ts'
import type { ContractService } from './contracts.ts'
import type { PerformanceService } from './performance.ts'
import { RAG_LABELS } from './rag.ts'
import { ContractInput, PeriodQuery, QUALITY_GROUPINGS } from './schemas.ts'

const QualityQuery = PeriodQuery.extend({ by: z.enum(QUALITY_GROUPINGS).catch('referrer') })
const ExportQuery = PeriodQuery.extend({ format: z.enum(['csv', 'xlsx']).catch('csv') })
const ContractQuery = PeriodQuery.extend({ added: flag })
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
    { schema: { params: IdParams, querystring: ContractQuery } },
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
        flash: request.query.added ? 'Contract added' : undefined,
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

  const renderNew = async (
    ctx: RequestContext,
    reply: FastifyReply,
    values: Record<string, unknown>,
    fields: FieldErrors,
    status: number,
  ) => {
    const options = await contracts.formOptions(ctx)
    const list = (v: unknown) => new Set([v ?? []].flat().map(text))
    const categories = list(values.serviceCategoryIds)
    const regions = list(values.regionCodes)
    return reply.code(status).render('referrals/views/contract-new.njk', {
      pageTitle: 'Add a contract',
      values,
      errors: formErrors(fields, { dateFields: ['startDate', 'endDate'] }),
      providers: [
        { value: '', text: 'Select a provider' },
        ...options.providers.map((p) => ({
          value: p.id,
          text: p.name,
          selected: p.id === values.providerOrganisationId,
        })),
      ],
      contractTypes: [
        { value: '', text: 'Select a contract type' },
        ...options.contractTypes.map((t) => ({
          value: t.id,
          text: t.name,
          selected: t.id === values.contractTypeId,
        })),
      ],
      categoryItems: options.categories.map((c) => ({
        value: c.id,
        text: c.name,
        checked: categories.has(c.id),
      })),
      regionItems: options.regions.map((r) => ({
        value: r.code,
        text: r.name,
        checked: regions.has(r.code),
      })),
      backLink: '/contracts/performance',
    })
  }
  typed.get('/admin/contracts/new', async (request, reply) => renderNew(request.ctx, reply, {}, {}, 200))
  typed.post('/admin/contracts/new', { schema: { body: FormFields } }, async (request, reply) => {
    const body = withJoinedDates(request.body, ['startDate', 'endDate'])
    const parsed = parseWith(ContractInput, body)
    if (!parsed.ok) return renderNew(request.ctx, reply, body, parsed.errors, 400)
    try {
      const created = await contracts.create(request.ctx, parsed.data)
      return reply.redirect(`/contracts/${created.id}/performance?added=1`, 303)
    } catch (err) {
      if (err instanceof ValidationFailed) return renderNew(request.ctx, reply, body, err.fields, 400)
      throw err
    }
  })
}

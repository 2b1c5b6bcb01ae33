import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { formErrors, parseWith, text, withJoinedDates } from '../../platform/http/forms.ts'
import type { ContractService } from './contracts.ts'
import type { PerformanceService } from './performance.ts'
import { RAG_LABELS } from './rag.ts'
import { ContractInput, PeriodQuery, QUALITY_GROUPINGS } from './schemas.ts'

const QualityQuery = z.object({ by: z.enum(QUALITY_GROUPINGS).catch('referrer') })
const ExportQuery = z.object({ format: z.enum(['csv', 'xlsx']).catch('csv') })
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
  const period = (request: FastifyRequest) => {
    const p = PeriodQuery.safeParse(request.query)
    return performance.periodOf(p.success ? p.data : {})
  }

  app.get('/contracts/performance', async (request, reply) => {
    const p = period(request)
    const rows = await performance.overview(request.ctx, p)
    return reply.render('referrals/views/performance-overview.njk', {
      pageTitle: 'Contract performance',
      rows,
      period: p,
      ragLabels: RAG_LABELS,
    })
  })

  app.get('/contracts/:id/performance', async (request, reply) => {
    const { id } = request.params as { id: string }
    const p = period(request)
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
  })

  app.get('/contracts/:id/performance/export', async (request, reply) => {
    const { id } = request.params as { id: string }
    const { format } = ExportQuery.parse(request.query)
    const file = await performance.export(request.ctx, id, period(request), format)
    return reply
      .header('content-disposition', `attachment; filename="${file.name}"`)
      .type(file.type)
      .send(file.body)
  })

  app.get('/referrals/quality', async (request, reply) => {
    const { by } = QualityQuery.parse(request.query)
    const p = period(request)
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
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    fields: FieldErrors,
    status: number,
  ) => {
    const options = await contracts.formOptions(request.ctx)
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
  app.get('/admin/contracts/new', async (request, reply) => renderNew(request, reply, {}, {}, 200))
  app.post('/admin/contracts/new', async (request, reply) => {
    const body = withJoinedDates((request.body ?? {}) as Record<string, unknown>, ['startDate', 'endDate'])
    const parsed = parseWith(ContractInput, body)
    if (!parsed.ok) return renderNew(request, reply, body, parsed.errors, 400)
    try {
      const created = await contracts.create(request.ctx, parsed.data)
      return reply.redirect(`/contracts/${created.id}/performance?added=1`, 303)
    } catch (err) {
      if (err instanceof ValidationFailed) return renderNew(request, reply, body, err.fields, 400)
      throw err
    }
  })
}

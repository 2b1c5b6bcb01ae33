import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { formPage, NoParams } from '../../platform/http/form-page.ts'
import { IdParams } from '../../platform/validation/index.ts'
import type { ContractService } from './contracts.ts'
import type { ContractVolumeService } from './contract-volume.ts'
import type { PerformanceService } from './performance.ts'
import { RAG_LABELS, type DimensionRating } from './rag.ts'
import { measuresTable, overviewTable, qualityTable, referralsTable } from './performance-tables.ts'
import { govukTable, sendTables } from '../../platform/table/index.ts'
import { ContractInput, PeriodQuery, QUALITY_GROUPINGS } from './schemas.ts'

const DownloadQuery = PeriodQuery.extend({ format: z.enum(['csv', 'xlsx']).optional().catch(undefined) })
const QualityQuery = DownloadQuery.extend({ by: z.enum(QUALITY_GROUPINGS).catch('referrer') })
const ExportQuery = PeriodQuery.extend({ format: z.enum(['csv', 'xlsx']).catch('csv') })

/** The CSV and XLSX links of a page: the same address and filters, with the format added. */
const downloads = (path: string, query: Record<string, string>) =>
  (['csv', 'xlsx'] as const).map((format) => ({
    text: format === 'csv' ? 'CSV' : 'Excel (XLSX)',
    href: `${path}?${new URLSearchParams({ ...query, format }).toString()}`,
  }))

/** The three NAO dimensions as a small table: a rating withheld with its evidence says so. */
const ratingsTable = (ratings: DimensionRating[]) =>
  govukTable(
    {
      id: 'Ratings',
      caption: 'Ratings on the National Audit Office’s three dimensions',
      rows: ratings,
      columns: [
        { key: 'dimension', label: 'Dimension', value: (d) => d.label },
        {
          key: 'rating',
          label: 'Rating',
          value: (d) => (d.rag ? RAG_LABELS[d.rag] : 'Not rated: too few cases to publish'),
        },
      ],
    },
    { firstCellIsHeader: true },
  )
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
  volumes: ContractVolumeService,
) {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  typed.get('/contracts/performance', { schema: { querystring: DownloadQuery } }, async (request, reply) => {
    const p = performance.periodOf(request.query)
    const { rows, total } = await performance.overview(request.ctx, p)
    const table = overviewTable(total ? [...rows, total] : rows)
    const { format } = request.query
    if (format) return sendTables(reply, format, `contract-performance-${p.from}-to-${p.to}`, [table])
    return reply.render('referrals/views/performance-overview.njk', {
      pageTitle: 'Contract performance',
      table: govukTable(table),
      notes: table.notes,
      downloads: downloads('/contracts/performance', { from: p.from, to: p.to }),
      period: p,
    })
  })

  typed.get(
    '/contracts/:id/performance',
    { schema: { params: IdParams, querystring: PeriodQuery } },
    async (request, reply) => {
      const { id } = request.params
      const p = performance.periodOf(request.query)
      const view = await performance.contract(request.ctx, id, p)
      // The link to change the places shows only to those who may (issue 17).
      const mayChangeVolume = await volumes.open(request.ctx, id).then(
        () => true,
        () => false,
      )
      const evidence = measuresTable(view.evidence)
      const after = {
        ...measuresTable(view.afterService),
        id: 'After the service',
        caption: 'Outcomes after the service',
      }
      return reply.render('referrals/views/performance-contract.njk', {
        pageTitle: `Performance: ${view.contract.reference}`,
        ...view,
        ratingsTable: ratingsTable(view.figures.ratings),
        evidenceTable: govukTable(evidence),
        afterTable: govukTable({ ...after, columns: after.columns.filter((c) => c.key !== 'green') }),
        referralsTable: govukTable(referralsTable(view.referrals)),
        notes: evidence.notes,
        period: p,
        downloads: downloads(`/contracts/${id}/performance/export`, { from: p.from, to: p.to }),
        backLink: '/contracts/performance',
        mayChangeVolume,
      })
    },
  )

  typed.get(
    '/contracts/:id/performance/export',
    { schema: { params: IdParams, querystring: ExportQuery } },
    async (request, reply) => {
      const { id } = request.params
      const { format } = request.query
      const p = performance.periodOf(request.query)
      const { contract, rows } = await performance.exportRows(request.ctx, id, p, format)
      const name = `contract-${contract.reference}-${p.from}-to-${p.to}`
      return sendTables(reply, format, name, [referralsTable(rows)])
    },
  )

  typed.get('/referrals/quality', { schema: { querystring: QualityQuery } }, async (request, reply) => {
    const { by, format } = request.query
    const p = performance.periodOf(request.query)
    const rows = await performance.qualityReport(request.ctx, by, p)
    const table = qualityTable(rows, GROUPING_LABELS[by])
    if (format) return sendTables(reply, format, `referral-quality-by-${by}-${p.from}-to-${p.to}`, [table])
    const tabs = QUALITY_GROUPINGS.map((g) => ({
      href: `/referrals/quality?by=${g}`,
      text: GROUPING_LABELS[g],
      current: g === by,
    }))
    return reply.render('referrals/views/quality-report.njk', {
      pageTitle: 'Referral quality',
      rows,
      table: govukTable(table),
      notes: table.notes,
      downloads: downloads('/referrals/quality', { by, from: p.from, to: p.to }),
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

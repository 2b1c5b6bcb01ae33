/**
 * Overlaps and gaps: the report and worklist page, one person's services, gaps and overlaps,
 * and the form that records another party's service episode (the one form pattern).
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { formPage } from '../../platform/http/form-page.ts'
import { offer, sendIfAsked, shown } from '../forecasting/tables.ts'
import { PATHWAY_LABELS, PATHWAYS } from './rules.ts'
import { CoverageQuery, PARTIES, PARTY_LABELS, PersonParams, ServiceEpisodeInput } from './schemas.ts'
import type { CoverageService } from './service.ts'
import { reportTable, worklistTable } from './view-models.ts'

export function coverageRoutes(
  app: FastifyInstance,
  coverage: CoverageService,
  names: () => Promise<Map<string, string>>,
  threshold: number,
) {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  typed.get('/coverage', { schema: { querystring: CoverageQuery } }, async (request, reply) => {
    const o = await coverage.overview(request.ctx)
    const report = o.cells
      ? reportTable(o.cells, await names(), o.level === 'region' ? 'Region' : 'PDU', threshold)
      : null
    const worklist = worklistTable(o.worklist, o.settings.dueSoonWeeks)
    const offered = [offer(worklist), ...(report ? [offer(report)] : [])]
    if (await sendIfAsked(reply, offered, request.query, 'coverage')) return reply
    return reply.render('coverage/views/coverage.njk', {
      pageTitle: 'Overlaps and gaps in services',
      o,
      report: report ? shown(report) : null,
      worklist: shown(worklist),
      downloadBase: '/coverage?',
    })
  })

  typed.get('/coverage/people/:personId', { schema: { params: PersonParams } }, async (request, reply) => {
    const p = await coverage.person(request.ctx, request.params.personId)
    return reply.render('coverage/views/person.njk', {
      pageTitle: 'Services and gaps',
      p,
      mayRecord: coverage.mayRecord(request.ctx),
      pathwayLabels: PATHWAY_LABELS,
    })
  })

  formPage(app, {
    path: '/coverage/people/:personId/services',
    params: PersonParams,
    capability: 'status:write',
    view: 'coverage/views/record.njk',
    pageTitle: 'Record a service from another party',
    schema: ServiceEpisodeInput,
    dateFields: ['startedOn', 'endedOn'],
    load: async (request, params) => ({
      p: await coverage.person(request.ctx, params.personId),
      pathwayOptions: [
        { value: '', text: 'Choose a pathway' },
        ...PATHWAYS.map((v) => ({ value: v, text: PATHWAY_LABELS[v] })),
      ],
      partyItems: PARTIES.map((v) => ({ value: v, text: PARTY_LABELS[v] })),
    }),
    save: (request, params, input) => coverage.recordService(request.ctx, params.personId, input),
    redirect: (_id, params) => `/coverage/people/${params.personId}`,
    confirmation: 'Service recorded',
  })
}

/** Release-readiness worklists and the pre-release measures: pages and the JSON API. */
import { camelRow } from '../../platform/db/camel.ts'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { NotFound } from '../../platform/errors.ts'
import type { ReleasePlanningService } from './service.ts'
import { DrillDownQuery, MeasuresQuery, WorklistPageQuery, WorklistQuery } from './schemas.ts'
import { sendTables } from '../../platform/table/index.ts'
import { worklistSorting, worklistTable } from './readiness-table.ts'
import * as readinessVm from './readiness-view-models.ts'

export function readinessRoutes(app: FastifyInstance, planning: ReleasePlanningService) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  typed.get(
    '/release-planning/worklist',
    { schema: { querystring: WorklistPageQuery } },
    async (request, reply) => {
      const { format, ...query } = request.query
      const council = request.actor?.scope.level === 'council'
      const sorting = worklistSorting(query)
      const result = await planning.worklist(request.ctx, { ...query, sorting }, { all: Boolean(format) })
      const table = worklistTable(result.rows, council, query.weeks)
      if (format) return sendTables(reply, format, table.id, [readinessVm.downloadTable(table, result)])
      return reply.render(
        'release-planning/views/worklist.njk',
        readinessVm.worklistView(result, table, { ...query, sorting }, council),
      )
    },
  )

  typed.get(
    '/release-planning/measures',
    { schema: { querystring: MeasuresQuery } },
    async (request, reply) => {
      const query = request.query
      return reply.render(
        'release-planning/views/measures.njk',
        readinessVm.measuresView(await planning.measures(request.ctx, query)),
      )
    },
  )

  // A drill-down with a malformed figure names no figure: not found, as a missing record would be.
  // The query is declared like every other (issue 11); a malformed figure reads as absent.
  typed.get(
    '/release-planning/measures/people',
    { schema: { querystring: DrillDownQuery } },
    async (request, reply) => {
      const { code, measure, ...query } = request.query
      if (!code || !measure) throw new NotFound('Measure')
      return reply.render(
        'release-planning/views/drill-down.njk',
        readinessVm.drillDownView(await planning.drillDown(request.ctx, { ...query, code, measure })),
      )
    },
  )

  registerApi(app, planning)
}

const WorklistRow = z.object({
  episodeId: z.string(),
  personId: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  prisonNumber: z.string().nullable(),
  crn: z.string().nullable(),
  expectedReleaseDate: z.string(),
  releaseDay: z.string(),
  flags: z.array(z.string()),
})

function registerApi(app: FastifyInstance, planning: ReleasePlanningService) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/release-planning/worklist',
    {
      schema: {
        tags: ['Release planning'],
        summary: 'Releases due in the next 12 or 24 weeks in your scope, with their readiness flags',
        querystring: WorklistQuery,
        response: {
          200: z.object({
            total: z.number(),
            page: z.number(),
            pages: z.number(),
            from: z.string(),
            to: z.string(),
            results: z.array(WorklistRow),
          }),
        },
      },
    },
    async (request) => {
      const r = await planning.worklist(request.ctx, {
        ...request.query,
        sorting: worklistSorting(request.query),
      })
      return {
        total: r.total,
        page: r.page,
        pages: r.pages,
        from: r.from,
        to: r.to,
        results: r.rows.map((row) => ({
          ...camelRow(row, [
            'episode_id',
            'person_id',
            'given_name',
            'family_name',
            'prison_number',
            'crn',
            'expected_release_date',
            'releaseDay',
          ]),
          flags: Object.entries(row.flags)
            .filter(([, on]) => on)
            .map(([k]) => k),
        })),
      }
    },
  )
}

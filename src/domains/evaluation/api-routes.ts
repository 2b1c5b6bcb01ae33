/**
 * The evaluations JSON API (issue 15). Rates are proportions from 0 to 1 here (percentages on the
 * pages); every figure comes from the disclosure-controlled result, as on the pages.
 */
import { camelRow } from '../../platform/db/camel.ts'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { EvaluationId, EvaluationRequest, EvaluationView } from './schemas.ts'
import type { EvaluationDetail, EvaluationService } from './service.ts'
import { COVARIATES } from './stats/design.ts'

const Created = z.object({
  id: z.string(),
  listProblems: z
    .array(z.object({ row: z.number(), value: z.string(), reason: z.string() }))
    .describe('Identifiers not used: not found in your scope (row 0), or invalid'),
})

export function toApiView(d: EvaluationDetail): EvaluationView {
  const { row, settings, definition, published: p } = d
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    progress: { step: row.progress_step, percent: row.progress_percent },
    inputs: {
      treatment: definition.treatment,
      from: row.release_from,
      to: row.release_to,
      ...camelRow(row, ['as_of', 'code_version']),
      caliper: settings.caliper,
      k: settings.k,
      seed: settings.seed,
      minMatchedTreated: settings.minMatchedTreated,
      covariates: COVARIATES.map((c) => c.key),
    },
    treated: p?.treated ?? null,
    matched: p?.matched ?? null,
    droppedOutsideSupport: p?.droppedOutsideSupport ?? null,
    balance: (p?.balance ?? []).map((b) => ({
      covariate: b.covariate,
      smdBefore: Number.isFinite(b.smdBefore) ? b.smdBefore : null,
      smdAfter: Number.isFinite(b.smdAfter) ? b.smdAfter : null,
    })),
    outcomes: (p?.outcomes ?? []).map((o) => ({
      outcome: o.outcome,
      treatedValue: o.treatedValue,
      comparisonValue: o.comparisonValue,
      difference: o.difference,
      ciLow: o.ciLow,
      ciHigh: o.ciHigh,
      pValue: o.pValue,
      nTreated: o.nTreated,
      nComparison: o.nComparison,
    })),
    naive: (p?.naive ?? []).map((n) => ({
      outcome: n.outcome,
      difference: Number.isFinite(n.difference) ? n.difference : null,
    })),
    ...(p?.refused ? { refused: p.refused } : {}),
    warnings: p?.warnings ?? [],
    headline: p?.headline ?? null,
    ...(row.error ? { error: row.error } : {}),
  }
}

export function evaluationApiRoutes(app: FastifyInstance, evaluations: EvaluationService) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['Evaluations']

  typed.post(
    '/api/v1/evaluations',
    {
      schema: {
        tags,
        summary: 'Define an evaluation against a matched comparison group; it runs in the background',
        body: EvaluationRequest,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const made = await evaluations.create(request.ctx, request.body)
      return reply.code(201).send({ id: made.id, listProblems: made.problems })
    },
  )

  typed.get(
    '/api/v1/evaluations/:id',
    {
      schema: {
        tags,
        summary: 'An evaluation: its status while it runs, then its balance, outcomes and headline',
        params: EvaluationId,
        response: { 200: EvaluationView },
      },
    },
    async (request) => toApiView(await evaluations.get(request.ctx, request.params.id)),
  )
}

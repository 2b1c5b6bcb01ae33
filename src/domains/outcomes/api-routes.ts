/**
 * The outcomes JSON API: a person's offences, orders and licences, and programmes, their changes,
 * and the measures by group and period. Bodies are checked by the zod schemas (so they appear in
 * the OpenAPI document); bad input answers 400 problem+json naming each field and writes nothing.
 */
import { camelRow, camelRows } from '../../platform/db/camel.ts'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  OffenceInput,
  OrderInput,
  OutcomeRecordsView,
  ProgrammeEnd,
  ProgrammeInput,
  ProofInput,
  Termination,
} from './record-schemas.ts'
import type { OutcomeRecords } from './records.ts'
import { MeasuresQuery } from './schemas.ts'
import type { OutcomesService } from './service.ts'
import { publishedCell } from './view-models.ts'

const Id = z.object({ id: z.string() })
const Created = z.object({ id: z.string() })
const count = z
  .number()
  .nullable()
  .describe(
    'Null when withheld: 1 to threshold − 1, or a count that could otherwise be worked out from the figures published beside it (a total less its other parts, here or on the dashboards)',
  )

const MeasuresView = z.object({
  today: z.string(),
  from: z.string(),
  to: z.string(),
  threshold: z.number().describe('Smallest denominator with a published rate'),
  cells: z.array(
    z.object({
      status: z
        .enum(['provisional', 'final', 'revised'])
        .describe(
          'provisional: the period or its follow-up (the checkpoint; 18 months for reoffending) is not complete; final: complete, and as published if published; revised: complete and different from the published figure',
        ),
      complete: z.boolean().describe('Whether every release in the period has reached the checkpoint'),
      published: z
        .object({
          publishedAt: z.string().describe('When the quarter was published'),
          status: z.enum(['provisional', 'final']).describe('The status the figure had when published'),
          rate: z.number().nullable(),
          numerator: count,
          denominator: count,
        })
        .nullable()
        .describe('The published figure, for quarters by region or nationally that have been published'),
      revision: z
        .number()
        .nullable()
        .describe('For a revised cell: live rate − published rate, in percentage points'),
      measure: z.string(),
      group: z.string(),
      period: z.string().describe('First day of the quarter or month'),
      rate: z.number().nullable().describe('Per cent; null when suppressed or no known status'),
      suppressed: z.boolean(),
      cohort: count,
      numerator: count,
      denominator: count,
      unknown: count,
      excluded: count,
      offences: count,
    }),
  ),
})

type Data = Awaited<ReturnType<OutcomeRecords['forPerson']>>

function recordsToApi(d: Data): z.infer<typeof OutcomeRecordsView> {
  return {
    personId: d.person.id,
    offences: d.offences.map((o) => ({
      ...camelRow(o, ['id', 'offence_date', 'description', 'proven_date']),
      disposal: o.disposal as 'conviction' | 'caution' | null,
    })),
    orders: d.orders.map((o) => ({
      ...camelRow(o, [
        'id',
        'custody_episode_id',
        'release_date',
        'region_code',
        'pdu_code',
        'start_date',
        'terminated_on',
        'requirements_complete',
        'version',
      ]),
      kind: o.kind as z.infer<typeof OrderInput>['kind'],
      terminationReason: o.termination_reason as z.infer<typeof Termination>['reason'] | null,
    })),
    programmes: camelRows(d.programmes, [
      'id',
      'name',
      'sexual_offending',
      'region_code',
      'pdu_code',
      'started_on',
      'terminated_on',
      'completed',
      'version',
    ]),
  }
}

export function outcomeApiRoutes(
  app: FastifyInstance,
  deps: { records: OutcomeRecords; outcomes: OutcomesService },
) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['Offences, orders and programmes']
  const { records } = deps

  typed.get(
    '/api/v1/people/:id/outcome-records',
    {
      schema: {
        tags,
        summary: 'A person’s offences, orders and licences, and programmes',
        params: Id,
        response: { 200: OutcomeRecordsView },
      },
    },
    async (request) => recordsToApi(await records.forPerson(request.ctx, request.params.id)),
  )

  // Each change: the body checked by its schema through the type provider (400 problem+json
  // naming each field, before the handler), one use case, and the id of what it changed.
  const change = <B extends z.ZodType, S extends 200 | 201>(summary: string, body: B, status: S) => ({
    schema: { tags, summary, params: Id, body, response: { [status]: Created } },
  })
  const changed = (id: string, made: { id: string } | void) => ({ id: made ? made.id : id })

  typed.post(
    '/api/v1/people/:id/offences',
    change('Record an offence, proven or not yet', OffenceInput, 201),
    async (request, reply) =>
      reply
        .code(201)
        .send(
          changed(
            request.params.id,
            await records.recordOffence(request.ctx, request.params.id, request.body),
          ),
        ),
  )
  typed.post(
    '/api/v1/offences/:id/proof',
    change('Record the conviction or caution that proved an offence', ProofInput, 200),
    async (request) =>
      changed(request.params.id, await records.proveOffence(request.ctx, request.params.id, request.body)),
  )
  typed.post(
    '/api/v1/people/:id/orders',
    change('Start an order or licence (a licence names its release)', OrderInput, 201),
    async (request, reply) =>
      reply
        .code(201)
        .send(
          changed(request.params.id, await records.startOrder(request.ctx, request.params.id, request.body)),
        ),
  )
  typed.post(
    '/api/v1/orders/:id/termination',
    change('End an order or licence (send the version you read)', Termination, 200),
    async (request) =>
      changed(request.params.id, await records.terminateOrder(request.ctx, request.params.id, request.body)),
  )
  typed.post(
    '/api/v1/people/:id/programmes',
    change('Start an accredited programme', ProgrammeInput, 201),
    async (request, reply) =>
      reply
        .code(201)
        .send(
          changed(
            request.params.id,
            await records.startProgramme(request.ctx, request.params.id, request.body),
          ),
        ),
  )
  typed.post(
    '/api/v1/programmes/:id/termination',
    change('End a programme (send the version you read)', ProgrammeEnd, 200),
    async (request) =>
      changed(
        request.params.id,
        await records.terminateProgramme(request.ctx, request.params.id, request.body),
      ),
  )

  typed.get(
    '/api/v1/outcomes/measures',
    {
      schema: {
        tags: ['Outcomes'],
        summary:
          'The outcome measures by group and whole quarter or month, protected as the dashboards are (small cells and the counts that would give them back withheld)',
        querystring: MeasuresQuery,
        response: { 200: MeasuresView },
      },
    },
    async (request) => {
      const r = await deps.outcomes.measures(request.ctx, request.query)
      return { ...r, cells: r.cells.map((c) => publishedCell(c, r.threshold)) }
    },
  )
}

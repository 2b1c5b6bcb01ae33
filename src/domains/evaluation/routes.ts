import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { fieldErrorsFrom, text } from '../../platform/http/forms.ts'
import { ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { formPage, NoParams, PostedForm, type FormState } from '../../platform/http/form-page.ts'
import { IdParams } from '../../platform/validation/index.ts'
import { sendAskedTable, shownTable } from '../../platform/table/index.ts'
import { evaluationApiRoutes } from './api-routes.ts'
import { FORM_DATES, fieldOf, requestFromForm } from './form.ts'
import { PROBLEM_TEXT } from './identifier-list.ts'
import { EvaluationRequest } from './schemas.ts'
import type { EvaluationDetail, EvaluationService } from './service.ts'
import { reportCharts, reportTables } from './view-models.ts'

type Choices = Awaited<ReturnType<EvaluationService['choices']>>

const ReportQuery = z.object({
  download: z.enum(['outcomes', 'balance', 'propensity', 'naive']).optional(),
  format: z.enum(['csv', 'xlsx']).catch('csv'),
  print: z.literal('1').optional(),
})

const RECEIVED = [
  { value: 'crs', text: 'A CRS referral (any stage after it was sent)' },
  { value: 'crsCompleted', text: 'A completed CRS intervention' },
  { value: 'cas3', text: 'A stay in CAS3 accommodation' },
  { value: 'programmeStarted', text: 'An accredited programme, started within a year after release' },
  { value: 'programmeCompleted', text: 'An accredited programme, completed' },
]

function dateParts(values: Record<string, unknown>, name: string) {
  return {
    day: text(values[`${name}-day`]),
    month: text(values[`${name}-month`]),
    year: text(values[`${name}-year`]),
  }
}

export function evaluationRoutes(app: FastifyInstance, evaluations: EvaluationService) {
  evaluationApiRoutes(app, evaluations)

  /** The define form's page: the services and contracts to choose from, with what was chosen. */
  function defineForm(choices: Choices, form: FormState) {
    const values = form.values
    const selected = (key: string) => new Set(Array.isArray(values[key]) ? values[key].map(text) : [])
    const received = selected('received')
    const categories = selected('serviceCategoryIds')
    const contracts = selected('contractIds')
    return {
      pageTitle: 'Define an evaluation',
      values,
      errors: form.errors,
      dates: { from: dateParts(values, 'from'), to: dateParts(values, 'to') },
      receivedItems: RECEIVED.map((r) => ({ ...r, checked: received.has(r.value) })),
      categoryItems: choices.categories.map((c) => ({
        value: c.id,
        text: c.name,
        checked: categories.has(c.id),
      })),
      contractItems: choices.contracts.map((c) => ({
        value: c.id,
        text: c.reference,
        checked: contracts.has(c.id),
      })),
      combineItems: [
        { value: 'any', text: 'Received any of them', checked: text(values.combine) !== 'all' },
        { value: 'all', text: 'Received all of them', checked: text(values.combine) === 'all' },
      ],
    }
  }

  const typed = app.withTypeProvider<ZodTypeProvider>()
  app.get('/evaluations', async (request, reply) => {
    const rows = await evaluations.list(request.ctx)
    return reply.render('evaluation/views/list.njk', { pageTitle: 'Evaluations', rows })
  })

  // The one form pattern (platform/http/form-page.ts): shown at /evaluations/new, posted to
  // /evaluations. The pasted identifier list is turned into the request before EvaluationRequest
  // checks it, so the fields are checked in `save`; a wrong one re-renders the form (400).
  formPage(app, {
    path: '/evaluations/new',
    action: '/evaluations',
    params: NoParams,
    view: 'evaluation/views/define.njk',
    schema: PostedForm,
    dateFields: FORM_DATES,
    load: async (request) => ({ choices: await evaluations.choices(request.ctx) }),
    context: (loaded, form) => defineForm(loaded.choices, form),
    save: async (request, _params, _values, posted) => {
      const { input, list } = requestFromForm(posted)
      const parsed = EvaluationRequest.safeParse(input)
      const errors: FieldErrors = {}
      if (!parsed.success)
        for (const [path, message] of Object.entries(fieldErrorsFrom(parsed.error)))
          errors[fieldOf(path)] ??= message
      if (list && list.rows > 0 && list.crns.length + list.prisonNumbers.length === 0)
        errors.identifiers = 'The list has no CRNs or prison numbers in it'
      if (!parsed.success || Object.keys(errors).length > 0) throw new ValidationFailed(errors)
      return evaluations.create(request.ctx, parsed.data, list)
    },
    redirect: (made) => `/evaluations/${made.id}`,
  })

  // An id that is not a UUID names no evaluation: 404 from the params schema (errors.ts).
  typed.post('/evaluations/:id/rerun', { schema: { params: IdParams } }, async (request, reply) => {
    const made = await evaluations.rerun(request.ctx, request.params.id)
    return reply.redirect(`/evaluations/${made.id}`, 303)
  })

  // What the run page polls: the job's state, from its row.
  typed.get('/evaluations/:id/status', { schema: { params: IdParams } }, async (request) =>
    evaluations.status(request.ctx, request.params.id),
  )

  const report = { schema: { params: IdParams, querystring: ReportQuery } }
  typed.get('/evaluations/:id', report, async (request, reply) => {
    const query = request.query
    const detail = await evaluations.get(request.ctx, request.params.id)
    const p = detail.published
    if (!p) return reply.render('evaluation/views/run.njk', runView(detail))
    const tables = reportTables(p)
    const name = `evaluation-${detail.row.id.slice(0, 8)}`
    if (await sendAskedTable(reply, Object.values(tables), query, name)) return reply
    return reply.render('evaluation/views/report.njk', {
      pageTitle: detail.row.name,
      detail,
      p,
      tables: {
        outcomes: shownTable(tables.outcomes),
        balance: shownTable(tables.balance),
        propensity: shownTable(tables.propensity),
        naive: shownTable(tables.naive),
      },
      charts: reportCharts(p),
      listProblems: (detail.definition.list?.problems ?? []).map((x) => ({
        ...x,
        text: PROBLEM_TEXT[x.reason],
      })),
      print: query.print === '1',
      downloadBase: `/evaluations/${detail.row.id}?`,
    })
  })
}

function runView(d: EvaluationDetail) {
  return { pageTitle: d.row.name, detail: d }
}

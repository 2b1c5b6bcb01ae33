import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { Conflict, NotFound, ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { formErrors, parseWith, text, withJoinedDates } from '../../platform/http/forms.ts'
import type { ReleasePlanningService } from './service.ts'
import {
  ActionForm,
  AssessmentForm,
  ChecklistForm,
  DutyToReferForm,
  FirstNightForm,
  FurtherDayDecision,
  HandoverForm,
  NeedUpdate,
  ReleaseDateChange,
  ReleaseDayForm,
  ScreeningForm,
} from './schemas.ts'
import { PATHWAY_KEYS, pathwaySlug, type Pathway } from './vocabulary.ts'
import * as vm from './view-models.ts'
import * as handoverVm from './handover-view-models.ts'
import { readinessRoutes } from './readiness-routes.ts'

type Body = Record<string, unknown>
type Render = (values: Body, errors: FieldErrors, status: number, current?: unknown) => Promise<FastifyReply>

/**
 * The GOV.UK form round trip in one place: parse, run the use case, redirect on success; on a
 * validation failure or a stale version re-render with the messages and the user's input.
 */
async function submit<S extends z.ZodType>(
  request: FastifyRequest,
  options: {
    schema: S
    dates?: string[]
    run: (data: z.infer<S>, body: Body) => Promise<string>
    render: Render
    reply: FastifyReply
  },
) {
  const body = withJoinedDates((request.body ?? {}) as Body, options.dates ?? [])
  const parsed = parseWith(options.schema, body)
  if (!parsed.ok) return options.render(body, parsed.errors, 400)
  try {
    return options.reply.redirect(await options.run(parsed.data, body), 303)
  } catch (err) {
    if (err instanceof ValidationFailed) return options.render(body, err.fields, 400)
    if (err instanceof Conflict) return options.render(body, { form: err.message }, 409, err.current ?? true)
    throw err
  }
}

const errorsFor = (fields: FieldErrors, dates: string[] = []) => formErrors(fields, { dateFields: dates })
const personId = (request: FastifyRequest) => (request.params as { id: string }).id
const base = (id: string) => `/people/${id}/release-planning`

export function releasePlanningRoutes(app: FastifyInstance, planning: ReleasePlanningService) {
  app.get('/people/:id/release-planning', async (request, reply) => {
    const id = personId(request)
    const view = await planning.overview(request.ctx, id)
    const flash = (request.query as Body).saved
      ? 'Saved'
      : (request.query as Body).dateChanged
        ? 'Release date changed. The dates that moved are listed under “Release date changes”.'
        : undefined
    return reply.render('release-planning/views/overview.njk', {
      ...vm.overviewView(view),
      flash,
      values: { version: view.episode.version },
      errors: errorsFor({}),
    })
  })

  const RELEASE_DATE = ['newReleaseDate']
  app.post('/people/:id/release-planning/release-date', async (request, reply) => {
    const id = personId(request)
    return submit(request, {
      reply,
      schema: ReleaseDateChange,
      dates: RELEASE_DATE,
      run: async (data) => (
        await planning.changeReleaseDate(request.ctx, id, data),
        `${base(id)}?dateChanged=1`
      ),
      render: async (values, fields, status) => {
        const view = await planning.overview(request.ctx, id)
        return reply.code(status).render('release-planning/views/overview.njk', {
          ...vm.overviewView(view),
          values: { ...values, version: view.episode.version },
          errors: errorsFor(fields, RELEASE_DATE),
        })
      },
    })
  })

  app.get('/people/:id/release-planning/pathways/:pathway', async (request, reply) => {
    const view = await planning.assessment(request.ctx, personId(request), pathwayParam(request))
    return reply.render(
      'release-planning/views/pathway.njk',
      vm.pathwayView(view, vm.pathwayValues(view), errorsFor({})),
    )
  })

  app.post('/people/:id/release-planning/pathways/:pathway', async (request, reply) => {
    const id = personId(request)
    const pathway = pathwayParam(request)
    return submit(request, {
      reply,
      schema: AssessmentForm,
      run: async (data, body) => {
        const answers = Object.fromEntries(
          Object.entries(body)
            .filter(([k]) => k.startsWith('answer_'))
            .map(([k, v]) => [k.slice(7), text(v)]),
        )
        await planning.saveAssessment(request.ctx, id, pathway, data, answers)
        return `${base(id)}/pathways/${pathwaySlug(pathway)}?saved=1`
      },
      render: async (values, fields, status, current) => {
        const view = await planning.assessment(request.ctx, id, pathway)
        const kept = current ? { ...values, version: view.saved?.version ?? 0 } : values
        return reply
          .code(status)
          .render('release-planning/views/pathway.njk', vm.pathwayView(view, kept, errorsFor(fields)))
      },
    })
  })

  app.get('/people/:id/release-planning/needs/:needId', async (request, reply) => {
    const view = await needView(request)
    return reply.render('release-planning/views/need.njk', {
      ...view,
      values: {
        status: view.need.status,
        responsibleParty: view.need.responsible_party,
        version: view.need.version,
      },
      errors: errorsFor({}),
    })
  })

  app.post('/people/:id/release-planning/needs/:needId', async (request, reply) => {
    const id = personId(request)
    const { needId } = request.params as { needId: string }
    return submit(request, {
      reply,
      schema: NeedUpdate,
      run: async (data) =>
        `${base(id)}/pathways/${pathwaySlug((await planning.updateNeed(request.ctx, id, needId, data)).pathway as Pathway)}?saved=1`,
      render: async (values, fields, status, current) => {
        const view = await needView(request)
        return reply.code(status).render('release-planning/views/need.njk', {
          ...view,
          values: current ? { ...values, version: view.need.version } : values,
          errors: errorsFor(fields),
        })
      },
    })
  })

  const needView = async (request: FastifyRequest) =>
    vm.needView(
      await planning.need(request.ctx, personId(request), (request.params as { needId: string }).needId),
    )

  const SCREENED = ['screenedOn']
  app.get('/people/:id/release-planning/screenings', async (request, reply) => {
    const view = await planning.screenings(request.ctx, personId(request))
    return reply.render(
      'release-planning/views/screenings.njk',
      vm.screeningsView(view, {}, errorsFor({}), (request.query as Body).recorded),
    )
  })

  app.post('/people/:id/release-planning/screenings', async (request, reply) => {
    const id = personId(request)
    return submit(request, {
      reply,
      schema: ScreeningForm,
      dates: SCREENED,
      run: async (data) => {
        const r = await planning.recordScreening(request.ctx, id, data)
        return `${base(id)}/screenings?recorded=${encodeURIComponent(vm.screeningOutcome(r))}`
      },
      render: async (values, fields, status) => {
        const view = await planning.screenings(request.ctx, id)
        return reply
          .code(status)
          .render(
            'release-planning/views/screenings.njk',
            vm.screeningsView(view, values, errorsFor(fields, SCREENED)),
          )
      },
    })
  })

  const DUE = ['dueDate']
  app.get('/people/:id/release-planning/plan', async (request, reply) => {
    const view = await planning.plan(request.ctx, personId(request))
    const q = request.query as Body
    const flash =
      q.proposed !== undefined
        ? `${text(q.proposed)} standard actions added`
        : q.saved
          ? 'Action saved'
          : undefined
    return reply.render('release-planning/views/plan.njk', {
      ...vm.planView(view, { version: 0, ownerParty: 'prison' }, errorsFor({})),
      flash,
    })
  })

  app.post('/people/:id/release-planning/plan/propose', async (request, reply) => {
    const id = personId(request)
    const added = await planning.proposeStandardActions(request.ctx, id)
    return reply.redirect(`${base(id)}/plan?proposed=${added}`, 303)
  })

  app.post('/people/:id/release-planning/plan/actions', async (request, reply) => {
    const id = personId(request)
    return submit(request, {
      reply,
      schema: ActionForm,
      dates: DUE,
      run: async (data) => (await planning.saveAction(request.ctx, id, data), `${base(id)}/plan?saved=1`),
      render: async (values, fields, status) => {
        const view = await planning.plan(request.ctx, id)
        return reply
          .code(status)
          .render('release-planning/views/plan.njk', vm.planView(view, values, errorsFor(fields, DUE)))
      },
    })
  })

  app.get('/people/:id/release-planning/plan/actions/:actionId', async (request, reply) => {
    const { actionId } = request.params as { actionId: string }
    const view = await planning.action(request.ctx, personId(request), actionId)
    return reply.render(
      'release-planning/views/action.njk',
      vm.actionView(view, vm.actionValues(view.action), errorsFor({})),
    )
  })

  app.post('/people/:id/release-planning/plan/actions/:actionId', async (request, reply) => {
    const id = personId(request)
    const { actionId } = request.params as { actionId: string }
    return submit(request, {
      reply,
      schema: ActionForm,
      dates: DUE,
      run: async (data) => (
        await planning.saveAction(request.ctx, id, data, actionId),
        `${base(id)}/plan?saved=1`
      ),
      render: async (values, fields, status, current) => {
        const view = await planning.action(request.ctx, id, actionId)
        // After a conflict the form keeps the user's input but takes the saved version, so saving again is deliberate.
        return reply
          .code(status)
          .render(
            'release-planning/views/action.njk',
            vm.actionView(
              view,
              current ? { ...values, version: view.action.version } : values,
              errorsFor(fields, DUE),
              current ? view.action : undefined,
            ),
          )
      },
    })
  })

  const HANDOVER_DATES = ['comAllocatedOn', 'meetingDate', 'comContactOn']
  app.get('/people/:id/release-planning/handover', async (request, reply) => {
    const view = await planning.handover(request.ctx, personId(request))
    return reply.render('release-planning/views/handover.njk', {
      ...handoverVm.handoverView(view, handoverVm.handoverValues(view.saved), errorsFor({})),
      flash: (request.query as Body).saved ? 'Handover saved' : undefined,
    })
  })

  app.post('/people/:id/release-planning/handover', async (request, reply) => {
    const id = personId(request)
    return submit(request, {
      reply,
      schema: HandoverForm,
      dates: HANDOVER_DATES,
      run: async (data) => (
        await planning.saveHandover(request.ctx, id, data),
        `${base(id)}/handover?saved=1`
      ),
      render: async (values, fields, status, current) => {
        const view = await planning.handover(request.ctx, id)
        return reply
          .code(status)
          .render(
            'release-planning/views/handover.njk',
            handoverVm.handoverView(
              view,
              current ? { ...values, version: view.saved?.version ?? 0 } : values,
              errorsFor(fields, HANDOVER_DATES),
              current ? view.saved : undefined,
            ),
          )
      },
    })
  })

  const releaseDayPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Body,
    fields: FieldErrors,
    status = 200,
    dates: string[] = [],
  ) => {
    const view = await planning.releaseDay(request.ctx, personId(request))
    const flash = (request.query as Body).saved ? 'Saved' : undefined
    return reply.code(status).render('release-planning/views/release-day.njk', {
      ...handoverVm.releaseDayView(view, values),
      errors: errorsFor(fields, dates),
      flash,
    })
  }
  app.get('/people/:id/release-planning/release-day', (request, reply) =>
    releaseDayPage(request, reply, {}, {}),
  )
  const releaseDayForm = (
    path: string,
    schema: z.ZodType,
    run: (request: FastifyRequest, data: never) => Promise<unknown>,
    dates: string[] = [],
  ) =>
    app.post(`/people/:id/release-planning/release-day${path}`, async (request, reply) =>
      submit(request, {
        reply,
        schema,
        dates,
        run: async (data) => (
          await run(request, data as never),
          `${base(personId(request))}/release-day?saved=1`
        ),
        render: (values, fields, status) => releaseDayPage(request, reply, values, fields, status, dates),
      }),
    )
  releaseDayForm('', ReleaseDayForm, (request, data) =>
    planning.saveReleaseDay(request.ctx, personId(request), data),
  )
  releaseDayForm(
    '/further-day',
    ReleaseDayForm.pick({ version: true }),
    (request, data: { version: number }) =>
      planning.requestFurtherDay(request.ctx, personId(request), data.version),
  )
  releaseDayForm('/further-day/decision', FurtherDayDecision, (request, data) =>
    planning.decideFurtherDay(request.ctx, personId(request), data),
  )
  releaseDayForm('/checklist', ChecklistForm, (request, data) =>
    planning.saveChecklist(request.ctx, personId(request), data),
  )
  releaseDayForm(
    '/first-night',
    FirstNightForm,
    (request, data) => planning.recordFirstNight(request.ctx, personId(request), data),
    ['releasedOn'],
  )

  const DTR_DATES = ['receivedOn', 'outcomeOn']
  app.get('/people/:id/release-planning/duty-to-refer', async (request, reply) => {
    const view = await planning.dutyToRefer(request.ctx, personId(request))
    return reply.render('release-planning/views/duty-to-refer.njk', {
      ...handoverVm.dutyToReferView(view, handoverVm.dutyToReferValues(view.saved), errorsFor({})),
      flash: (request.query as Body).saved ? 'Duty to Refer saved' : undefined,
    })
  })

  app.post('/people/:id/release-planning/duty-to-refer', async (request, reply) => {
    const id = personId(request)
    return submit(request, {
      reply,
      schema: DutyToReferForm,
      dates: DTR_DATES,
      run: async (data) => (
        await planning.saveDutyToRefer(request.ctx, id, data),
        `${base(id)}/duty-to-refer?saved=1`
      ),
      render: async (values, fields, status, current) => {
        const view = await planning.dutyToRefer(request.ctx, id)
        return reply
          .code(status)
          .render(
            'release-planning/views/duty-to-refer.njk',
            handoverVm.dutyToReferView(
              view,
              current ? { ...values, version: view.saved?.version ?? 0 } : values,
              errorsFor(fields, DTR_DATES),
            ),
          )
      },
    })
  })

  readinessRoutes(app, planning)
}

function pathwayParam(request: FastifyRequest): Pathway {
  const { pathway } = request.params as { pathway: string }
  const key = pathway.toUpperCase().replaceAll('-', '_')
  if (!(PATHWAY_KEYS as string[]).includes(key)) throw new NotFound('Pathway')
  return key as Pathway
}

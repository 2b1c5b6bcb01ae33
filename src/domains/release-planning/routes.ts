import type { FastifyInstance, FastifyRequest } from 'fastify'
import { NotFound } from '../../platform/errors.ts'
import { text } from '../../platform/http/forms.ts'
import type { ReleasePlanningService } from './service.ts'
import { ActionForm, AssessmentForm, NeedUpdate, ReleaseDateChange, ScreeningForm } from './schemas.ts'
import { PATHWAY_KEYS, pathwaySlug, type Pathway } from './vocabulary.ts'
import * as vm from './view-models.ts'
import { readinessRoutes } from './readiness-routes.ts'
import { handoverRoutes } from './handover-routes.ts'
import { base, errorsFor, personId, submit, type Body } from './form-round-trip.ts'

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
    const page = vm.pathwayView(view, vm.pathwayValues(view), errorsFor({}))
    // Every save says what was saved (issue 12, defect 9).
    const saved = (request.query as Body).saved
    const flash = saved === 'need' ? 'Need updated' : saved ? `${page.pathwayName} saved` : undefined
    return reply.render('release-planning/views/pathway.njk', { ...page, flash })
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
        `${base(id)}/pathways/${pathwaySlug((await planning.updateNeed(request.ctx, id, needId, data)).pathway as Pathway)}?saved=need`,
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

  handoverRoutes(app, planning)
  readinessRoutes(app, planning)
}

function pathwayParam(request: FastifyRequest): Pathway {
  const { pathway } = request.params as { pathway: string }
  const key = pathway.toUpperCase().replaceAll('-', '_')
  if (!(PATHWAY_KEYS as string[]).includes(key)) throw new NotFound('Pathway')
  return key as Pathway
}

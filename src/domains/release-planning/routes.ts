import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { text } from '../../platform/http/forms.ts'
import { PostedForm } from '../../platform/http/form-page.ts'
import type { ReleasePlanningService } from './service.ts'
import {
  ActionForm,
  ActionParams,
  AssessmentForm,
  NeedParams,
  NeedUpdate,
  PathwayParams,
  PersonParams,
  ReleaseDateChange,
  SavedQuery,
  ScreeningForm,
} from './schemas.ts'
import { pathwaySlug, type Pathway } from './vocabulary.ts'
import * as vm from './view-models.ts'
import { readinessRoutes } from './readiness-routes.ts'
import { handoverRoutes } from './handover-routes.ts'
import { base, errorsFor, submit } from './form-round-trip.ts'

/** Every route declares its params, query and body in zod (issue 11); nothing is cast. */
export function releasePlanningRoutes(app: FastifyInstance, planning: ReleasePlanningService) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const page = { params: PersonParams, querystring: SavedQuery }
  const form = { params: PersonParams, body: PostedForm }

  typed.get('/people/:id/release-planning', { schema: page }, async (request, reply) => {
    const view = await planning.overview(request.ctx, request.params.id)
    const flash = request.query.saved
      ? 'Saved'
      : request.query.dateChanged
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
  typed.post('/people/:id/release-planning/release-date', { schema: form }, async (request, reply) => {
    const { id } = request.params
    return submit(request.body, {
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

  typed.get(
    '/people/:id/release-planning/pathways/:pathway',
    { schema: { params: PathwayParams, querystring: SavedQuery } },
    async (request, reply) => {
      const view = await planning.assessment(request.ctx, request.params.id, request.params.pathway)
      const page = vm.pathwayView(view, vm.pathwayValues(view), errorsFor({}))
      // Every save says what was saved (issue 12, defect 9).
      const saved = request.query.saved
      const flash = saved === 'need' ? 'Need updated' : saved ? `${page.pathwayName} saved` : undefined
      return reply.render('release-planning/views/pathway.njk', { ...page, flash })
    },
  )

  typed.post(
    '/people/:id/release-planning/pathways/:pathway',
    { schema: { params: PathwayParams, body: PostedForm } },
    async (request, reply) => {
      const { id, pathway } = request.params
      return submit(request.body, {
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
    },
  )

  const needView = async (ctx: Parameters<typeof planning.need>[0], id: string, needId: string) =>
    vm.needView(await planning.need(ctx, id, needId))

  typed.get(
    '/people/:id/release-planning/needs/:needId',
    { schema: { params: NeedParams } },
    async (request, reply) => {
      const view = await needView(request.ctx, request.params.id, request.params.needId)
      return reply.render('release-planning/views/need.njk', {
        ...view,
        values: {
          status: view.need.status,
          responsibleParty: view.need.responsible_party,
          version: view.need.version,
        },
        errors: errorsFor({}),
      })
    },
  )

  typed.post(
    '/people/:id/release-planning/needs/:needId',
    { schema: { params: NeedParams, body: PostedForm } },
    async (request, reply) => {
      const { id, needId } = request.params
      return submit(request.body, {
        reply,
        schema: NeedUpdate,
        run: async (data) => {
          const need = await planning.updateNeed(request.ctx, id, needId, data)
          return `${base(id)}/pathways/${pathwaySlug(need.pathway as Pathway)}?saved=need`
        },
        render: async (values, fields, status, current) => {
          const view = await needView(request.ctx, id, needId)
          return reply.code(status).render('release-planning/views/need.njk', {
            ...view,
            values: current ? { ...values, version: view.need.version } : values,
            errors: errorsFor(fields),
          })
        },
      })
    },
  )

  const SCREENED = ['screenedOn']
  typed.get('/people/:id/release-planning/screenings', { schema: page }, async (request, reply) => {
    const view = await planning.screenings(request.ctx, request.params.id)
    return reply.render(
      'release-planning/views/screenings.njk',
      vm.screeningsView(view, {}, errorsFor({}), request.query.recorded),
    )
  })

  typed.post('/people/:id/release-planning/screenings', { schema: form }, async (request, reply) => {
    const { id } = request.params
    return submit(request.body, {
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
  typed.get('/people/:id/release-planning/plan', { schema: page }, async (request, reply) => {
    const view = await planning.plan(request.ctx, request.params.id)
    const q = request.query
    const flash =
      q.proposed !== undefined ? `${q.proposed} standard actions added` : q.saved ? 'Action saved' : undefined
    return reply.render('release-planning/views/plan.njk', {
      ...vm.planView(view, { version: 0, ownerParty: 'prison' }, errorsFor({})),
      flash,
    })
  })

  typed.post(
    '/people/:id/release-planning/plan/propose',
    { schema: { params: PersonParams } },
    async (request, reply) => {
      const { id } = request.params
      const added = await planning.proposeStandardActions(request.ctx, id)
      return reply.redirect(`${base(id)}/plan?proposed=${added}`, 303)
    },
  )

  typed.post('/people/:id/release-planning/plan/actions', { schema: form }, async (request, reply) => {
    const { id } = request.params
    return submit(request.body, {
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

  typed.get(
    '/people/:id/release-planning/plan/actions/:actionId',
    { schema: { params: ActionParams } },
    async (request, reply) => {
      const view = await planning.action(request.ctx, request.params.id, request.params.actionId)
      return reply.render(
        'release-planning/views/action.njk',
        vm.actionView(view, vm.actionValues(view.action), errorsFor({})),
      )
    },
  )

  typed.post(
    '/people/:id/release-planning/plan/actions/:actionId',
    { schema: { params: ActionParams, body: PostedForm } },
    async (request, reply) => {
      const { id, actionId } = request.params
      return submit(request.body, {
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
    },
  )

  handoverRoutes(app, planning)
  readinessRoutes(app, planning)
}

import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { formPage } from '../../platform/http/form-page.ts'
import { setConfirmation } from '../../platform/http/confirmation.ts'
import { formErrors, text } from '../../platform/http/forms.ts'
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
  ScreeningForm,
} from './schemas.ts'
import { PATHWAYS, pathwaySlug, type Pathway } from './vocabulary.ts'
import * as vm from './view-models.ts'
import { readinessRoutes } from './readiness-routes.ts'
import { handoverRoutes } from './handover-routes.ts'

const base = vm.planningBase
/** After a conflict the form keeps the user's input but takes the saved version, so saving again is deliberate. */
const withVersion = (values: Record<string, unknown>, version: number | undefined) => ({
  ...values,
  version: version ?? 0,
})

/**
 * Every form is a `formPage` (platform/http/form-page.ts): a failure re-draws the page with the
 * input kept, a stale version with 409 and what is saved now, and each save redirects with a
 * confirmation that says what was saved (issue 12, defect 9). Every route declares its params,
 * query and body in zod (issue 11); nothing is cast.
 */
export function releasePlanningRoutes(app: FastifyInstance, planning: ReleasePlanningService) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const page = { params: PersonParams }

  typed.get('/people/:id/release-planning', { schema: page }, async (request, reply) => {
    const view = await planning.overview(request.ctx, request.params.id)
    return reply.render('release-planning/views/overview.njk', {
      ...vm.overviewView(view),
      values: { version: view.episode.version },
      errors: formErrors({}),
    })
  })

  // The overview page holds this form; its GET above draws it.
  formPage(app, {
    path: '/people/:id/release-planning/release-date',
    params: PersonParams,
    get: false,
    view: 'release-planning/views/overview.njk',
    dateFields: ['newReleaseDate'],
    schema: ReleaseDateChange,
    load: (request, { id }) => planning.overview(request.ctx, id),
    // The version is always the one saved now: the form is a fresh change to the current date.
    context: (view, form) => ({
      ...vm.overviewView(view),
      values: withVersion(form.values, view.episode.version),
      errors: form.errors,
    }),
    save: (request, { id }, data) => planning.changeReleaseDate(request.ctx, id, data),
    redirect: (_changed, { id }) => base(id),
    confirmation: 'Release date changed. The dates that moved are listed under “Release date changes”.',
  })

  formPage(app, {
    path: '/people/:id/release-planning/pathways/:pathway',
    params: PathwayParams,
    view: 'release-planning/views/pathway.njk',
    schema: AssessmentForm,
    load: (request, { id, pathway }) => planning.assessment(request.ctx, id, pathway),
    initial: vm.pathwayValues,
    context: (view, form) => vm.pathwayView(view, form.values, form.errors),
    conflictValues: (view, posted) => withVersion(posted, view.saved?.version),
    save: async (request, { id, pathway }, data, posted) => {
      // The screening questions are posted as answer_<key>; the schema sees only the assessment.
      const answers = Object.fromEntries(
        Object.entries(posted)
          .filter(([k]) => k.startsWith('answer_'))
          .map(([k, v]) => [k.slice(7), text(v)]),
      )
      await planning.saveAssessment(request.ctx, id, pathway, data, answers)
      return PATHWAYS[pathway]
    },
    redirect: (_saved, { id, pathway }) => `${base(id)}/pathways/${pathwaySlug(pathway)}`,
    confirmation: (pathwayName) => `${pathwayName} saved`,
  })

  formPage(app, {
    path: '/people/:id/release-planning/needs/:needId',
    params: NeedParams,
    view: 'release-planning/views/need.njk',
    schema: NeedUpdate,
    load: async (request, { id, needId }) => vm.needView(await planning.need(request.ctx, id, needId)),
    initial: (view) => ({
      status: view.need.status,
      responsibleParty: view.need.responsible_party,
      version: view.need.version,
    }),
    conflictValues: (view, posted) => withVersion(posted, view.need.version),
    save: (request, { id, needId }, data) => planning.updateNeed(request.ctx, id, needId, data),
    redirect: (need, { id }) => `${base(id)}/pathways/${pathwaySlug(need.pathway as Pathway)}`,
    confirmation: 'Need updated',
  })

  formPage(app, {
    path: '/people/:id/release-planning/screenings',
    params: PersonParams,
    view: 'release-planning/views/screenings.njk',
    dateFields: ['screenedOn'],
    schema: ScreeningForm,
    load: (request, { id }) => planning.screenings(request.ctx, id),
    context: (view, form) => vm.screeningsView(view, form.values, form.errors),
    save: (request, { id }, data) => planning.recordScreening(request.ctx, id, data),
    redirect: (_recorded, { id }) => `${base(id)}/screenings`,
    confirmation: vm.screeningOutcome,
  })

  typed.get('/people/:id/release-planning/plan', { schema: page }, async (request, reply) => {
    const view = await planning.plan(request.ctx, request.params.id)
    return reply.render(
      'release-planning/views/plan.njk',
      vm.planView(view, { version: 0, ownerParty: 'prison' }, formErrors({})),
    )
  })

  typed.post(
    '/people/:id/release-planning/plan/propose',
    { schema: { params: PersonParams } },
    async (request, reply) => {
      const { id } = request.params
      const added = await planning.proposeStandardActions(request.ctx, id)
      // A button, not a form page, but it says what it saved as every form does: once, signed.
      setConfirmation(reply, `${added} standard actions added`)
      return reply.redirect(`${base(id)}/plan`, 303)
    },
  )

  // The plan page holds the new-action form; its GET above draws it.
  formPage(app, {
    path: '/people/:id/release-planning/plan/actions',
    params: PersonParams,
    get: false,
    view: 'release-planning/views/plan.njk',
    dateFields: ['dueDate'],
    schema: ActionForm,
    load: (request, { id }) => planning.plan(request.ctx, id),
    context: (view, form) => vm.planView(view, form.values, form.errors),
    save: async (request, { id }, data) => {
      await planning.saveAction(request.ctx, id, data)
      return data.description
    },
    redirect: (_action, { id }) => `${base(id)}/plan`,
    confirmation: (description) => `Action added: ${description}`,
  })

  formPage(app, {
    path: '/people/:id/release-planning/plan/actions/:actionId',
    params: ActionParams,
    view: 'release-planning/views/action.njk',
    dateFields: ['dueDate'],
    schema: ActionForm,
    load: (request, { id, actionId }) => planning.action(request.ctx, id, actionId),
    initial: (view) => vm.actionValues(view.action),
    context: (view, form) =>
      vm.actionView(view, form.values, form.errors, form.current ? view.action : undefined),
    conflictValues: (view, posted) => withVersion(posted, view.action.version),
    save: async (request, { id, actionId }, data) => {
      await planning.saveAction(request.ctx, id, data, actionId)
      return data.description
    },
    redirect: (_action, { id }) => `${base(id)}/plan`,
    confirmation: (description) => `Action saved: ${description}`,
  })

  handoverRoutes(app, planning)
  readinessRoutes(app, planning)
}

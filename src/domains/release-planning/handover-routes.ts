/** Handover, the day of release and the council's Duty to Refer: pages and forms. */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { formPage } from '../../platform/http/form-page.ts'
import { formErrors, type FormErrors } from '../../platform/http/forms.ts'
import type { ReleasePlanningService } from './service.ts'
import {
  ChecklistForm,
  DutyToReferForm,
  FirstNightForm,
  FurtherDayDecision,
  HandoverForm,
  PersonParams,
  ReleaseDayForm,
} from './schemas.ts'
import * as handoverVm from './handover-view-models.ts'
import { planningBase as base, type Values } from './view-models.ts'

export function handoverRoutes(app: FastifyInstance, planning: ReleasePlanningService) {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  /**
   * A page with one saved record and its form: shown with what was saved, re-shown on a failed
   * save with what was typed (and, after a conflict, the version just saved by someone else).
   */
  function oneRecordPage<V extends { saved?: Record<string, unknown> }, S extends z.ZodType>(spec: {
    path: string
    template: string
    dates: string[]
    confirmation: string
    load: (ctx: RequestContext, id: string) => Promise<V>
    values: (saved: V['saved']) => Values
    view: (view: V, values: Values, errors: FormErrors, current?: V['saved']) => Record<string, unknown>
    schema: S
    save: (ctx: RequestContext, id: string, data: z.infer<S>) => Promise<unknown>
  }) {
    formPage(app, {
      path: `/people/:id/release-planning/${spec.path}`,
      params: PersonParams,
      view: spec.template,
      dateFields: spec.dates,
      schema: spec.schema,
      load: (request, { id }) => spec.load(request.ctx, id),
      initial: (view) => spec.values(view.saved),
      context: (view, form) =>
        spec.view(view, form.values, form.errors, form.current ? view.saved : undefined),
      conflictValues: (view, posted) => {
        const version = view.saved?.version
        return { ...posted, version: typeof version === 'number' ? version : 0 }
      },
      save: (request, { id }, data) => spec.save(request.ctx, id, data),
      redirect: (_saved, { id }) => `${base(id)}/${spec.path}`,
      confirmation: spec.confirmation,
    })
  }

  oneRecordPage({
    path: 'handover',
    template: 'release-planning/views/handover.njk',
    dates: ['comAllocatedOn', 'meetingDate', 'comContactOn'],
    confirmation: 'Handover saved',
    load: (ctx, id) => planning.handover(ctx, id),
    values: handoverVm.handoverValues,
    view: handoverVm.handoverView,
    schema: HandoverForm,
    save: (ctx, id, data) => planning.saveHandover(ctx, id, data),
  })

  oneRecordPage({
    path: 'duty-to-refer',
    template: 'release-planning/views/duty-to-refer.njk',
    dates: ['receivedOn', 'outcomeOn'],
    confirmation: 'Duty to Refer saved',
    load: (ctx, id) => planning.dutyToRefer(ctx, id),
    values: handoverVm.dutyToReferValues,
    view: (view, values, errors) => handoverVm.dutyToReferView(view, values, errors),
    schema: DutyToReferForm,
    save: (ctx, id, data) => planning.saveDutyToRefer(ctx, id, data),
  })

  const RELEASE_DAY = 'release-planning/views/release-day.njk'
  typed.get(
    '/people/:id/release-planning/release-day',
    { schema: { params: PersonParams } },
    async (request, reply) =>
      reply.render(RELEASE_DAY, {
        ...handoverVm.releaseDayView(await planning.releaseDay(request.ctx, request.params.id), {}),
        errors: formErrors({}),
      }),
  )
  /** The release-day page holds four forms; its GET above draws them, each posts to its own address. */
  const releaseDayForm = <S extends z.ZodType>(
    path: string,
    schema: S,
    confirmation: string,
    run: (ctx: RequestContext, id: string, data: z.infer<S>) => Promise<unknown>,
    dates: string[] = [],
  ) =>
    formPage(app, {
      path: `/people/:id/release-planning/release-day${path}`,
      params: PersonParams,
      get: false,
      view: RELEASE_DAY,
      dateFields: dates,
      schema,
      load: (request, { id }) => planning.releaseDay(request.ctx, id),
      context: (view, form) => ({ ...handoverVm.releaseDayView(view, form.values), errors: form.errors }),
      save: (request, { id }, data) => run(request.ctx, id, data),
      redirect: (_saved, { id }) => `${base(id)}/release-day`,
      confirmation,
    })
  releaseDayForm('', ReleaseDayForm, 'Release day saved', (ctx, id, data) =>
    planning.saveReleaseDay(ctx, id, data),
  )
  releaseDayForm(
    '/further-day',
    ReleaseDayForm.pick({ version: true }),
    'Further day asked for',
    (ctx, id, data) => planning.requestFurtherDay(ctx, id, data.version),
  )
  releaseDayForm('/further-day/decision', FurtherDayDecision, 'Governor’s decision saved', (ctx, id, data) =>
    planning.decideFurtherDay(ctx, id, data),
  )
  releaseDayForm('/checklist', ChecklistForm, 'Departure checklist saved', (ctx, id, data) =>
    planning.saveChecklist(ctx, id, data),
  )
  releaseDayForm(
    '/first-night',
    FirstNightForm,
    'First night’s accommodation recorded',
    (ctx, id, data) => planning.recordFirstNight(ctx, id, data),
    ['releasedOn'],
  )
}

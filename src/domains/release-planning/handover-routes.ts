/** Handover, the day of release and the council's Duty to Refer: pages and forms. */
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import type { RequestContext } from '../../platform/auth/actor.ts'
import type { FieldErrors } from '../../platform/errors.ts'
import type { FormErrors } from '../../platform/http/forms.ts'
import { PostedForm } from '../../platform/http/form-page.ts'
import type { ReleasePlanningService } from './service.ts'
import {
  ChecklistForm,
  DutyToReferForm,
  FirstNightForm,
  FurtherDayDecision,
  HandoverForm,
  PersonParams,
  ReleaseDayForm,
  SavedQuery,
} from './schemas.ts'
import * as handoverVm from './handover-view-models.ts'
import { base, errorsFor, submit, type Body } from './form-round-trip.ts'

export function handoverRoutes(app: FastifyInstance, planning: ReleasePlanningService) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const page = { params: PersonParams, querystring: SavedQuery }
  const form = { params: PersonParams, body: PostedForm }

  /**
   * A page with one saved record and its form: shown with what was saved, re-shown on a failed
   * save with what was typed (and, after a conflict, the version just saved by someone else).
   */
  function oneRecordPage<
    V extends { saved?: { version?: number } | Record<string, unknown> },
    S extends z.ZodType,
  >(spec: {
    path: string
    template: string
    dates: string[]
    flash: string
    load: (ctx: RequestContext, id: string) => Promise<V>
    values: (saved: V['saved']) => Body
    view: (view: V, values: Body, errors: FormErrors, current?: V['saved']) => Record<string, unknown>
    schema: S
    save: (ctx: RequestContext, id: string, data: z.infer<S>) => Promise<unknown>
  }) {
    const url = `/people/:id/release-planning/${spec.path}`
    typed.get(url, { schema: page }, async (request, reply) => {
      const view = await spec.load(request.ctx, request.params.id)
      return reply.render(spec.template, {
        ...spec.view(view, spec.values(view.saved), errorsFor({})),
        flash: request.query.saved ? spec.flash : undefined,
      })
    })
    typed.post(url, { schema: form }, async (request, reply) => {
      const { id } = request.params
      return submit(request.body, {
        reply,
        schema: spec.schema,
        dates: spec.dates,
        run: async (data) => (await spec.save(request.ctx, id, data), `${base(id)}/${spec.path}?saved=1`),
        render: async (values, fields: FieldErrors, status, current) => {
          const view = await spec.load(request.ctx, id)
          const saved: { version?: unknown } | undefined = view.saved
          const version = typeof saved?.version === 'number' ? saved.version : 0
          return reply
            .code(status)
            .render(
              spec.template,
              spec.view(
                view,
                current ? { ...values, version } : values,
                errorsFor(fields, spec.dates),
                current ? view.saved : undefined,
              ),
            )
        },
      })
    })
  }

  oneRecordPage({
    path: 'handover',
    template: 'release-planning/views/handover.njk',
    dates: ['comAllocatedOn', 'meetingDate', 'comContactOn'],
    flash: 'Handover saved',
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
    flash: 'Duty to Refer saved',
    load: (ctx, id) => planning.dutyToRefer(ctx, id),
    values: handoverVm.dutyToReferValues,
    view: (view, values, errors) => handoverVm.dutyToReferView(view, values, errors),
    schema: DutyToReferForm,
    save: (ctx, id, data) => planning.saveDutyToRefer(ctx, id, data),
  })

  const releaseDayPage = async (
    ctx: RequestContext,
    id: string,
    reply: FastifyReply,
    values: Body,
    fields: FieldErrors,
    options: { status?: number; dates?: string[]; saved?: boolean } = {},
  ) => {
    const view = await planning.releaseDay(ctx, id)
    return reply.code(options.status ?? 200).render('release-planning/views/release-day.njk', {
      ...handoverVm.releaseDayView(view, values),
      errors: errorsFor(fields, options.dates ?? []),
      flash: options.saved ? 'Saved' : undefined,
    })
  }
  typed.get('/people/:id/release-planning/release-day', { schema: page }, (request, reply) =>
    releaseDayPage(request.ctx, request.params.id, reply, {}, {}, { saved: Boolean(request.query.saved) }),
  )
  const releaseDayForm = <S extends z.ZodType>(
    path: string,
    schema: S,
    run: (ctx: RequestContext, id: string, data: z.infer<S>) => Promise<unknown>,
    dates: string[] = [],
  ) =>
    typed.post(
      `/people/:id/release-planning/release-day${path}`,
      { schema: form },
      async (request, reply) => {
        const { id } = request.params
        return submit(request.body, {
          reply,
          schema,
          dates,
          run: async (data) => (await run(request.ctx, id, data), `${base(id)}/release-day?saved=1`),
          render: (values, fields, status) =>
            releaseDayPage(request.ctx, id, reply, values, fields, { status, dates }),
        })
      },
    )
  releaseDayForm('', ReleaseDayForm, (ctx, id, data) => planning.saveReleaseDay(ctx, id, data))
  releaseDayForm('/further-day', ReleaseDayForm.pick({ version: true }), (ctx, id, data) =>
    planning.requestFurtherDay(ctx, id, data.version),
  )
  releaseDayForm('/further-day/decision', FurtherDayDecision, (ctx, id, data) =>
    planning.decideFurtherDay(ctx, id, data),
  )
  releaseDayForm('/checklist', ChecklistForm, (ctx, id, data) => planning.saveChecklist(ctx, id, data))
  releaseDayForm(
    '/first-night',
    FirstNightForm,
    (ctx, id, data) => planning.recordFirstNight(ctx, id, data),
    ['releasedOn'],
  )
}

/** Handover, the day of release and the council's Duty to Refer: pages and forms. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { FieldErrors } from '../../platform/errors.ts'
import type { FormErrors } from '../../platform/http/forms.ts'
import type { ReleasePlanningService } from './service.ts'
import {
  ChecklistForm,
  DutyToReferForm,
  FirstNightForm,
  FurtherDayDecision,
  HandoverForm,
  ReleaseDayForm,
} from './schemas.ts'
import * as handoverVm from './handover-view-models.ts'
import { base, errorsFor, personId, submit, type Body } from './form-round-trip.ts'

export function handoverRoutes(app: FastifyInstance, planning: ReleasePlanningService) {
  /**
   * A page with one saved record and its form: shown with what was saved, re-shown on a failed
   * save with what was typed (and, after a conflict, the version just saved by someone else).
   */
  function oneRecordPage<
    V extends { saved?: { version?: number } | Record<string, unknown> },
    S extends z.ZodType,
  >(page: {
    path: string
    template: string
    dates: string[]
    flash: string
    load: (request: FastifyRequest) => Promise<V>
    values: (saved: V['saved']) => Body
    view: (view: V, values: Body, errors: FormErrors, current?: V['saved']) => Record<string, unknown>
    schema: S
    save: (request: FastifyRequest, data: z.infer<S>) => Promise<unknown>
  }) {
    const url = `/people/:id/release-planning/${page.path}`
    app.get(url, async (request, reply) => {
      const view = await page.load(request)
      return reply.render(page.template, {
        ...page.view(view, page.values(view.saved), errorsFor({})),
        flash: (request.query as Body).saved ? page.flash : undefined,
      })
    })
    app.post(url, async (request, reply) =>
      submit(request, {
        reply,
        schema: page.schema,
        dates: page.dates,
        run: async (data) => (
          await page.save(request, data),
          `${base(personId(request))}/${page.path}?saved=1`
        ),
        render: async (values, fields: FieldErrors, status, current) => {
          const view = await page.load(request)
          const version = (view.saved as { version?: number } | undefined)?.version ?? 0
          return reply
            .code(status)
            .render(
              page.template,
              page.view(
                view,
                current ? { ...values, version } : values,
                errorsFor(fields, page.dates),
                current ? view.saved : undefined,
              ),
            )
        },
      }),
    )
  }

  oneRecordPage({
    path: 'handover',
    template: 'release-planning/views/handover.njk',
    dates: ['comAllocatedOn', 'meetingDate', 'comContactOn'],
    flash: 'Handover saved',
    load: (request) => planning.handover(request.ctx, personId(request)),
    values: handoverVm.handoverValues,
    view: handoverVm.handoverView,
    schema: HandoverForm,
    save: (request, data) => planning.saveHandover(request.ctx, personId(request), data),
  })

  oneRecordPage({
    path: 'duty-to-refer',
    template: 'release-planning/views/duty-to-refer.njk',
    dates: ['receivedOn', 'outcomeOn'],
    flash: 'Duty to Refer saved',
    load: (request) => planning.dutyToRefer(request.ctx, personId(request)),
    values: handoverVm.dutyToReferValues,
    view: (view, values, errors) => handoverVm.dutyToReferView(view, values, errors),
    schema: DutyToReferForm,
    save: (request, data) => planning.saveDutyToRefer(request.ctx, personId(request), data),
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
}

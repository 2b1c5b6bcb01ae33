import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { z } from 'zod'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { formErrors, parseWith, text, withJoinedDates } from '../../platform/http/forms.ts'
import { FormFields, IdParams } from '../../platform/validation/index.ts'
import type { Side } from './state-machine.ts'
import { ACHIEVEMENT_LABELS, QUALITY_CHECKLIST } from './rag.ts'
import type { ReferralService } from './service.ts'

/** What each completed action says on the referral page afterwards. */
export const FLASH: Record<string, string> = {
  sent: 'Referral sent',
  saved: 'Draft saved',
  assigned: 'Referral assigned to you',
  quality: 'Referral quality rated',
  assessment: 'Initial assessment booked',
  assessed: 'Initial assessment recorded',
  plan: 'Action plan submitted',
  approved: 'Action plan approved',
  session: 'Session recorded',
  report: 'End-of-service report submitted',
  concluded: 'Referral concluded',
  withdrawn: 'Referral withdrawn',
  cancelled: 'Referral cancelled',
}

export interface FormPageOptions<S extends z.ZodType> {
  path: string
  title: string
  action: string
  schema: S
  /** Whose action this is: anyone else is refused the form as well as its post (issue 17). */
  side: Side
  dateFields?: string[]
  flash: keyof typeof FLASH
  /** Extra context for the template, such as a reason list. */
  extra?: (ctx: RequestContext, referralId: string) => Promise<Record<string, unknown>>
  run: (
    ctx: RequestContext,
    referralId: string,
    data: z.infer<S>,
    body: Record<string, unknown>,
  ) => Promise<unknown>
}

/**
 * A GET and POST pair for one referral action, with the GOV.UK round trip: a failed POST
 * re-renders the form with the error summary, messages by the fields and the user's input.
 * The GET opens the referral through the service, so scope and audit apply to it as well.
 */
export function formPage<S extends z.ZodType>(
  app: FastifyInstance,
  referrals: ReferralService,
  o: FormPageOptions<S>,
) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const render = async (
    ctx: RequestContext,
    id: string,
    values: Record<string, unknown>,
    fields: FieldErrors,
    status: number,
  ) => {
    referrals.access.requireSide(ctx, o.side)
    const view = await referrals.view(ctx, id)
    const extra = o.extra ? await o.extra(ctx, id) : {}
    // A date input shows back exactly the three boxes the user typed.
    const dates = Object.fromEntries(
      (o.dateFields ?? []).map((f) => [
        f,
        { day: text(values[`${f}-day`]), month: text(values[`${f}-month`]), year: text(values[`${f}-year`]) },
      ]),
    )
    return {
      status,
      context: {
        pageTitle: o.title,
        action: o.action,
        path: o.path,
        dates,
        ...view,
        ...extra,
        checklist: QUALITY_CHECKLIST,
        achievements: ACHIEVEMENT_LABELS,
        values,
        errors: formErrors(fields, { dateFields: o.dateFields ?? [] }),
        backLink: `/referrals/${id}`,
      },
    }
  }
  typed.get(`/referrals/:id/${o.path}`, { schema: { params: IdParams } }, async (request, reply) => {
    const { status, context } = await render(request.ctx, request.params.id, {}, {}, 200)
    return reply.code(status).render('referrals/views/action.njk', context)
  })
  typed.post(
    `/referrals/:id/${o.path}`,
    { schema: { params: IdParams, body: FormFields } },
    async (request, reply) => {
      const { id } = request.params
      const body = withJoinedDates(request.body, o.dateFields ?? [])
      const again = async (fields: FieldErrors) => {
        const { context } = await render(request.ctx, id, body, fields, 400)
        return reply.code(400).render('referrals/views/action.njk', context)
      }
      const parsed = parseWith(o.schema, body)
      if (!parsed.ok) return again(parsed.errors)
      try {
        await o.run(request.ctx, id, parsed.data, body)
      } catch (err) {
        if (err instanceof ValidationFailed) return again(err.fields)
        throw err
      }
      return reply.redirect(`/referrals/${id}?done=${o.flash}`, 303)
    },
  )
}

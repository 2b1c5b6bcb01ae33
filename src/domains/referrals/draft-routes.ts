import type { FastifyInstance, FastifyReply } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { dateParts, formErrors, parseWith, withJoinedDates } from '../../platform/http/forms.ts'
import { FormFields, IdParams } from '../../platform/validation/index.ts'
import { ChooseCategory, DraftDetails } from './schemas.ts'
import type { ReferralService } from './service.ts'

type Values = Record<string, unknown>

/** A draft referral's two pages: its service category, then its details (saved, or sent). */
export function draftRoutes(app: FastifyInstance, referrals: ReferralService) {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  const renderCategory = async (
    ctx: RequestContext,
    reply: FastifyReply,
    id: string,
    values: Values,
    fields: FieldErrors,
    status: number,
  ) => {
    const form = await referrals.draftForm(ctx, id)
    const selected = values.serviceCategoryId ?? form.referral.service_category_id
    return reply.code(status).render('referrals/views/category.njk', {
      pageTitle: 'Choose a service category',
      ...form,
      items: form.categories.map((c) => ({ value: c.id, text: c.name, checked: c.id === selected })),
      version: form.referral.version,
      errors: formErrors(fields),
      backLink: `/people/${form.referral.person_id}`,
    })
  }
  typed.get('/referrals/:id/category', { schema: { params: IdParams } }, async (request, reply) =>
    renderCategory(request.ctx, reply, request.params.id, {}, {}, 200),
  )
  typed.post(
    '/referrals/:id/category',
    { schema: { params: IdParams, body: FormFields } },
    async (request, reply) => {
      const { id } = request.params
      const body = request.body
      const parsed = parseWith(ChooseCategory, body)
      if (!parsed.ok) return renderCategory(request.ctx, reply, id, body, parsed.errors, 400)
      try {
        await referrals.chooseCategory(request.ctx, id, parsed.data)
      } catch (err) {
        if (err instanceof ValidationFailed)
          return renderCategory(request.ctx, reply, id, body, err.fields, 400)
        throw err
      }
      return reply.redirect(`/referrals/${id}/details`, 303)
    },
  )

  const renderDetails = async (
    ctx: RequestContext,
    reply: FastifyReply,
    id: string,
    values: Values | null,
    fields: FieldErrors,
    status: number,
  ) => {
    const form = await referrals.draftForm(ctx, id)
    const r = form.referral
    const v = values ?? {
      contractId: r.contract_id,
      complexityLevelId: r.complexity_level_id,
      desiredOutcomeIds: form.chosen,
      reason: r.reason,
      needs: r.needs,
      riskInformation: r.risk_information,
      contactDetails: r.contact_details,
      completionDeadline: r.completion_deadline,
    }
    const chosen = new Set([v.desiredOutcomeIds ?? []].flat())
    return reply.code(status).render('referrals/views/details.njk', {
      pageTitle: 'Referral details',
      ...form,
      values: v,
      version: r.version,
      deadline: dateParts(v.completionDeadline),
      contractItems: form.contracts.map((c) => ({
        value: c.id,
        text: `${c.provider_name} (${c.reference})`,
        checked: c.id === v.contractId,
      })),
      complexityItems: form.complexity.map((c) => ({
        value: c.id,
        text: c.title,
        hint: { text: c.description },
        checked: c.id === v.complexityLevelId,
      })),
      outcomeItems: form.outcomes.map((o) => ({
        value: o.id,
        text: o.description,
        checked: chosen.has(o.id),
      })),
      errors: formErrors(fields, { dateFields: ['completionDeadline'] }),
      backLink: `/referrals/${id}/category`,
    })
  }
  typed.get('/referrals/:id/details', { schema: { params: IdParams } }, async (request, reply) =>
    renderDetails(request.ctx, reply, request.params.id, null, {}, 200),
  )
  typed.post(
    '/referrals/:id/details',
    { schema: { params: IdParams, body: FormFields } },
    async (request, reply) => {
      const { id } = request.params
      const body = withJoinedDates(request.body, ['completionDeadline'])
      const parsed = parseWith(DraftDetails, body)
      if (!parsed.ok) return renderDetails(request.ctx, reply, id, body, parsed.errors, 400)
      try {
        const result = await referrals.saveDraft(request.ctx, id, parsed.data)
        return reply.redirect(`/referrals/${id}?done=${result.sent ? 'sent' : 'saved'}`, 303)
      } catch (err) {
        // A failed send keeps what was saved; the user sees what is missing beside each field.
        if (err instanceof ValidationFailed)
          return renderDetails(request.ctx, reply, id, body, err.fields, 400)
        throw err
      }
    },
  )
}

import { camelRow } from '../../platform/db/camel.ts'
import type { FastifyInstance } from 'fastify'
import { formPage } from '../../platform/http/form-page.ts'
import { dateParts } from '../../platform/http/forms.ts'
import { IdParams } from '../../platform/validation/index.ts'
import { ChooseCategory, DraftDetails } from './schemas.ts'
import type { ReferralService } from './service.ts'

/**
 * A draft referral's two pages: its service category, then its details (saved, or sent). Both are
 * the platform form page; the draft's version rides in a hidden field, reloaded on a failed post
 * so a stale version is refused by the service rather than silently overwritten.
 */
export function draftRoutes(app: FastifyInstance, referrals: ReferralService) {
  formPage(app, {
    path: '/referrals/:id/category',
    params: IdParams,
    capability: 'referrals:make',
    view: 'referrals/views/category.njk',
    pageTitle: 'Choose a service category',
    schema: ChooseCategory,
    load: async (request, { id }) => {
      const form = await referrals.draftForm(request.ctx, id)
      return {
        ...form,
        items: form.categories.map((c) => ({ value: c.id, text: c.name })),
        version: form.referral.version,
        backLink: `/people/${form.referral.person_id}`,
      }
    },
    initial: (form) => ({ serviceCategoryId: form.referral.service_category_id }),
    save: (request, { id }, input) => referrals.chooseCategory(request.ctx, id, input),
    redirect: (_done, { id }) => `/referrals/${id}/details`,
    confirmation: 'Service category saved',
  })

  formPage(app, {
    path: '/referrals/:id/details',
    params: IdParams,
    capability: 'referrals:make',
    view: 'referrals/views/details.njk',
    pageTitle: 'Referral details',
    schema: DraftDetails,
    dateFields: ['completionDeadline'],
    load: async (request, { id }) => {
      const form = await referrals.draftForm(request.ctx, id)
      return {
        ...form,
        version: form.referral.version,
        contractItems: form.contracts.map((c) => ({
          value: c.id,
          text: `${c.provider_name} (${c.reference})`,
        })),
        complexityItems: form.complexity.map((c) => ({
          value: c.id,
          text: c.title,
          hint: { text: c.description },
        })),
        outcomeItems: form.outcomes.map((o) => ({ value: o.id, text: o.description })),
        backLink: `/referrals/${id}/category`,
      }
    },
    initial: ({ referral: r, chosen }) => {
      const deadline = dateParts(r.completion_deadline)
      return {
        ...camelRow(r, [
          'contract_id',
          'complexity_level_id',
          'reason',
          'needs',
          'risk_information',
          'contact_details',
        ]),
        desiredOutcomeIds: chosen,
        'completionDeadline-day': deadline.day,
        'completionDeadline-month': deadline.month,
        'completionDeadline-year': deadline.year,
      }
    },
    // A failed send keeps what was saved (the service saves before it checks completeness); the
    // user sees what is missing beside each field.
    save: (request, { id }, input) => referrals.saveDraft(request.ctx, id, input),
    redirect: (_result, { id }) => `/referrals/${id}`,
    confirmation: (result) => (result.sent ? 'Referral sent' : 'Draft saved'),
  })
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { dateParts, formErrors, parseWith, withJoinedDates } from '../../platform/http/forms.ts'
import { FLASH, formPage } from './form-page.ts'
import type { ReferralLifecycle } from './lifecycle.ts'
import type { PerformanceService } from './performance.ts'
import { ACHIEVEMENT_LABELS, QUALITY_CHECKLIST } from './rag.ts'
import type { ProviderTab } from './repository.ts'
import {
  ActionPlanInput,
  BookAssessment,
  ChooseCategory,
  DraftDetails,
  EndInput,
  QualityInput,
  RecordAssessment,
  ReportInput,
  SessionInput,
} from './schemas.ts'
import type { ReferralService } from './service.ts'
import { EVENT_LABELS, STATE_LABELS } from './state-machine.ts'

const TABS: { key: ProviderTab; text: string }[] = [
  { key: 'unassigned', text: 'Unassigned' },
  { key: 'mine', text: 'Assigned to me' },
  { key: 'open', text: 'All open' },
  { key: 'completed', text: 'Completed' },
  { key: 'cancelled', text: 'Cancelled' },
]
const TabQuery = z.object({
  tab: z.enum(['unassigned', 'mine', 'open', 'completed', 'cancelled']).catch('unassigned'),
})
const labels = {
  states: STATE_LABELS,
  eventLabels: EVENT_LABELS,
  achievements: ACHIEVEMENT_LABELS,
  checklist: QUALITY_CHECKLIST,
}

export function referralRoutes(
  app: FastifyInstance,
  referrals: ReferralService,
  lifecycle: ReferralLifecycle,
  performance: PerformanceService,
) {
  app.get('/referrals', async (request, reply) => {
    const rows = await referrals.referrerList(request.ctx)
    return reply.render('referrals/views/referrer-list.njk', { pageTitle: 'Referrals', rows, ...labels })
  })

  app.get('/provider/referrals', async (request, reply) => {
    const { tab } = TabQuery.parse(request.query)
    const rows = await referrals.providerDashboard(request.ctx, tab)
    const tabs = TABS.map((t) => ({ ...t, href: `/provider/referrals?tab=${t.key}`, current: t.key === tab }))
    return reply.render('referrals/views/provider-dashboard.njk', {
      pageTitle: 'Referrals to your organisation',
      rows,
      tabs,
      tab,
      ...labels,
    })
  })

  // Starting a referral from the person's record (or a plan action, with ?planAction=).
  app.get('/people/:personId/referrals/new', async (request, reply) => {
    const { personId } = request.params as { personId: string }
    await referrals.startPage(request.ctx, personId)
    const planAction = z
      .object({ planAction: z.string().uuid().optional().catch(undefined) })
      .parse(request.query).planAction
    return reply.render('referrals/views/start.njk', {
      pageTitle: 'Make a referral',
      personId,
      planAction,
      backLink: `/people/${personId}`,
    })
  })
  app.post('/people/:personId/referrals', async (request, reply) => {
    const { personId } = request.params as { personId: string }
    const body = z
      .object({ planAction: z.string().uuid().optional().catch(undefined) })
      .parse(request.body ?? {})
    try {
      const created = await referrals.startDraft(request.ctx, personId, body.planAction ?? null)
      return reply.redirect(`/referrals/${created.id}/category`, 303)
    } catch (err) {
      if (!(err instanceof ValidationFailed)) throw err
      return reply.code(400).render('referrals/views/start.njk', {
        pageTitle: 'Make a referral',
        personId,
        errors: formErrors(err.fields),
        backLink: `/people/${personId}`,
      })
    }
  })

  const renderCategory = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: Record<string, unknown>,
    fields: FieldErrors,
    status: number,
  ) => {
    const form = await referrals.draftForm(request.ctx, id)
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
  app.get('/referrals/:id/category', async (request, reply) =>
    renderCategory(request, reply, (request.params as { id: string }).id, {}, {}, 200),
  )
  app.post('/referrals/:id/category', async (request, reply) => {
    const { id } = request.params as { id: string }
    const body = (request.body ?? {}) as Record<string, unknown>
    const parsed = parseWith(ChooseCategory, body)
    if (!parsed.ok) return renderCategory(request, reply, id, body, parsed.errors, 400)
    try {
      await referrals.chooseCategory(request.ctx, id, parsed.data)
    } catch (err) {
      if (err instanceof ValidationFailed) return renderCategory(request, reply, id, body, err.fields, 400)
      throw err
    }
    return reply.redirect(`/referrals/${id}/details`, 303)
  })

  const renderDetails = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: Record<string, unknown> | null,
    fields: FieldErrors,
    status: number,
  ) => {
    const form = await referrals.draftForm(request.ctx, id)
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
  app.get('/referrals/:id/details', async (request, reply) => {
    const { id } = request.params as { id: string }
    return renderDetails(request, reply, id, null, {}, 200)
  })
  app.post('/referrals/:id/details', async (request, reply) => {
    const { id } = request.params as { id: string }
    const body = withJoinedDates((request.body ?? {}) as Record<string, unknown>, ['completionDeadline'])
    const parsed = parseWith(DraftDetails, body)
    if (!parsed.ok) return renderDetails(request, reply, id, body, parsed.errors, 400)
    try {
      const result = await referrals.saveDraft(request.ctx, id, parsed.data)
      return reply.redirect(result.sent ? `/referrals/${id}?done=sent` : `/referrals/${id}?done=saved`, 303)
    } catch (err) {
      // A failed send keeps what was saved; the user sees what is missing beside each field.
      if (err instanceof ValidationFailed) return renderDetails(request, reply, id, body, err.fields, 400)
      throw err
    }
  })

  app.get('/referrals/:id', async (request, reply) => {
    const { id } = request.params as { id: string }
    const view = await referrals.view(request.ctx, id)
    const afterService = await performance.afterService(view.referral)
    const done = (request.query as { done?: string }).done
    return reply.render('referrals/views/referral.njk', {
      pageTitle: `Referral ${view.referral.reference}`,
      ...view,
      afterService,
      ...labels,
      flash: done ? FLASH[done] : undefined,
      isLiveDraft: view.referral.state === 'draft',
    })
  })

  // Single-button transitions: a refusal is a 409 page that names the current state.
  const button = (
    path: string,
    run: (ctx: FastifyRequest['ctx'], id: string) => Promise<unknown>,
    flash: string,
  ) =>
    app.post(`/referrals/:id/${path}`, async (request, reply) => {
      const { id } = request.params as { id: string }
      await run(request.ctx, id)
      return reply.redirect(`/referrals/${id}?done=${flash}`, 303)
    })
  button('assign', (ctx, id) => lifecycle.assign(ctx, id), 'assigned')
  button('approve-action-plan', (ctx, id) => lifecycle.approveActionPlan(ctx, id), 'approved')
  button('conclude', (ctx, id) => lifecycle.conclude(ctx, id), 'concluded')

  formPage(app, referrals, {
    path: 'quality',
    title: 'Rate the referral’s quality',
    action: 'quality',
    schema: QualityInput,
    flash: 'quality',
    run: (ctx, id, d) => lifecycle.rateQuality(ctx, id, d),
  })
  formPage(app, referrals, {
    path: 'assessment',
    title: 'Book the initial assessment',
    action: 'assessment',
    schema: BookAssessment,
    dateFields: ['appointmentDate'],
    flash: 'assessment',
    run: (ctx, id, d) => lifecycle.bookAssessment(ctx, id, d.appointmentDate),
  })
  formPage(app, referrals, {
    path: 'assessment/attended',
    title: 'Record the initial assessment',
    action: 'assessed',
    schema: RecordAssessment,
    flash: 'assessed',
    run: (ctx, id, d) => lifecycle.recordAssessment(ctx, id, d.feedback),
  })
  formPage(app, referrals, {
    path: 'action-plan',
    title: 'Submit the action plan',
    action: 'plan',
    schema: ActionPlanInput,
    flash: 'plan',
    run: (ctx, id, d) => lifecycle.submitActionPlan(ctx, id, d),
  })
  formPage(app, referrals, {
    path: 'sessions/new',
    title: 'Record a delivery session',
    action: 'session',
    schema: SessionInput,
    dateFields: ['appointmentDate'],
    flash: 'session',
    run: (ctx, id, d) => lifecycle.recordSession(ctx, id, d),
  })
  formPage(app, referrals, {
    path: 'report',
    title: 'End-of-service report',
    action: 'report',
    schema: ReportInput,
    flash: 'report',
    run: (ctx, id, d, body) => lifecycle.submitReport(ctx, id, d.summary, ratingsFrom(body)),
  })
  const reasons = async () => referrals.reasons()
  formPage(app, referrals, {
    path: 'withdraw',
    title: 'Withdraw the referral',
    action: 'withdraw',
    schema: EndInput,
    flash: 'withdrawn',
    extra: reasons,
    run: (ctx, id, d) => lifecycle.withdraw(ctx, id, d),
  })
  formPage(app, referrals, {
    path: 'cancel',
    title: 'Cancel the referral',
    action: 'cancel',
    schema: EndInput,
    flash: 'cancelled',
    extra: reasons,
    run: (ctx, id, d) => lifecycle.cancel(ctx, id, d),
  })
}

/** The report form posts one radio group per outcome, named outcome-<id>. */
function ratingsFrom(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body).flatMap(([k, v]) =>
      k.startsWith('outcome-') && typeof v === 'string' ? [[k.slice('outcome-'.length), v]] : [],
    ),
  )
}

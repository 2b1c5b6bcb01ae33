import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { setConfirmation } from '../../platform/http/confirmation.ts'
import { formPage } from '../../platform/http/form-page.ts'
import { IdParams, uuidParam } from '../../platform/validation/index.ts'
import { draftRoutes } from './draft-routes.ts'
import { ListQuery, sendTables } from '../../platform/table/index.ts'
import { actionRoutes } from './action-routes.ts'
import { referralListAll, referralListPage, referralListTable } from './list-tables.ts'
import type { ReferralLifecycle } from './lifecycle.ts'
import type { PerformanceService } from './performance.ts'
import { ACHIEVEMENT_LABELS, QUALITY_CHECKLIST } from './rag.ts'
import type { ProviderTab } from './repository.ts'
import type { ReferralService } from './service.ts'
import { EVENT_LABELS, STATE_LABELS } from './state-machine.ts'

const TABS: { key: ProviderTab; text: string }[] = [
  { key: 'unassigned', text: 'Unassigned' },
  { key: 'mine', text: 'Assigned to me' },
  { key: 'open', text: 'All open' },
  { key: 'completed', text: 'Completed' },
  { key: 'cancelled', text: 'Cancelled' },
]
const Download = { format: z.enum(['csv', 'xlsx']).optional().catch(undefined) }
const ReferrerListQuery = ListQuery.extend(Download)
const TabQuery = ListQuery.extend({
  ...Download,
  tab: z.enum(['unassigned', 'mine', 'open', 'completed', 'cancelled']).catch('unassigned'),
})
/** Started from a plan action (?planAction=<id>), the referral answers it; any other value is ignored. */
const PlanActionQuery = z.object({ planAction: uuidParam.optional().catch(undefined) })
const PersonParams = z.object({ personId: uuidParam })
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
  const typed = app.withTypeProvider<ZodTypeProvider>()
  typed.get('/referrals', { schema: { querystring: ReferrerListQuery } }, async (request, reply) => {
    const rows = await referrals.referrerList(request.ctx)
    const table = referralListTable(rows, 'referrer', 'Referrals made by your organisation')
    const { format } = request.query
    if (format) return sendTables(reply, format, 'referrals', [referralListAll(table, request.query)])
    return reply.render('referrals/views/referrer-list.njk', {
      pageTitle: 'Referrals',
      list: referralListPage(table, request.query, '/referrals', {}),
      q: request.query.q,
    })
  })

  typed.get('/provider/referrals', { schema: { querystring: TabQuery } }, async (request, reply) => {
    const { tab, format } = request.query
    const rows = await referrals.providerDashboard(request.ctx, tab)
    const current = TABS.find((t) => t.key === tab)!
    const table = referralListTable(rows, 'provider', `Referrals: ${current.text.toLowerCase()}`)
    if (format) return sendTables(reply, format, `referrals-${tab}`, [referralListAll(table, request.query)])
    const tabs = TABS.map((t) => ({ ...t, href: `/provider/referrals?tab=${t.key}`, current: t.key === tab }))
    return reply.render('referrals/views/provider-dashboard.njk', {
      pageTitle: 'Referrals to your organisation',
      list: referralListPage(table, request.query, '/provider/referrals', { tab }),
      q: request.query.q,
      tabs,
      tab,
    })
  })

  // Starting a referral from the person's record (or a plan action, with ?planAction=): shown at
  // .../referrals/new, and the draft is created by posting to .../referrals. The draft's own pages
  // follow, so the next page says what happened and no banner is set.
  formPage(app, {
    path: '/people/:personId/referrals/new',
    action: '/people/:personId/referrals',
    params: PersonParams,
    query: PlanActionQuery,
    capability: 'referrals:make',
    view: 'referrals/views/start.njk',
    pageTitle: 'Make a referral',
    schema: PlanActionQuery,
    load: async (request, { personId }, { planAction }) => {
      await referrals.startPage(request.ctx, personId)
      return { personId, planAction, backLink: `/people/${personId}` }
    },
    initial: ({ planAction }) => ({ planAction }),
    save: (request, { personId }, { planAction }) =>
      referrals.startDraft(request.ctx, personId, planAction ?? null),
    redirect: (created) => `/referrals/${created.id}/category`,
  })

  draftRoutes(app, referrals)

  typed.get('/referrals/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const { id } = request.params
    const view = await referrals.view(request.ctx, id)
    const afterService = await performance.afterService(view.referral)
    return reply.render('referrals/views/referral.njk', {
      pageTitle: `Referral ${view.referral.reference}`,
      ...view,
      afterService,
      ...labels,
      isLiveDraft: view.referral.state === 'draft',
    })
  })

  // Single-button transitions: a refusal is a 409 page that names the current state.
  const button = (path: string, run: (ctx: RequestContext, id: string) => Promise<unknown>, said: string) =>
    typed.post(`/referrals/:id/${path}`, { schema: { params: IdParams } }, async (request, reply) => {
      const { id } = request.params
      await run(request.ctx, id)
      setConfirmation(reply, said)
      return reply.redirect(`/referrals/${id}`, 303)
    })
  button('assign', (ctx, id) => lifecycle.assign(ctx, id), 'Referral assigned to you')
  button('approve-action-plan', (ctx, id) => lifecycle.approveActionPlan(ctx, id), 'Action plan approved')
  button('conclude', (ctx, id) => lifecycle.conclude(ctx, id), 'Referral concluded')

  actionRoutes(app, referrals, lifecycle)
}

import type { FastifyInstance } from 'fastify'
import type { z } from 'zod'
import type { RequestContext } from '../../platform/auth/actor.ts'
import type { Capability } from '../../platform/auth/roles.ts'
import { formPage } from '../../platform/http/form-page.ts'
import { IdParams } from '../../platform/validation/index.ts'
import type { ReferralLifecycle } from './lifecycle.ts'
import { ACHIEVEMENT_LABELS, QUALITY_CHECKLIST } from './rag.ts'
import {
  ActionPlanInput,
  BookAssessment,
  EndInput,
  QualityInput,
  RecordAssessment,
  ReportInput,
  SessionInput,
} from './schemas.ts'
import type { ReferralService } from './service.ts'
import type { Side } from './state-machine.ts'

const SIDE_CAPABILITY: Record<Side, Capability> = {
  provider: 'referrals:deliver',
  referrer: 'referrals:make',
}

/**
 * The referral's one-form actions, each a platform form page on /referrals/:id/<path> that shows
 * action.njk. The page opens the referral through the service (scope and audit apply to the GET as
 * well) and is refused to the other side (issue 17: a role sees no form it cannot submit); the
 * lifecycle checks side, scope and state again when it saves.
 */
export function actionRoutes(app: FastifyInstance, referrals: ReferralService, lifecycle: ReferralLifecycle) {
  function action<S extends z.ZodType>(o: {
    path: string
    side: Side
    title: string
    /** Which fields action.njk shows. */
    action: string
    schema: S
    dateFields?: string[]
    confirmation: string
    extra?: () => Promise<Record<string, unknown>>
    save: (
      ctx: RequestContext,
      id: string,
      values: z.infer<S>,
      posted: Record<string, unknown>,
    ) => Promise<unknown>
  }) {
    formPage(app, {
      path: `/referrals/:id/${o.path}`,
      params: IdParams,
      capability: SIDE_CAPABILITY[o.side],
      view: 'referrals/views/action.njk',
      pageTitle: o.title,
      schema: o.schema,
      dateFields: o.dateFields,
      load: async (request, { id }) => {
        referrals.access.requireSide(request.ctx, o.side)
        const [view, extra] = await Promise.all([referrals.view(request.ctx, id), o.extra?.() ?? {}])
        return {
          ...view,
          ...extra,
          action: o.action,
          path: o.path,
          checklist: QUALITY_CHECKLIST,
          achievements: ACHIEVEMENT_LABELS,
          backLink: `/referrals/${id}`,
        }
      },
      save: (request, { id }, values, posted) => o.save(request.ctx, id, values, posted),
      redirect: (_result, { id }) => `/referrals/${id}`,
      confirmation: o.confirmation,
    })
  }

  action({
    path: 'quality',
    side: 'provider',
    title: 'Rate the referral’s quality',
    action: 'quality',
    schema: QualityInput,
    confirmation: 'Referral quality rated',
    save: (ctx, id, d) => lifecycle.rateQuality(ctx, id, d),
  })
  action({
    path: 'assessment',
    side: 'provider',
    title: 'Book the initial assessment',
    action: 'assessment',
    schema: BookAssessment,
    dateFields: ['appointmentDate'],
    confirmation: 'Initial assessment booked',
    save: (ctx, id, d) => lifecycle.bookAssessment(ctx, id, d.appointmentDate),
  })
  action({
    path: 'assessment/attended',
    side: 'provider',
    title: 'Record the initial assessment',
    action: 'assessed',
    schema: RecordAssessment,
    confirmation: 'Initial assessment recorded',
    save: (ctx, id, d) => lifecycle.recordAssessment(ctx, id, d.feedback),
  })
  action({
    path: 'action-plan',
    side: 'provider',
    title: 'Submit the action plan',
    action: 'plan',
    schema: ActionPlanInput,
    confirmation: 'Action plan submitted',
    save: (ctx, id, d) => lifecycle.submitActionPlan(ctx, id, d),
  })
  action({
    path: 'sessions/new',
    side: 'provider',
    title: 'Record a delivery session',
    action: 'session',
    schema: SessionInput,
    dateFields: ['appointmentDate'],
    confirmation: 'Session recorded',
    save: (ctx, id, d) => lifecycle.recordSession(ctx, id, d),
  })
  action({
    path: 'report',
    side: 'provider',
    title: 'End-of-service report',
    action: 'report',
    schema: ReportInput,
    confirmation: 'End-of-service report submitted',
    save: (ctx, id, d, posted) => lifecycle.submitReport(ctx, id, d.summary, ratingsFrom(posted)),
  })
  const reasons = () => referrals.reasons()
  action({
    path: 'withdraw',
    side: 'referrer',
    title: 'Withdraw the referral',
    action: 'withdraw',
    schema: EndInput,
    confirmation: 'Referral withdrawn',
    extra: reasons,
    save: (ctx, id, d) => lifecycle.withdraw(ctx, id, d),
  })
  action({
    path: 'cancel',
    side: 'provider',
    title: 'Cancel the referral',
    action: 'cancel',
    schema: EndInput,
    confirmation: 'Referral cancelled',
    extra: reasons,
    save: (ctx, id, d) => lifecycle.cancel(ctx, id, d),
  })
}

/** The report form posts one radio group per outcome, named outcome-<id>. */
function ratingsFrom(posted: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(posted).flatMap(([k, v]) =>
      k.startsWith('outcome-') && typeof v === 'string' ? [[k.slice('outcome-'.length), v]] : [],
    ),
  )
}

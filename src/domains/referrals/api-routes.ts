import { camelRow } from '../../platform/db/camel.ts'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { IdParams } from '../../platform/validation/index.ts'
import type { ReferralLifecycle } from './lifecycle.ts'
import type { ReferralService } from './service.ts'
import { REFERRAL_EVENTS, REFERRAL_STATES } from './state-machine.ts'

const ReferralView = z.object({
  id: z.string(),
  reference: z.string(),
  state: z.enum(REFERRAL_STATES),
  personId: z.string(),
  providerName: z.string().nullable(),
  caseworkerName: z.string().nullable(),
  sentAt: z.string().nullable(),
  availableEvents: z.array(z.enum(REFERRAL_EVENTS)),
  history: z.array(
    z.object({
      event: z.string(),
      fromState: z.string(),
      toState: z.string(),
      at: z.string(),
      by: z.string().nullable(),
    }),
  ),
})

/** The transitions that need no form: a client names the event; anything else has its page. */
const Transition = z.object({ event: z.enum(['assign', 'approve_action_plan', 'conclude']) })
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : null)

export function referralApiRoutes(
  app: FastifyInstance,
  referrals: ReferralService,
  lifecycle: ReferralLifecycle,
) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['Referrals']
  const read = async (ctx: Parameters<ReferralService['view']>[0], id: string) => {
    const v = await referrals.view(ctx, id)
    return {
      ...camelRow(v.referral, ['id', 'reference', 'state', 'person_id', 'provider_name', 'caseworker_name']),
      sentAt: iso(v.referral.sent_at),
      availableEvents: v.actions,
      history: v.events.map((e) => ({
        ...camelRow(e, ['event', 'from_state', 'to_state']),
        at: iso(e.at) ?? '',
        by: e.user_name,
      })),
    }
  }

  typed.get(
    '/api/v1/referrals/:id',
    {
      schema: {
        tags,
        summary: 'One referral, its history and what you may do next',
        params: IdParams,
        response: { 200: ReferralView },
      },
    },
    async (request) => read(request.ctx, request.params.id),
  )

  typed.post(
    '/api/v1/referrals/:id/transitions',
    {
      schema: {
        tags,
        summary:
          'Fire a lifecycle event; 409 with the current state when the state machine does not allow it',
        params: IdParams,
        body: Transition,
        response: { 200: ReferralView },
      },
    },
    async (request) => {
      const { id } = request.params
      const run = {
        assign: lifecycle.assign,
        approve_action_plan: lifecycle.approveActionPlan,
        conclude: lifecycle.conclude,
      }[request.body.event]
      await run(request.ctx, id)
      return read(request.ctx, id)
    },
  )
}

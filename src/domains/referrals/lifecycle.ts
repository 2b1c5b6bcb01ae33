import type { Updateable } from 'kysely'
import type { RequestContext } from '../../platform/auth/actor.ts'
import type { AuditLog } from '../../platform/audit/audit-log.ts'
import { Conflict, Forbidden, ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import type { Referral, ReferralAccess } from './access.ts'
import { qualityRating } from './quality.ts'
import type { ReferralRepository } from './repository.ts'
import { assessmentRecordProblems, concludeProblems, sessionProblems, type DeliveryDates } from './rules.ts'
import type { ActionPlanInput, EndInput, SessionInput } from './schemas.ts'
import {
  EVENT_LABELS,
  EVENT_SIDE,
  STATE_LABELS,
  transition,
  type ReferralEvent,
  type ReferralState,
} from './state-machine.ts'
import type { Achievement, ReferralDatabase, ReferralTables } from './tables.ts'

/** A refused transition: 409 with the state the referral is really in, and nothing changed. */
export class TransitionRefused extends Conflict {
  constructor(event: ReferralEvent, state: ReferralState) {
    super(
      `This referral is ${STATE_LABELS[state].toLowerCase()}, so “${EVENT_LABELS[event].toLowerCase()}” is not possible now. Nothing has been changed.`,
      { state },
    )
  }
}

export function referralLifecycle(
  repo: ReferralRepository,
  access: ReferralAccess,
  audit: AuditLog,
  deps: { today: () => string; now: () => Date },
) {
  /**
   * Applies one event: the right side, in scope, allowed by the state machine from the state the
   * referral is in when the row is updated. `also` writes the event's own rows in the same
   * transaction, so a refused or failed transition leaves nothing behind.
   */
  async function move(
    ctx: RequestContext,
    id: string,
    event: ReferralEvent,
    set: Updateable<ReferralTables['referral']> = {},
    options: {
      detail?: string
      personOnly?: boolean
      also?: (trx: ReferralDatabase) => Promise<unknown>
      /** Date sanity for this step (rules.ts), checked once the referral is open. */
      check?: (referral: Referral) => Promise<FieldErrors> | FieldErrors
    } = {},
  ) {
    access.requireSide(ctx, EVENT_SIDE[event])
    const referral = await access.open(ctx, id, 'update')
    // A step the state machine refuses is refused as such (409) before its dates are looked at.
    const allowed = transition(referral.state, event, {
      sessionsAttended: 0,
      plannedSessions: referral.action_plan_sessions,
    })
    if (!allowed.ok) throw new TransitionRefused(event, referral.state)
    const problems = options.check ? await options.check(referral) : {}
    if (Object.keys(problems).length) throw new ValidationFailed(problems)
    if (options.personOnly && !ctx.actor.userId)
      throw new Forbidden('Only a signed-in caseworker can take a referral')
    const result = await repo.db.transaction().execute(async (trx) => {
      const facts = {
        sessionsAttended: await repo.sessionsAttended(trx, id),
        plannedSessions: referral.action_plan_sessions,
      }
      const next = transition(referral.state, event, facts)
      if (!next.ok) return { ok: false as const, state: referral.state }
      const moved = await repo.transition(trx, id, referral.state, next.to, set, {
        event,
        userId: ctx.actor.userId,
        organisationId: ctx.actor.organisationId,
        detail: options.detail ?? null,
      })
      if (!moved) return { ok: false as const, state: (await repo.currentState(id))?.state ?? referral.state }
      await options.also?.(trx)
      return { ok: true as const, to: next.to }
    })
    if (!result.ok) throw new TransitionRefused(event, result.state)
    await audit.record(ctx, {
      action: 'update',
      recordType: 'referral',
      recordId: id,
      personId: referral.person_id,
      detail: event,
    })
    return { referral, to: result.to }
  }

  const datesOf = (r: Referral): DeliveryDates => ({
    today: deps.today(),
    assessmentDate: r.assessment_date,
    releasedOn: r.actual_release_date,
  })

  return {
    /** Claims the referral for the caseworker; of two claims at once, exactly one succeeds. */
    // The caseworker is a person: an API client has no user to assign the referral to.
    assign: (ctx: RequestContext, id: string) =>
      move(
        ctx,
        id,
        'assign',
        { caseworker_user_id: ctx.actor.userId, assigned_at: deps.now() },
        { detail: ctx.actor.name, personOnly: true },
      ),

    /** Arranging the initial assessment is the provider's first contact with the person. */
    bookAssessment: (ctx: RequestContext, id: string, appointmentDate: string) =>
      move(
        ctx,
        id,
        'book_assessment',
        { first_contact_at: deps.now(), assessment_date: appointmentDate },
        {
          detail: appointmentDate,
          also: (trx) =>
            trx
              .insertInto('referral_appointment')
              .values({
                referral_id: id,
                kind: 'assessment',
                appointment_date: appointmentDate,
                recorded_by: ctx.actor.userId,
              })
              .execute(),
        },
      ),

    async recordAssessment(ctx: RequestContext, id: string, feedback: string | null) {
      return move(
        ctx,
        id,
        'record_assessment',
        { assessment_at: deps.now() },
        {
          check: (r) => assessmentRecordProblems(datesOf(r)),
          also: (trx) =>
            trx
              .updateTable('referral_appointment')
              .set({ attendance: 'attended', feedback })
              .where('referral_id', '=', id)
              .where('kind', '=', 'assessment')
              .execute(),
        },
      )
    },

    submitActionPlan: (ctx: RequestContext, id: string, input: ActionPlanInput) =>
      move(
        ctx,
        id,
        'submit_action_plan',
        {
          action_plan: input.actionPlan,
          action_plan_sessions: input.sessions,
          action_plan_submitted_at: deps.now(),
        },
        { detail: `${input.sessions} sessions` },
      ),

    approveActionPlan: (ctx: RequestContext, id: string) =>
      move(ctx, id, 'approve_action_plan', { action_plan_approved_at: deps.now() }),

    async recordSession(ctx: RequestContext, id: string, input: SessionInput) {
      return move(
        ctx,
        id,
        'record_session',
        {},
        {
          detail: input.attendance,
          check: async (r) => {
            const recorded = (await repo.appointments(id)).filter((a) => a.kind === 'session').length
            return sessionProblems(datesOf(r), {
              date: input.appointmentDate,
              number: recorded + 1,
              planned: r.action_plan_sessions,
              overPlanConfirmed: input.overPlan,
            })
          },
          also: async (trx) => {
            const n = await trx
              .selectFrom('referral_appointment')
              .where('referral_id', '=', id)
              .where('kind', '=', 'session')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
            await trx
              .insertInto('referral_appointment')
              .values({
                referral_id: id,
                kind: 'session',
                session_number: Number(n.n) + 1,
                appointment_date: input.appointmentDate,
                attendance: input.attendance,
                feedback: input.feedback,
                recorded_by: ctx.actor.userId,
              })
              .execute()
          },
        },
      )
    },

    /** The end-of-service report rates every desired outcome the referral asked for. */
    async submitReport(ctx: RequestContext, id: string, summary: string, ratings: Record<string, string>) {
      const outcomes = await repo.desiredOutcomes(id)
      const errors: FieldErrors = {}
      const chosen: { id: string; achievement: Achievement }[] = []
      for (const o of outcomes) {
        const value = ratings[o.id]
        if (value === 'achieved' || value === 'partially_achieved' || value === 'not_achieved')
          chosen.push({ id: o.id, achievement: value })
        else errors[`outcome-${o.id}`] = `Select whether “${o.description}” was achieved`
      }
      if (Object.keys(errors).length) throw new ValidationFailed(errors)
      return move(
        ctx,
        id,
        'submit_report',
        { report_submitted_at: deps.now(), report_summary: summary },
        {
          also: (trx) =>
            chosen.length
              ? trx
                  .insertInto('referral_outcome_rating')
                  .values(
                    chosen.map((c) => ({
                      referral_id: id,
                      desired_outcome_id: c.id,
                      achievement: c.achievement,
                    })),
                  )
                  .execute()
              : Promise.resolve(),
        },
      )
    },

    conclude: (ctx: RequestContext, id: string) =>
      move(
        ctx,
        id,
        'conclude',
        { concluded_at: deps.now() },
        {
          check: (r): FieldErrors => {
            const problem = concludeProblems(datesOf(r))
            return problem ? { form: problem } : {}
          },
        },
      ),

    /** Withdrawal by the referrer, with a reason from the CRS list. */
    async withdraw(ctx: RequestContext, id: string, input: EndInput) {
      const reasons = await repo.withdrawalReasons()
      const reason = reasons.find((r) => r.code === input.reasonCode)
      if (!reason) throw new ValidationFailed({ reasonCode: 'Select a reason from the list' })
      return move(
        ctx,
        id,
        'withdraw',
        {
          concluded_at: deps.now(),
          end_reason_kind: 'withdrawal',
          end_reason_code: reason.code,
          end_reason_comments: input.comments,
        },
        { detail: reason.description },
      )
    },

    /** Cancellation by the provider, with a reason from the CRS list. */
    async cancel(ctx: RequestContext, id: string, input: EndInput) {
      const reasons = await repo.cancellationReasons()
      const reason = reasons.find((r) => r.code === input.reasonCode)
      if (!reason) throw new ValidationFailed({ reasonCode: 'Select a reason from the list' })
      return move(
        ctx,
        id,
        'cancel',
        {
          concluded_at: deps.now(),
          end_reason_kind: 'cancellation',
          end_reason_code: reason.code,
          end_reason_comments: input.comments,
        },
        { detail: reason.description },
      )
    },
    ...qualityRating(repo, access, audit),
  }
}

export type ReferralLifecycle = ReturnType<typeof referralLifecycle>

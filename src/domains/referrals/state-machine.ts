// The referral lifecycle (domain.md section 8; the CRS referral journey in
// hmpps-interventions-service): draft, sent, assigned to a caseworker, initial assessment booked
// and held, action plan submitted and approved by the referrer, delivery sessions, the
// end-of-service report, then concluded as completed, ended early or cancelled. Until it ends, a
// referral may be withdrawn by the referrer (withdrawal reasons) or cancelled by the provider
// (cancellation reasons). Pure: the service applies a transition only where this allows it.

export const REFERRAL_STATES = [
  'draft',
  'sent',
  'assigned',
  'assessment_booked',
  'assessed',
  'action_plan_submitted',
  'action_plan_approved',
  'in_delivery',
  'report_submitted',
  'completed',
  'ended_early',
  'cancelled',
] as const
export type ReferralState = (typeof REFERRAL_STATES)[number]

export const REFERRAL_EVENTS = [
  'send',
  'assign',
  'book_assessment',
  'record_assessment',
  'submit_action_plan',
  'approve_action_plan',
  'record_session',
  'submit_report',
  'conclude',
  'withdraw',
  'cancel',
] as const
export type ReferralEvent = (typeof REFERRAL_EVENTS)[number]

/** Who may fire an event: the referring practitioner's side or the provider's. */
export type Side = 'referrer' | 'provider'
export const EVENT_SIDE: Record<ReferralEvent, Side> = {
  send: 'referrer',
  assign: 'provider',
  book_assessment: 'provider',
  record_assessment: 'provider',
  submit_action_plan: 'provider',
  approve_action_plan: 'referrer',
  record_session: 'provider',
  submit_report: 'provider',
  conclude: 'provider',
  withdraw: 'referrer',
  cancel: 'provider',
}

export const TERMINAL: readonly ReferralState[] = ['completed', 'ended_early', 'cancelled']

/** Open: sent and not yet ended. A draft is not open; it is not with a provider. */
export const OPEN: readonly ReferralState[] = REFERRAL_STATES.filter(
  (s) => s !== 'draft' && !TERMINAL.includes(s),
)

const BEFORE_DELIVERY: readonly ReferralState[] = [
  'sent',
  'assigned',
  'assessment_booked',
  'assessed',
  'action_plan_submitted',
  'action_plan_approved',
]

/**
 * From which states each event may fire. Claiming (assign) is only from 'sent', so of two
 * caseworkers claiming at once exactly one succeeds. A revised action plan may be resubmitted
 * before approval; sessions repeat during delivery.
 */
const FROM: Record<ReferralEvent, readonly ReferralState[]> = {
  send: ['draft'],
  assign: ['sent'],
  book_assessment: ['assigned'],
  record_assessment: ['assessment_booked'],
  submit_action_plan: ['assessed', 'action_plan_submitted'],
  approve_action_plan: ['action_plan_submitted'],
  record_session: ['action_plan_approved', 'in_delivery'],
  submit_report: ['in_delivery'],
  conclude: ['report_submitted'],
  withdraw: OPEN.filter((s) => s !== 'report_submitted'),
  cancel: OPEN.filter((s) => s !== 'report_submitted'),
}

export interface TransitionFacts {
  /** Sessions attended (on time or late) so far. */
  sessionsAttended: number
  /** Sessions the approved action plan set out. */
  plannedSessions: number | null
}

export type TransitionResult =
  { ok: true; to: ReferralState } | { ok: false; current: ReferralState; event: ReferralEvent }

/**
 * Where an event takes a referral, or a refusal naming the current state. Ending: a referral
 * that delivered every planned session concludes as completed, one that delivered some as
 * ended early; withdrawn or cancelled before any session was attended it is cancelled, after
 * that ended early, as the CRS service distinguishes.
 */
export function transition(
  state: ReferralState,
  event: ReferralEvent,
  facts: TransitionFacts = { sessionsAttended: 0, plannedSessions: null },
): TransitionResult {
  if (!FROM[event].includes(state)) return { ok: false, current: state, event }
  switch (event) {
    case 'send':
      return { ok: true, to: 'sent' }
    case 'assign':
      return { ok: true, to: 'assigned' }
    case 'book_assessment':
      return { ok: true, to: 'assessment_booked' }
    case 'record_assessment':
      return { ok: true, to: 'assessed' }
    case 'submit_action_plan':
      return { ok: true, to: 'action_plan_submitted' }
    case 'approve_action_plan':
      return { ok: true, to: 'action_plan_approved' }
    case 'record_session':
      return { ok: true, to: 'in_delivery' }
    case 'submit_report':
      return { ok: true, to: 'report_submitted' }
    case 'conclude':
      return {
        ok: true,
        to:
          facts.plannedSessions !== null && facts.sessionsAttended >= facts.plannedSessions
            ? 'completed'
            : 'ended_early',
      }
    case 'withdraw':
    case 'cancel':
      return {
        ok: true,
        to: BEFORE_DELIVERY.includes(state) || facts.sessionsAttended === 0 ? 'cancelled' : 'ended_early',
      }
  }
}

/** The events a side may fire from a state, for showing only the actions that can work. */
export function availableEvents(state: ReferralState, side: Side): ReferralEvent[] {
  return REFERRAL_EVENTS.filter((e) => EVENT_SIDE[e] === side && FROM[e].includes(state))
}

export const STATE_LABELS: Record<ReferralState, string> = {
  draft: 'Draft',
  sent: 'Sent',
  assigned: 'Assigned',
  assessment_booked: 'Initial assessment booked',
  assessed: 'Initial assessment held',
  action_plan_submitted: 'Action plan submitted',
  action_plan_approved: 'Action plan approved',
  in_delivery: 'In delivery',
  report_submitted: 'End-of-service report submitted',
  completed: 'Completed',
  ended_early: 'Ended early',
  cancelled: 'Cancelled',
}

export const EVENT_LABELS: Record<ReferralEvent, string> = {
  send: 'Referral sent',
  assign: 'Assigned to a caseworker',
  book_assessment: 'Initial assessment booked',
  record_assessment: 'Initial assessment attended',
  submit_action_plan: 'Action plan submitted',
  approve_action_plan: 'Action plan approved',
  record_session: 'Session recorded',
  submit_report: 'End-of-service report submitted',
  conclude: 'Concluded',
  withdraw: 'Withdrawn by the referrer',
  cancel: 'Cancelled by the provider',
}

import { describe, expect, it } from 'vitest'
import {
  availableEvents,
  REFERRAL_EVENTS,
  REFERRAL_STATES,
  TERMINAL,
  transition,
  type ReferralEvent,
  type ReferralState,
} from './state-machine.ts'

// The whole machine written out by hand, independently of the FROM table: every pair not listed
// here must be refused. [state, event, result with no sessions, result after one of one sessions]
const ALLOWED: [ReferralState, ReferralEvent, ReferralState, ReferralState][] = [
  ['draft', 'send', 'sent', 'sent'],
  ['sent', 'assign', 'assigned', 'assigned'],
  ['assigned', 'book_assessment', 'assessment_booked', 'assessment_booked'],
  ['assessment_booked', 'record_assessment', 'assessed', 'assessed'],
  ['assessed', 'submit_action_plan', 'action_plan_submitted', 'action_plan_submitted'],
  ['action_plan_submitted', 'submit_action_plan', 'action_plan_submitted', 'action_plan_submitted'],
  ['action_plan_submitted', 'approve_action_plan', 'action_plan_approved', 'action_plan_approved'],
  ['action_plan_approved', 'record_session', 'in_delivery', 'in_delivery'],
  ['in_delivery', 'record_session', 'in_delivery', 'in_delivery'],
  ['in_delivery', 'submit_report', 'report_submitted', 'report_submitted'],
  ['report_submitted', 'conclude', 'ended_early', 'completed'],
  ...(
    [
      'sent',
      'assigned',
      'assessment_booked',
      'assessed',
      'action_plan_submitted',
      'action_plan_approved',
    ] as const
  ).flatMap((s): [ReferralState, ReferralEvent, ReferralState, ReferralState][] => [
    [s, 'withdraw', 'cancelled', 'cancelled'],
    [s, 'cancel', 'cancelled', 'cancelled'],
  ]),
  ['in_delivery', 'withdraw', 'cancelled', 'ended_early'],
  ['in_delivery', 'cancel', 'cancelled', 'ended_early'],
]

const pairs = REFERRAL_STATES.flatMap((s) => REFERRAL_EVENTS.map((e) => [s, e] as const))

describe('the referral state machine', () => {
  it.each(pairs)('%s + %s', (state, event) => {
    const expected = ALLOWED.find(([s, e]) => s === state && e === event)
    const none = transition(state, event, { sessionsAttended: 0, plannedSessions: 1 })
    const one = transition(state, event, { sessionsAttended: 1, plannedSessions: 1 })
    if (!expected) {
      expect(none).toEqual({ ok: false, current: state, event })
      expect(one).toEqual({ ok: false, current: state, event })
    } else {
      expect(none).toEqual({ ok: true, to: expected[2] })
      expect(one).toEqual({ ok: true, to: expected[3] })
    }
  })

  it('has no way out of a concluded referral', () => {
    for (const state of TERMINAL) expect(REFERRAL_EVENTS.filter((e) => transition(state, e).ok)).toEqual([])
  })

  it('concludes as ended early when the plan’s sessions were not all attended', () => {
    expect(transition('report_submitted', 'conclude', { sessionsAttended: 3, plannedSessions: 4 })).toEqual({
      ok: true,
      to: 'ended_early',
    })
    expect(transition('report_submitted', 'conclude', { sessionsAttended: 5, plannedSessions: 4 })).toEqual({
      ok: true,
      to: 'completed',
    })
  })

  it('offers each side only what it may do now', () => {
    expect(availableEvents('sent', 'provider')).toEqual(['assign', 'cancel'])
    expect(availableEvents('sent', 'referrer')).toEqual(['withdraw'])
    expect(availableEvents('action_plan_submitted', 'referrer')).toEqual(['approve_action_plan', 'withdraw'])
    expect(availableEvents('completed', 'provider')).toEqual([])
  })
})

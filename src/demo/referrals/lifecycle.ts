/**
 * One referral's life in the demo, walked through the service's own state machine, and the small
 * draws around it (contract line, desired outcomes, reference).
 */
import { addDays } from '../../platform/calendar/index.ts'
import { transition, type ReferralState } from '../../domains/referrals/state-machine.ts'
import type { Rng } from '../prng.ts'
import { CONTRACT_LINES, WITHDRAWAL_SHARE, type ContractProfile } from './plan.ts'

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'
/** Steps the other party takes, which can be waiting at today. */
const AWAITED = new Set(['assign', 'approve_action_plan'])
const WAITING_DAYS = 14

/** Unique by its first six characters (the running count), so a large demo never repeats one. */
export function referenceFor(n: number, rng: Rng): string {
  const high = Math.floor(n / 10_000)
  return `${LETTERS[Math.floor(high / 24) % 24]}${LETTERS[high % 24]}${String(n % 10_000).padStart(4, '0')}${rng.pick([...LETTERS])}${rng.pick([...LETTERS])}`
}

export function pickLine(rng: Rng) {
  let x = rng.next()
  for (const line of CONTRACT_LINES) {
    if ((x -= line.weight) < 0) return line
  }
  return CONTRACT_LINES[0]
}

export function pickSome<T>(rng: Rng, items: T[], n: number): T[] {
  const pool = [...items]
  const out: T[] = []
  while (out.length < n && pool.length) out.push(pool.splice(rng.int(pool.length), 1)[0]!)
  return out
}

/**
 * Walks one referral through the state machine day by day until today: each step is taken only
 * if the machine allows it, so the demo can hold no state the service could not reach.
 */
export function simulate(rng: Rng, p: ContractProfile, sentDay: string, today: string) {
  const days: Partial<Record<string, string>> = {}
  const events: { event: string; from: ReferralState; to: ReferralState; day: string }[] = []
  const sessions: { day: string; attendance: 'attended' | 'late' | 'did_not_attend' }[] = []
  let state: ReferralState = 'draft'
  // Read through a function: TypeScript cannot see that fire() below changes it.
  const now = (): ReferralState => state
  let day = sentDay
  const planned = 2 + rng.int(5)
  const withdrawAt = rng.chance(WITHDRAWAL_SHARE) ? rng.int(6) : -1
  let step = 0
  let withdrawn = false
  let endDay: string | null = null
  const attended = () => sessions.filter((s) => s.attendance !== 'did_not_attend').length
  const fire = (event: Parameters<typeof transition>[1], gap: number): boolean => {
    const next = addDays(day, gap)
    if (next > today) return false
    const result = transition(state, event, { sessionsAttended: attended(), plannedSessions: planned })
    if (!result.ok) return false
    events.push({ event, from: state, to: result.to, day: next })
    days[event] = next
    state = result.to
    day = next
    return true
  }
  const timely = rng.chance(p.timely)
  const plan: [Parameters<typeof transition>[1], number][] = [
    ['send', 0],
    ['assign', rng.int(2)],
    ['book_assessment', timely ? rng.int(3) : 4 + rng.int(10)],
    ['record_assessment', 3 + rng.int(10)],
    ['submit_action_plan', 2 + rng.int(6)],
    ['approve_action_plan', 1 + rng.int(5)],
  ]
  for (const [event, gap] of plan) {
    if (step++ === withdrawAt && now() !== 'draft') {
      withdrawn = fire('withdraw', 1 + rng.int(10))
      break
    }
    // In the last fortnight half the acceptances and approvals are still waiting: the provider
    // has referrals to accept and the COM action plans to approve, as on any working day.
    if (AWAITED.has(event) && addDays(day, gap) > addDays(today, -WAITING_DAYS) && rng.chance(0.5)) break
    if (!fire(event, gap)) break
  }
  // Delivery: weekly sessions, a missed one rebooked; a poor-completion contract loses people
  // part-way through, who are then withdrawn or reported on early.
  const completes = rng.chance(p.completion)
  const stopAfter = completes ? planned * 2 : rng.int(planned)
  if (!withdrawn && now() === 'action_plan_approved') {
    while (attended() < planned && sessions.length < stopAfter) {
      const attendance = rng.chance(p.attendance)
        ? rng.chance(0.85)
          ? 'attended'
          : 'late'
        : 'did_not_attend'
      if (!fire('record_session', 5 + rng.int(5))) break
      sessions.push({ day, attendance })
    }
    const finished = attended() >= planned
    if (!finished && (now() === 'action_plan_approved' || rng.chance(0.5)))
      withdrawn = fire('withdraw', 3 + rng.int(20))
    else if (
      now() === 'in_delivery' &&
      fire('submit_report', rng.chance(p.timely) ? 1 + rng.int(13) : 15 + rng.int(30))
    )
      fire('conclude', 1 + rng.int(3))
  }
  if (['completed', 'ended_early', 'cancelled'].includes(now())) endDay = day
  return { state: now(), days, events, sessions, planned, withdrawn, endDay }
}

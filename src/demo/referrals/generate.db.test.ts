import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/support/db.ts'
import { buildPerson } from '../../../test/support/builders/common.ts'
import { generateReferralDemo } from './generate.ts'
import { transition, type ReferralEvent, type ReferralState } from '../../domains/referrals/state-machine.ts'
import { referralDb } from '../../domains/referrals/tables.ts'

const { db } = await testDatabase()
const rdb = referralDb(db)
for (let i = 0; i < 300; i++) await buildPerson(db, { released: true, releaseInDays: -20 - ((i * 7) % 600) })

describe('referral demo data', () => {
  it('puts providers and contracts in all twelve regions and only states the machine can reach', async () => {
    const summary = await generateReferralDemo(db, { seed: 11, today: '2026-11-22' })
    expect(summary.contracts).toBe(36)
    expect(summary.referrals).toBeGreaterThan(5)
    const regions = await rdb.selectFrom('contract_region').select('region_code').distinct().execute()
    expect(regions).toHaveLength(12)

    // Replaying each referral's events through the state machine ends in its recorded state.
    const referrals = await rdb
      .selectFrom('referral')
      .select(['id', 'state', 'action_plan_sessions'])
      .execute()
    for (const r of referrals) {
      const events = await rdb
        .selectFrom('referral_event')
        .where('referral_id', '=', r.id)
        .select(['event', 'from_state', 'to_state', 'at'])
        .orderBy('id')
        .execute()
      let state: ReferralState = 'draft'
      let attended = 0
      const sessions = await rdb
        .selectFrom('referral_appointment')
        .where('referral_id', '=', r.id)
        .where('kind', '=', 'session')
        .select(['attendance', 'session_number'])
        .orderBy('session_number')
        .execute()
      let recorded = 0
      for (const e of events) {
        const next = transition(state, e.event as ReferralEvent, {
          sessionsAttended: attended,
          plannedSessions: r.action_plan_sessions,
        })
        expect(next).toEqual({ ok: true, to: e.to_state })
        if (e.event === 'record_session')
          attended += sessions[recorded++]?.attendance === 'did_not_attend' ? 0 : 1
        state = e.to_state as ReferralState
      }
      expect(state).toBe(r.state)
    }
  })

  it('adds nothing when run again on the same database', async () => {
    const before = await rdb
      .selectFrom('referral')
      .select(['reference', 'state'])
      .orderBy('reference')
      .execute()
    const again = await generateReferralDemo(db, { seed: 11, today: '2026-11-22' })
    expect(again).toMatchObject({ providers: 0, referrals: 0 })
    expect(
      await rdb.selectFrom('referral').select(['reference', 'state']).orderBy('reference').execute(),
    ).toEqual(before)
  })
})

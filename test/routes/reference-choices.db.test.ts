import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildUser } from '../support/builders/common.ts'

// Issue 12, defect 10: lists offer only choices that can be true. Resettle serves England and
// Wales, so no Scottish or Northern Irish council; a person cannot live in a PDU that runs
// unpaid work or courts.
const t = await testApp()

describe('the CAS3 referral form’s lists', () => {
  it('offers councils in England and Wales only, and only PDUs a person can live in', async () => {
    const user = await buildUser(t.db, 'com')
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    const form = (await agent.get('/cas3/referrals/new')).body
    expect(form).toContain('value="E09000019"') // Islington
    expect(form).not.toMatch(/value="S12\d+"/)
    expect(form).not.toMatch(/value="N09\d+"/)
    expect(form).not.toContain('Unpaid Work and Attendance Centres')
    expect(form).not.toContain('Courts and Centralised Functions')
  })
})

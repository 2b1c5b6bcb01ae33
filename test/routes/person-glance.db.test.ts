import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildContext, buildPerson, buildUser, MANCHESTER } from '../support/builders/common.ts'

const t = await testApp()

async function signedIn(role: Parameters<typeof buildUser>[1], place?: typeof MANCHESTER) {
  const user = await buildUser(t.db, role, place)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return agent
}

/** The panel's rows as "label: value", in order, so a test reads what the user reads. */
function glance(html: string): string[] {
  const panel = /<div class="govuk-summary-card" data-glance>([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? ''
  return [...panel.matchAll(/<dt[^>]*>([^<]*)<\/dt>\s*<dd[^>]*>([\s\S]*?)<\/dd>/g)].map(
    ([, k, v]) =>
      `${k}: ${(v ?? '')
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim()}`,
  )
}

describe('the person at a glance (issue 12)', () => {
  it('says where someone due for release stands: days to go, COM, handover, needs and what is next', async () => {
    // Due Tuesday 22 December 2026, 30 days after the test clock's 22 November.
    const person = await buildPerson(t.db, { releaseInDays: 30 })
    const com = await signedIn('com')
    const res = await com.get(`/people/${person.id}`)
    expect(res.statusCode).toBe(200)
    const rows = glance(res.body)
    expect(rows).toContain('Release: Tuesday 22 December 2026, 30 days to go')
    expect(rows.find((r) => r.startsWith('Community offender manager:'))).toMatch(
      /Not allocated; due by .* 2026 Allocation overdue/,
    )
    expect(rows).toContain('Needs: Not assessed yet')
    expect(rows).toContain('Referrals: None')
    expect(rows).toContain('CAS3: No CAS3 booking')
    expect(rows).toContain('Accommodation: No status recorded')
    // The soonest dated thing ahead: here the handover to probation, before the release.
    expect(rows[0]).toMatch(/^Next dated event: /)
    expect(rows[0]).not.toBe('Next dated event: Nothing dated ahead')
  })

  it('after release names the next checkpoint and the latest status, without raw ISO dates', async () => {
    const person = await buildPerson(t.db, { releaseInDays: -10, released: true })
    const ctx = await buildContext(t.db, 'com')
    await t.svc.status.record(ctx, person.id, {
      kind: 'accommodation',
      custodyEpisodeId: person.episode.id,
      accommodationTypeCode: 'A17',
      effectiveDate: '2026-11-12',
      source: 'com',
    })
    const com = await signedIn('com')
    const rows = glance((await com.get(`/people/${person.id}`)).body)
    expect(rows).toContain('Release: Released on Thursday 12 November 2026')
    // Released 12 November: the 3-week treatment checkpoint is 3 December.
    expect(rows).toContain('Next checkpoint: 3 weeks: treatment, Thursday 3 December 2026')
    expect(rows.find((r) => r.startsWith('Accommodation:'))).toMatch(/since 12 November 2026$/)
    expect(rows.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}/)
  })

  it('is not shown to anyone who cannot open the record', async () => {
    const person = await buildPerson(t.db, { releaseInDays: 30 })
    const elsewhere = await signedIn('com', MANCHESTER)
    const res = await elsewhere.get(`/people/${person.id}`)
    expect(res.statusCode).toBe(404)
    expect(res.body).not.toContain('data-glance')
  })
})

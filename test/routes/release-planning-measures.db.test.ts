import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'

// Issue 14: the pre-release measures are published through the one disclosure module, each rate
// beside its denominator and its 95% interval.
const t = await testApp()

async function released(n: number, held: number) {
  for (let i = 0; i < n; i++) {
    const person = await buildPerson(t.db, { releaseInDays: -10, released: true })
    if (i < held)
      await t.db
        .withTables<{
          handover: {
            custody_episode_id: string
            person_id: string
            meeting_status: string
            meeting_date: string
            attendees: string
          }
        }>()
        .insertInto('handover')
        .values({
          custody_episode_id: person.episode.id,
          person_id: person.id,
          meeting_status: 'held',
          meeting_date: '2026-10-01',
          attendees: 'POM, COM',
        })
        .execute()
  }
}

const handoverCell = (html: string) => {
  const row =
    /<th scope="row" class="govuk-table__header">Pentonville \(HMP &amp; YOI\)<\/th>([\s\S]*?)<\/tr>/.exec(
      html,
    )?.[1] ?? ''
  const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  )
  return { releases: cells[0], handover: cells[2] }
}

describe('pre-release measures as published', () => {
  it('withholds a figure whose count or complement is small, and says why', async () => {
    await released(6, 5)
    const { agent } = await signedIn()
    const html = (await agent.get('/release-planning/measures?by=prison')).body
    // 5 of 6 held: the 1 not held is small, so the 5 would give it back.
    expect(handoverCell(html).handover).toBe('[c]')
    expect(html).toContain('[c] Withheld to protect confidentiality')
  })

  it('shows a rate with its count, its denominator and its 95% Wilson interval', async () => {
    await released(5, 1)
    const { agent } = await signedIn()
    const html = (await agent.get('/release-planning/measures?by=prison')).body
    // 6 of 11 held (5 not held, no longer small): 54.5%, Wilson 95% 28.0% to 78.7%.
    expect(handoverCell(html)).toEqual({
      releases: '11',
      handover: '54.5% 6 met of 11 28.0% to 78.7% 5 not met',
    })
  })
})

async function signedIn() {
  const user = await buildUser(t.db, 'regional_lead')
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return { agent }
}

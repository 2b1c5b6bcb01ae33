import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type { Role } from '../../src/platform/db/schema.ts'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, LONDON, MANCHESTER } from '../support/builders/common.ts'
import { releasedPerson } from '../support/builders/outcomes.ts'
import { parseCsv } from '../../src/platform/csv.ts'

// TODAY is 2026-11-22; a gap is judged 4 weeks after release. Support needs 1, 63 and 100 are
// on the accommodation, education-skills-and-work and health pathways.
const t = await testApp()

async function need(who: { id: string; episodeId: string }, supportNeed: number) {
  const row = await sql<{
    id: string
  }>`insert into person_need (custody_episode_id, person_id, support_need_id, status, responsible_party)
    values (${who.episodeId}, ${who.id}, ${supportNeed}, 'not_started', 'probation') returning id`.execute(
    t.db,
  )
  return row.rows[0]!.id
}
async function service(
  who: { id: string; episodeId: string },
  pathway: string,
  provider: string,
  from: string,
  to: string | null,
) {
  await sql`insert into service_episode (person_id, custody_episode_id, pathway, party, provider_name, started_on, ended_on)
    values (${who.id}, ${who.episodeId}, ${pathway}, 'dwp', ${provider}, ${from}, ${to})`.execute(t.db)
}

// Amal, released 1 June 2026: accommodation and work needs. Work: a DWP work coach from May and
// a voluntary employment project from July, at the same time (an overlap). Accommodation: nothing.
const amal = await releasedPerson(t.db, LONDON, '2026-06-01', { given: 'Amal', family: 'Overlap' })
await need(amal, 1)
await need(amal, 63)
await service(amal, 'EDUCATION_SKILLS_AND_WORK', 'Jobcentre Plus work coach', '2026-05-01', null)
await service(amal, 'EDUCATION_SKILLS_AND_WORK', 'Working Chance', '2026-07-01', '2026-09-30')
// Six more London releases with an accommodation need; one has a plan action on it in time.
for (let i = 0; i < 6; i++) {
  const who = await releasedPerson(t.db, LONDON, '2026-0' + (i + 3) + '-10')
  const needId = await need(who, 1)
  if (i === 0)
    await sql`insert into plan_action (custody_episode_id, person_id, person_need_id, description, owner_party, due_date, created_at)
      values (${who.episodeId}, ${who.id}, ${needId}, 'Refer to the council housing team', 'probation', '2026-03-01', '2026-02-20')`.execute(
      t.db,
    )
}
// Bea, due out on 10 December 2026 with a health need and nothing arranged: on the worklist.
const bea = await releasedPerson(t.db, LONDON, '2026-12-10', { given: 'Bea', family: 'Gapwell' })
await sql`update custody_episode set actual_release_date = null, release_type = null where id = ${bea.episodeId}`.execute(
  t.db,
)
await need(bea, 100)

const as = async (role: Role, place = LONDON) => {
  const user = await buildUser(t.db, role, place)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return agent
}

describe('overlaps and gaps', () => {
  it('lists people due for release with a gap, audited, to those who read people in scope', async () => {
    const com = await as('com')
    const page = await com.get('/coverage')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Bea Gapwell')
    expect(page.body).not.toContain('By area and pathway')
    const audited = await sql<{ n: number }>`select count(*)::int as n from audit_event
      where record_type = 'coverage_worklist' and outcome = 'allowed'`.execute(t.db)
    expect(audited.rows[0]?.n).toBeGreaterThan(0)
    const elsewhere = await (await as('com', MANCHESTER)).get('/coverage')
    expect(elsewhere.body).not.toContain('Bea Gapwell')
  })

  it('reports gaps by PDU and pathway with the rate, its interval and small counts withheld', async () => {
    const lead = await as('regional_lead')
    const rows = parseCsv((await lead.get('/coverage?download=report&format=csv')).body)
    const camden = rows.filter((r) => r.PDU === 'Camden, Islington')
    // Accommodation: 7 releases with the need, 6 with nothing by 4 weeks after release.
    expect(camden.find((r) => r.Pathway === 'Accommodation')).toMatchObject({
      'Releases with the need': '7',
      'With a gap': '6',
      'Gap rate (95% confidence interval)': '85.7% (48.7% to 97.4%)',
      'With services overlapping': '0',
    })
    // Work: one release, one overlap: withheld, and the all-areas total with it.
    expect(camden.find((r) => r.Pathway === 'Education, skills and work')).toMatchObject({
      'Releases with the need': '[c]',
      'With services overlapping': '[c]',
    })
    expect(
      rows.find((r) => r.PDU === 'All areas in view' && r.Pathway === 'Education, skills and work'),
    ).toMatchObject({
      'With services overlapping': '[c]',
    })
  })

  it('shows one person their overlaps and gaps, and records another party’s service', async () => {
    const com = await as('com')
    const page = await com.get(`/coverage/people/${amal.id}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Overlap: Jobcentre Plus work coach and Working Chance')
    expect(page.body).toContain('A need with nothing arranged')
    const bad = await com.post(`/coverage/people/${amal.id}/services`, {
      pathway: 'ACCOMMODATION',
      party: 'council',
      providerName: 'Islington housing options',
      'startedOn-day': '31',
      'startedOn-month': '2',
      'startedOn-year': '2026',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Enter a real date for when the service started')
    expect(bad.body).toContain('Islington housing options')
    const ok = await com.post(`/coverage/people/${amal.id}/services`, {
      pathway: 'ACCOMMODATION',
      party: 'council',
      providerName: 'Islington housing options',
      'startedOn-day': '15',
      'startedOn-month': '6',
      'startedOn-year': '2026',
    })
    expect(ok.statusCode).toBe(303)
    const after = await com.get(`/coverage/people/${amal.id}`)
    expect(after.body).toContain('Islington housing options')
    expect(after.body).not.toContain('A need with nothing arranged')
  })

  it('answers a person out of scope as not found, and refuses recording to a reader of reports', async () => {
    expect((await (await as('com', MANCHESTER)).get(`/coverage/people/${amal.id}`)).statusCode).toBe(404)
    const lead = await as('regional_lead')
    expect((await lead.get(`/coverage/people/${amal.id}`)).body).not.toContain('Save service')
    const refused = await lead.post(`/coverage/people/${amal.id}/services`, {
      pathway: 'HEALTH',
      party: 'health',
      providerName: 'GP',
      'startedOn-day': '1',
      'startedOn-month': '7',
      'startedOn-year': '2026',
    })
    expect(refused.statusCode).toBe(403)
  })
})

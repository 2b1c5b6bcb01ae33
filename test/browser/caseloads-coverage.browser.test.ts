import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { browserApp } from '../support/browser.ts'
import { buildUser, LONDON } from '../support/builders/common.ts'
import { releasedPerson } from '../support/builders/outcomes.ts'
import { signedIn } from './pages/sign-in.ts'
import { CaseloadsPage, CoveragePage } from './pages/caseloads.ts'

const t = await browserApp()

// TODAY is 2026-11-22. A London COM holds 36 cases on licence at MAPPA level 3 (weighted 72,
// above 70). Dee, due out on 10 December 2026, has an accommodation need and nothing arranged.
const com = await buildUser(t.db, 'com', LONDON)
for (let i = 0; i < 36; i++) {
  const who = await releasedPerson(t.db, LONDON, '2026-06-15')
  await sql`update custody_episode set licence_end_date = '2028-06-30', mappa_level = 3 where id = ${who.episodeId}`.execute(
    t.db,
  )
  await sql`insert into supervision_order (person_id, custody_episode_id, kind, region_code, pdu_code, start_date)
    values (${who.id}, ${who.episodeId}, 'licence', ${LONDON.region}, ${LONDON.pdu}, '2026-06-15')`.execute(
    t.db,
  )
  await sql`insert into handover (custody_episode_id, person_id, com_name, com_allocated_on)
    values (${who.episodeId}, ${who.id}, ${com.name}, '2026-02-01')`.execute(t.db)
}
const dee = await releasedPerson(t.db, LONDON, '2026-12-10', { given: 'Dee', family: 'Nohome' })
await sql`update custody_episode set actual_release_date = null, release_type = null where id = ${dee.episodeId}`.execute(
  t.db,
)
await sql`insert into person_need (custody_episode_id, person_id, support_need_id, status, responsible_party)
  values (${dee.episodeId}, ${dee.id}, 1, 'not_started', 'probation')`.execute(t.db)

describe('caseloads per named COM', () => {
  it('a COM sees their own weighted caseload above 70; the regional lead sees the region’s distribution', async () => {
    const home = await signedIn(t.newPage, com.email)
    await home.menu('Caseloads')
    const mine = await CaseloadsPage.on(home.page)
    expect(await mine.coms()).toEqual([
      expect.objectContaining({
        COM: com.name,
        'Weighted workload': '72.0',
        'Against the norm (30 to 60)': 'Above 70',
      }),
    ])

    const lead = await buildUser(t.db, 'regional_lead')
    const leadHome = await signedIn(t.newPage, lead.email)
    await leadHome.menu('Caseloads')
    const region = await CaseloadsPage.on(leadHome.page)
    expect(await region.hasChart()).toBe(true)
    expect(await region.overAlert()).toContain('1 of 1 COMs hold a weighted workload above 70')
  })
})

describe('overlaps and gaps', () => {
  it('a COM finds someone due out with a gap and records the council’s housing support', async () => {
    const home = await signedIn(t.newPage, com.email)
    await home.menu('Overlaps and gaps')
    const coverage = await CoveragePage.on(home.page)
    expect(await coverage.worklist()).toEqual([
      expect.objectContaining({ Person: 'Dee Nohome', 'Needs with nothing arranged': 'Accommodation' }),
    ])
    let person = await coverage.openPerson('Dee Nohome')
    expect(await person.findings()).toContain('A need with nothing arranged')
    person = await person.record({
      pathway: 'Accommodation',
      party: 'Council (for example housing support)',
      provider: 'Islington housing options',
      day: '20',
      month: '11',
      year: '2026',
    })
    expect(await person.page.content()).toContain('Islington housing options')
    expect(await person.page.locator('.govuk-summary-list').count()).toBe(0)
  })
})

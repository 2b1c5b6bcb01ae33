import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildPerson, buildUser } from '../support/builders/common.ts'
import { buildReferral } from '../support/builders/cas3.ts'

// Issue 12: a work queue on every home page, counts linking to the lists; defect 2: the health
// coordinator's home page says why it is empty; defect 12: the role in words.
const t = await testApp()

async function home(role: Parameters<typeof buildUser>[1]) {
  const user = await buildUser(t.db, role)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return (await agent.get('/')).body
}

const queue = (html: string) =>
  [
    ...html.matchAll(
      /href="([^"]+)"><span[^>]*app-work-queue__count">([\d,]+)<\/span> <span class="app-work-queue__label">([^<]+)</g,
    ),
  ].map((m) => ({ href: m[1], count: Number(m[2]!.replace(/,/g, '')), label: m[3] }))

describe('home page work queues', () => {
  it('answers every role', async () => {
    for (const role of [
      'prison_resettlement_worker',
      'pom',
      'com',
      'provider_caseworker',
      'cas3_officer',
      'council_officer',
      'health_coordinator',
      'regional_lead',
      'national_analyst',
      'admin',
    ] as const) {
      const user = await buildUser(t.db, role)
      const agent = new Agent(t.app)
      await agent.signIn(user.email)
      expect((await agent.get('/')).statusCode, role).toBe(200)
    }
  })

  it('counts a COM’s upcoming releases and handovers, linking to the lists', async () => {
    await buildPerson(t.db, { releaseInDays: 20 })
    await buildPerson(t.db, { releaseInDays: 40 })
    const items = queue(await home('com'))
    expect(items).toContainEqual({
      href: '/releases/upcoming?weeks=12',
      count: 2,
      label: 'Releases in the next 12 weeks',
    })
    expect(items.find((i) => i.label?.startsWith('Handovers due'))?.count).toBe(2)
  })

  it('counts a CAS3 officer’s referrals to assess', async () => {
    const person = await buildPerson(t.db, { released: true, releaseInDays: -3 })
    const com = await buildUser(t.db, 'com')
    await buildReferral(t.db, person, com.organisationId, { status: 'unallocated' })
    const items = queue(await home('cas3_officer'))
    expect(items).toContainEqual({
      href: '/cas3/referrals?status=unallocated',
      count: 1,
      label: 'Referrals to assess',
    })
  })

  it('tells a health coordinator why they see no one', async () => {
    const html = await home('health_coordinator')
    expect(html).toContain(
      'Health partners see the people who have consented to share their records with them',
    )
  })

  it('names the role in words, and does not speak of a caseload to a national user', async () => {
    const html = await home('admin')
    expect(html).toContain('Role: Administrator. You see everyone in England and Wales.')
    expect(html).not.toContain('a administrator')
    expect(html).not.toContain('caseload')
  })

  it('gives a COM checkpoints due and readiness counts that equal the filtered lists they open', async () => {
    // Released 10 days before the test clock: the first-night checkpoint has passed with no status.
    await buildPerson(t.db, { released: true, releaseInDays: -10 })
    await buildPerson(t.db, { releaseInDays: 25 })
    const user = await buildUser(t.db, 'com')
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    const items = queue((await agent.get('/')).body)
    const checkpoints = items.find((i) => i.label?.startsWith('Checkpoints due'))
    expect(checkpoints?.href).toBe('/outcomes/checkpoints')
    expect(checkpoints?.count).toBeGreaterThanOrEqual(1)
    for (const label of ['COM allocations due', 'Handovers due', 'Pre-release contacts due']) {
      const item = items.find((i) => i.label?.startsWith(label))
      const href = item?.href?.replaceAll('&amp;', '&') ?? ''
      expect(href, label).toMatch(/^\/release-planning\/worklist\?weeks=12&flag=/)
      const list = await agent.get(href)
      const shown = /data-count><strong>([\d,]+)<\/strong>/.exec(list.body)?.[1]
      expect(Number(shown?.replace(/,/g, '')), label).toBe(item?.count)
      expect(item?.count, label).toBeGreaterThanOrEqual(1)
    }
  })

  it('gives prison staff the readiness gaps of their releases', async () => {
    await buildPerson(t.db, { releaseInDays: 15 })
    const labels = queue(await home('prison_resettlement_worker')).map((i) => i.label)
    expect(labels).toEqual(
      expect.arrayContaining([
        'Plans failing the quality check: releases in the next 12 weeks',
        'No first-night accommodation: releases in the next 12 weeks',
      ]),
    )
  })
})

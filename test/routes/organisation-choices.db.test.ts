import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildUser } from '../support/builders/common.ts'

// Issue 12, defect 10: every list offers only choices that can be true. Resettle serves England
// and Wales, so no Scottish (S12…) or Northern Irish (N09…) council is offered anywhere; a person
// cannot live in a PDU that runs unpaid work or courts. Each form that lists councils, PDUs or
// organisations is read here, so the wrong choices failing to come back is checked in one place.
const t = await testApp()

async function formAs(role: Parameters<typeof buildUser>[1], url: string) {
  const user = await buildUser(t.db, role)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  const res = await agent.get(url)
  expect(res.statusCode, url).toBe(200)
  return res.body
}

/** The text of each option in the select with this name. */
function optionsOf(html: string, name: string): string[] {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? ''
  return [...select.matchAll(/<option[^>]*>([^<]*)<\/option>/g)].map((m) => (m[1] ?? '').trim())
}

describe('lists of councils, PDUs and organisations', () => {
  it('has Scottish and Northern Irish councils in the register, so the checks below can fail', async () => {
    const foreign = await t.db
      .selectFrom('organisation')
      .where('kind', '=', 'council')
      .where((eb) =>
        eb.or([eb('local_authority_code', 'like', 'S%'), eb('local_authority_code', 'like', 'N%')]),
      )
      .select('name')
      .execute()
    expect(foreign.length).toBeGreaterThan(0)
  })

  it('offers an administrator no council outside England and Wales for a user or an API token', async () => {
    const foreign = new Set(
      (
        await t.db
          .selectFrom('organisation')
          .where('kind', '=', 'council')
          .where((eb) =>
            eb.or([eb('local_authority_code', 'like', 'S%'), eb('local_authority_code', 'like', 'N%')]),
          )
          .select('name')
          .execute()
      ).map((o) => o.name),
    )
    for (const url of ['/admin/users/new', '/admin/tokens/new']) {
      const offered = optionsOf(await formAs('admin', url), 'organisationId')
      expect(offered.length, url).toBeGreaterThan(300)
      expect(
        offered.filter((o) => foreign.has(o.replaceAll('&amp;', '&'))),
        url,
      ).toEqual([])
      expect(offered, url).toContain('Islington Council')
    }
  })

  it.each([
    ['/cas3/referrals/new', 'com'],
    ['/people/new', 'prison_resettlement_worker'],
  ] as const)(
    'offers on %s only councils in England and Wales and PDUs a person can live in',
    async (url, role) => {
      const html = await formAs(role, url)
      expect(html).toContain('value="E09000019"') // Islington
      expect(html).not.toMatch(/value="S12\d+"/)
      expect(html).not.toMatch(/value="N09\d+"/)
      expect(html).not.toContain('Unpaid Work and Attendance Centres')
      expect(html).not.toContain('Courts and Centralised Functions')
    },
  )
})

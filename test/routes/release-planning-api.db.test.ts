import { describe, expect, it } from 'vitest'
import type { Role } from '../../src/platform/db/schema.ts'
import { testApp } from '../support/app.ts'
import { buildPerson, organisationFor, MANCHESTER } from '../support/builders/common.ts'

const t = await testApp()

async function token(role: Role, kind: Parameters<typeof organisationFor>[1], code?: string) {
  const org = await organisationFor(t.db, kind, code)
  const issued = await t.svc.identity.issueToken(null, {
    name: `client ${role}`,
    organisationId: org.id,
    role,
  })
  return { authorization: `Bearer ${issued.secret}` }
}

describe('GET /api/v1/release-planning/worklist', () => {
  it('refuses a call without a valid token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/release-planning/worklist' })
    expect(res.statusCode).toBe(401)
  })

  it('lists the releases in scope with their flags, filtered on one', async () => {
    const mine = await buildPerson(t.db, { releaseInDays: 68, familyName: 'Apiflagged' }) // Friday 29 January 2027
    await buildPerson(t.db, { releaseInDays: 68, familyName: 'Apielsewhere', place: MANCHESTER })
    const headers = await token('com', 'pdu', 'LDNNCAI')
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/release-planning/worklist?weeks=12&flag=friday_release',
      headers,
    })
    expect(res.statusCode).toBe(200)
    const body = res.json<{
      total: number
      results: { personId: string; familyName: string; releaseDay: string; flags: string[] }[]
    }>()
    expect(body.results.map((r) => r.familyName)).toEqual(['Apiflagged'])
    expect(body.results[0]).toMatchObject({ personId: mine.id, releaseDay: '2027-01-29' })
    expect(body.results[0]?.flags).toEqual(
      expect.arrayContaining(['friday_release', 'no_com', 'plan_failing']),
    )
  })
})

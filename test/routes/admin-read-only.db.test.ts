import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, LONDON, organisationFor } from '../support/builders/common.ts'

// Issue 12 defect 6 and issue 17 item 1: a read-only national analyst and a regional lead are
// shown no write action on any administration or organisation page, and a refused change says in
// words what happened (their role, and that nothing was saved) and changes nothing.
const t = await testApp()

const ROLES = [
  ['national_analyst', 'National analyst'],
  ['regional_lead', 'Regional performance lead'],
] as const

/** Forms that post somewhere other than sign-out. */
const writeForms = (html: string) =>
  [...html.matchAll(/<form[^>]*method="post"[^>]*action="([^"]*)"/g)]
    .map((m) => m[1])
    .filter((a) => a !== '/sign-out')

const ADMIN_LINKS = /href="\/admin\//

describe.each(ROLES)('a %s', (role, label) => {
  it('is offered no administration link, and every administration page is closed to them in words', async () => {
    const user = await buildUser(t.db, role)
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    const home = await agent.get('/')
    expect(home.statusCode).toBe(200)
    expect(home.body).not.toMatch(ADMIN_LINKS)
    expect(writeForms(home.body)).toEqual([])
    const target = await buildUser(t.db, 'com')
    for (const url of [
      '/admin/users',
      '/admin/users/new',
      `/admin/users/${target.id}`,
      '/admin/tokens',
      '/admin/tokens/new',
      '/admin/organisations',
      '/admin/organisations/new',
      '/admin/audit',
      '/admin/users?format=csv',
      '/admin/organisations?format=xlsx',
    ]) {
      const res = await agent.get(url)
      expect(res.statusCode, url).toBe(403)
      expect(res.body, url).toContain('You do not have permission to view this page')
      expect(res.body, url).toContain(`This page is not open to the ${label} role.`)
      expect(writeForms(res.body), url).toEqual([])
      expect(res.body, url).not.toMatch(ADMIN_LINKS)
    }
  })

  it('is refused every administration change with a page that says nothing was saved, and nothing is', async () => {
    const user = await buildUser(t.db, role)
    const agent = new Agent(t.app)
    await agent.signIn(user.email)
    await agent.get('/')
    const pdu = await organisationFor(t.db, 'pdu', LONDON.pdu)
    const target = await buildUser(t.db, 'com')
    await t.db
      .updateTable('app_user')
      .set({ failed_sign_ins: 5, locked_until: new Date(Date.now() + 15 * 60_000) })
      .where('id', '=', target.id)
      .execute()
    const token = await t.svc.identity.issueToken(null, {
      name: `Kept ${role}`,
      organisationId: pdu.id,
      role: 'com',
    })
    const tag = `Refused ${role} ${Date.now()}`
    const attempts: [string, Record<string, string>][] = [
      [
        '/admin/users/new',
        { email: `${role}.${Date.now()}@example.gov.uk`, name: tag, organisationId: pdu.id, role: 'admin' },
      ],
      [
        `/admin/users/${target.id}`,
        { name: tag, organisationId: pdu.id, role: 'admin', active: 'true', version: '1' },
      ],
      [`/admin/users/${target.id}/unlock`, {}],
      ['/admin/tokens/new', { name: tag, organisationId: pdu.id, role: 'admin' }],
      [`/admin/tokens/${token.id}/revoke`, {}],
      ['/admin/organisations/new', { kind: 'provider', name: tag }],
    ]
    for (const [url, form] of attempts) {
      const res = await agent.post(url, form)
      expect(res.statusCode, url).toBe(403)
      expect(res.body, url).toContain('You do not have permission to make this change')
      expect(res.body, url).toContain(`The ${label} role cannot make this change, so nothing was saved.`)
      expect(res.body, url).not.toContain('rst_')
    }
    const [users, orgs, tokens, locked, revoked] = await Promise.all([
      t.db.selectFrom('app_user').where('name', '=', tag).select('id').execute(),
      t.db.selectFrom('organisation').where('name', '=', tag).select('id').execute(),
      t.db.selectFrom('api_token').where('name', '=', tag).select('id').execute(),
      t.db
        .selectFrom('app_user')
        .where('id', '=', target.id)
        .select(['locked_until', 'role'])
        .executeTakeFirstOrThrow(),
      t.db.selectFrom('api_token').where('id', '=', token.id).select('revoked_at').executeTakeFirstOrThrow(),
    ])
    expect([users, orgs, tokens]).toEqual([[], [], []])
    expect(locked.locked_until).not.toBeNull()
    expect(locked.role).toBe('com')
    expect(revoked.revoked_at).toBeNull()
  })
})

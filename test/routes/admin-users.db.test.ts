import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, LONDON, organisationFor } from '../support/builders/common.ts'

const t = await testApp()

async function signedIn(role: 'admin' | 'com' = 'admin') {
  const user = await buildUser(t.db, role)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return { user, agent }
}

const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? ''

describe('administering users', () => {
  it('sends a signed-out visitor to sign in first', async () => {
    const agent = new Agent(t.app)
    for (const url of ['/admin/users', '/admin/users/new']) {
      const res = await agent.get(url)
      expect(res.statusCode).toBe(302)
      expect(res.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(url)}`)
    }
  })

  it('refuses anyone who is not an administrator, and changes nothing', async () => {
    const { agent } = await signedIn('com')
    const pdu = await organisationFor(t.db, 'pdu', LONDON.pdu)
    const list = await agent.get('/admin/users')
    expect(list.statusCode).toBe(403)
    expect(list.body).toContain('You do not have permission to view this page')
    expect((await agent.get('/admin/users/new')).statusCode).toBe(403)
    const post = await agent.post('/admin/users/new', {
      email: 'sneaky@example.gov.uk',
      name: 'Sneaky',
      organisationId: pdu.id,
      role: 'admin',
    })
    expect(post.statusCode).toBe(403)
    expect(
      await t.db
        .selectFrom('app_user')
        .where('email', '=', 'sneaky@example.gov.uk')
        .select('id')
        .executeTakeFirst(),
    ).toBeUndefined()
  })

  it('explains what is missing from a new user and keeps what was typed', async () => {
    const { agent } = await signedIn()
    const form = await agent.get('/admin/users/new')
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('<optgroup label="Probation Delivery Unit (PDU)">')
    // Each role names the kind of organisation it belongs to, as that kind is written elsewhere.
    expect(form.body).toContain('>Community Offender Manager – Probation Delivery Unit (PDU)</option>')
    expect(form.body).not.toContain('(pdu)')
    const res = await agent.post('/admin/users/new', {
      email: 'not-an-email',
      name: 'Priya Shah',
      organisationId: '',
      role: '',
      password: 'short',
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('There is a problem')
    expect(res.body).toContain('href="#email"')
    expect(res.body).toContain('Enter an email address in the correct format')
    expect(res.body).toContain('Select an organisation')
    expect(res.body).toContain('Password must be at least 12 characters')
    expect(res.body).toContain('value="not-an-email"')
    expect(res.body).toContain('value="Priya Shah"')
    expect(res.body).not.toContain('value="short"')
  })

  it('says by the role when it does not fit the organisation', async () => {
    const { agent } = await signedIn()
    const prison = await organisationFor(t.db, 'prison', LONDON.prison)
    await agent.get('/admin/users/new')
    const res = await agent.post('/admin/users/new', {
      email: 'new.com@example.gov.uk',
      name: 'New Com',
      organisationId: prison.id,
      role: 'com',
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('href="#role"')
    expect(res.body).toContain('must belong to a pdu organisation')
    expect(res.body).toContain(`<option value="${prison.id}" selected>`)
  })

  it('adds a user, who can then sign in with the initial password', async () => {
    const { agent } = await signedIn()
    const pdu = await organisationFor(t.db, 'pdu', LONDON.pdu)
    await agent.get('/admin/users/new')
    const res = await agent.post('/admin/users/new', {
      email: 'amara.okafor@example.gov.uk',
      name: 'Amara Okafor',
      organisationId: pdu.id,
      role: 'com',
      password: 'a long enough password',
    })
    expect(res.statusCode).toBe(303)
    const page = await agent.get(res.headers.location as string)
    expect(page.body).toContain('User added')
    expect(page.body).toContain('Amara Okafor')
    const again = await agent.post('/admin/users/new', {
      email: 'AMARA.OKAFOR@example.gov.uk',
      name: 'Twin',
      organisationId: pdu.id,
      role: 'com',
    })
    expect(again.statusCode).toBe(400)
    expect(again.body).toContain('A user with this email address already exists')
    await new Agent(t.app).signIn('amara.okafor@example.gov.uk', 'a long enough password')
  })

  it('lists users with their role, organisation, status and last sign-in, and finds them by name', async () => {
    const { agent } = await signedIn()
    const com = await buildUser(t.db, 'com')
    await t.db.updateTable('app_user').set({ active: false }).where('id', '=', com.id).execute()
    const res = await agent.get(`/admin/users?q=${encodeURIComponent(com.name)}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(com.email)
    expect(res.body).toContain('Community Offender Manager')
    expect(res.body).toContain(com.organisationName)
    expect(res.body).toContain('Inactive')
    expect(res.body).toContain('Never')
    expect(res.body).toContain('1 user')
  })

  it('saves changes to a user', async () => {
    const { agent } = await signedIn()
    const com = await buildUser(t.db, 'com')
    const form = await agent.get(`/admin/users/${com.id}`)
    expect(form.statusCode).toBe(200)
    const res = await agent.post(`/admin/users/${com.id}`, {
      name: 'Renamed Person',
      organisationId: com.organisationId,
      role: 'com',
      active: 'false',
      version: versionIn(form.body),
    })
    expect(res.statusCode).toBe(303)
    const page = await agent.get(res.headers.location as string)
    expect(page.body).toContain('Changes saved')
    expect(page.body).toContain('Renamed Person')
    const saved = await t.db
      .selectFrom('app_user')
      .where('id', '=', com.id)
      .select(['name', 'active'])
      .executeTakeFirstOrThrow()
    expect(saved).toEqual({ name: 'Renamed Person', active: false })
  })

  it('keeps the second administrator’s typing when two change the same user at once', async () => {
    const first = await signedIn()
    const second = await signedIn()
    const com = await buildUser(t.db, 'com')
    const [a, b] = [
      await first.agent.get(`/admin/users/${com.id}`),
      await second.agent.get(`/admin/users/${com.id}`),
    ]
    const fields = { organisationId: com.organisationId, role: 'com', active: 'true' }
    expect(
      (
        await first.agent.post(`/admin/users/${com.id}`, {
          ...fields,
          name: 'Changed First',
          version: versionIn(a.body),
        })
      ).statusCode,
    ).toBe(303)
    const clash = await second.agent.post(`/admin/users/${com.id}`, {
      ...fields,
      name: 'Typed Second',
      version: versionIn(b.body),
    })
    expect(clash.statusCode).toBe(409)
    expect(clash.body).toContain('Someone else changed this user while you were editing')
    expect(clash.body).toContain('href="#conflict"')
    expect(clash.body).toContain('The saved details are now: Changed First')
    expect(clash.body).toContain('value="Typed Second"')
    // Saving again, having seen the other change, is a deliberate choice and succeeds.
    expect(
      (
        await second.agent.post(`/admin/users/${com.id}`, {
          ...fields,
          name: 'Typed Second',
          version: versionIn(clash.body),
        })
      ).statusCode,
    ).toBe(303)
    expect(
      (await t.db.selectFrom('app_user').where('id', '=', com.id).select('name').executeTakeFirstOrThrow())
        .name,
    ).toBe('Typed Second')
  })

  it('unlocks a locked account so its owner can sign in again', async () => {
    const { agent } = await signedIn()
    const pom = await buildUser(t.db, 'pom')
    await t.db
      .updateTable('app_user')
      .set({ failed_sign_ins: 5, locked_until: new Date(Date.now() + 15 * 60_000) })
      .where('id', '=', pom.id)
      .execute()
    const list = await agent.get(`/admin/users?q=${encodeURIComponent(pom.email)}`)
    expect(list.body).toContain('Locked')
    const page = await agent.get(`/admin/users/${pom.id}`)
    expect(page.body).toContain('Unlock account')
    const res = await agent.post(`/admin/users/${pom.id}/unlock`, {})
    expect(res.statusCode).toBe(303)
    const after = await agent.get(res.headers.location as string)
    expect(after.body).toContain('Account unlocked')
    expect(after.body).not.toContain('Unlock account')
    const row = await t.db
      .selectFrom('app_user')
      .where('id', '=', pom.id)
      .select(['failed_sign_ins', 'locked_until'])
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ failed_sign_ins: 0, locked_until: null })
    await new Agent(t.app).signIn(pom.email)
    const audit = await t.db
      .selectFrom('audit_event')
      .where('record_id', '=', pom.id)
      .where('action', '=', 'admin')
      .select('detail')
      .execute()
    expect(audit.map((a) => a.detail)).toEqual(['unlocked'])
  })

  it('answers page not found for an unknown or malformed user id', async () => {
    const { agent } = await signedIn()
    expect((await agent.get('/admin/users/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
    expect((await agent.get('/admin/users/not-a-uuid')).statusCode).toBe(404)
    await agent.get('/admin/users')
    expect((await agent.post('/admin/users/not-a-uuid/unlock', {})).statusCode).toBe(404)
  })

  it('answers a malformed field with the GOV.UK error summary, never a 500, and saves nothing', async () => {
    const { agent } = await signedIn()
    const pdu = await organisationFor(t.db, 'pdu', LONDON.pdu)
    const long = await agent.get(`/admin/users?q=${'x'.repeat(600)}`)
    expect(long.statusCode).toBe(400)
    expect(long.body).toContain('There is a problem')
    await agent.get('/admin/users/new')
    const nul = await agent.post('/admin/users/new', {
      email: 'nul.byte@example.gov.uk',
      name: 'Nul\u0000Byte',
      organisationId: pdu.id,
      role: 'com',
    })
    expect(nul.statusCode).toBe(400)
    expect(nul.body).toContain('There is a problem')
    expect(nul.body).toContain('Remove the control characters from this field')
    expect(
      await t.db
        .selectFrom('app_user')
        .where('email', '=', 'nul.byte@example.gov.uk')
        .select('id')
        .executeTakeFirst(),
    ).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import { Agent, testApp } from '../support/app.ts'
import { buildUser, LONDON, organisationFor } from '../support/builders/common.ts'

const t = await testApp()

async function signedIn(role: 'admin' | 'regional_lead' = 'admin') {
  const user = await buildUser(t.db, role)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return { user, agent }
}

const callApi = (secret: string) =>
  t.app.inject({ method: 'GET', url: '/api/v1/people?q=x', headers: { authorization: `Bearer ${secret}` } })

describe('administering API tokens', () => {
  it('sends a signed-out visitor to sign in first', async () => {
    const res = await new Agent(t.app).get('/admin/tokens')
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/sign-in?returnTo=%2Fadmin%2Ftokens')
  })

  it('refuses anyone who is not an administrator', async () => {
    const { agent } = await signedIn('regional_lead')
    const pdu = await organisationFor(t.db, 'pdu', LONDON.pdu)
    expect((await agent.get('/admin/tokens')).statusCode).toBe(403)
    expect((await agent.get('/admin/tokens/new')).statusCode).toBe(403)
    const post = await agent.post('/admin/tokens/new', {
      name: 'Sneaky client',
      organisationId: pdu.id,
      role: 'com',
    })
    expect(post.statusCode).toBe(403)
    expect(post.body).not.toContain('rst_')
  })

  it('explains what is wrong with a new token and keeps what was typed', async () => {
    const { agent } = await signedIn()
    const council = await organisationFor(t.db, 'council', LONDON.la)
    await agent.get('/admin/tokens/new')
    const blank = await agent.post('/admin/tokens/new', { name: '', organisationId: '', role: '' })
    expect(blank.statusCode).toBe(400)
    expect(blank.body).toContain('href="#name"')
    expect(blank.body).toContain('Enter a name for the token, such as the client system')
    expect(blank.body).toContain('Select a role')
    const misfit = await agent.post('/admin/tokens/new', {
      name: 'Islington housing',
      organisationId: council.id,
      role: 'com',
    })
    expect(misfit.statusCode).toBe(400)
    expect(misfit.body).toContain('must belong to a pdu organisation')
    expect(misfit.body).toContain('value="Islington housing"')
    expect(misfit.body).not.toContain('rst_')
  })

  it('shows the secret once; it works on the API until it is revoked', async () => {
    const { agent } = await signedIn()
    const pdu = await organisationFor(t.db, 'pdu', LONDON.pdu)
    await agent.get('/admin/tokens/new')
    const issued = await agent.post('/admin/tokens/new', {
      name: 'Case management link',
      organisationId: pdu.id,
      role: 'com',
    })
    expect(issued.statusCode).toBe(200)
    expect(issued.headers['cache-control']).toBe('no-store')
    expect(issued.body).toContain('It will not be shown again')
    const secret = /value="(rst_[\w-]+)"/.exec(issued.body)?.[1] ?? ''
    expect(secret).not.toBe('')

    expect((await callApi(secret)).statusCode).toBe(200)
    const list = await agent.get('/admin/tokens')
    expect(list.body).toContain('Case management link')
    expect(list.body).toContain('Community Offender Manager')
    expect(list.body).toContain('Active')
    expect(list.body).not.toContain(secret)
    const id = /action="\/admin\/tokens\/([0-9a-f-]{36})\/revoke"/.exec(list.body)?.[1] ?? ''

    const revoked = await agent.post(`/admin/tokens/${id}/revoke`, {})
    expect(revoked.statusCode).toBe(303)
    const after = await agent.get(revoked.headers.location as string)
    expect(after.body).toContain('Token revoked')
    expect(after.body).toContain('Revoked')
    expect((await callApi(secret)).statusCode).toBe(401)
    const audit = await t.db
      .selectFrom('audit_event')
      .where('record_id', '=', id)
      .select('detail')
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.detail)).toEqual(['issued', 'revoked'])
  })

  it('answers page not found for revoking an unknown token', async () => {
    const { agent } = await signedIn()
    await agent.get('/admin/tokens')
    expect(
      (await agent.post('/admin/tokens/00000000-0000-4000-8000-000000000000/revoke', {})).statusCode,
    ).toBe(404)
    expect((await agent.post('/admin/tokens/nonsense/revoke', {})).statusCode).toBe(404)
  })
})

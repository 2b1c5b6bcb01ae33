import { describe, expect, it } from 'vitest'
import { parseCsv } from '../../src/platform/csv.ts'
import { Agent, PASSWORD, testApp } from '../support/app.ts'
import { buildUser, LONDON } from '../support/builders/common.ts'
import { auditLog } from '../../src/platform/audit/audit-log.ts'
import { ValidationFailed } from '../../src/platform/errors.ts'
import { organisationService } from '../../src/domains/organisations/service.ts'

const t = await testApp()

async function signedIn(role: 'admin' | 'prison_resettlement_worker' = 'admin') {
  const user = await buildUser(t.db, role)
  const agent = new Agent(t.app)
  await agent.signIn(user.email)
  return { user, agent }
}

describe('administering organisations', () => {
  it('sends a signed-out visitor to sign in first', async () => {
    const res = await new Agent(t.app).get('/admin/organisations/new')
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/sign-in?returnTo=%2Fadmin%2Forganisations%2Fnew')
  })

  it('refuses anyone who is not an administrator', async () => {
    const { agent } = await signedIn('prison_resettlement_worker')
    expect((await agent.get('/admin/organisations')).statusCode).toBe(403)
    expect((await agent.get('/admin/organisations/new')).statusCode).toBe(403)
    const post = await agent.post('/admin/organisations/new', { kind: 'provider', name: 'Sneaky Provider' })
    expect(post.statusCode).toBe(403)
    expect(post.body).toContain('You do not have permission')
    expect(
      await t.db
        .selectFrom('organisation')
        .where('name', '=', 'Sneaky Provider')
        .select('id')
        .executeTakeFirst(),
    ).toBeUndefined()
  })

  it('explains a bad filter instead of failing', async () => {
    const { agent } = await signedIn()
    const res = await agent.get('/admin/organisations?kind=spaceship&name=x')
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('Select a kind of organisation from the list')
    expect(res.body).toContain('value="x"')
  })

  it('lists organisations by kind and name with their reference code and user count', async () => {
    const { agent } = await signedIn()
    const pom = await buildUser(t.db, 'pom', LONDON)
    const { n } = await t.db
      .selectFrom('app_user')
      .where('organisation_id', '=', pom.organisationId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const res = await agent.get('/admin/organisations?kind=prison&name=pentonville')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Pentonville (HMP &amp; YOI)')
    expect(res.body).toContain(`<td class="govuk-table__cell">${LONDON.prison}</td>`)
    expect(res.body).toContain(`govuk-table__cell--numeric">${n}</td>`)
    expect(res.body).toContain('1 organisation.')
  })

  it('explains what is missing from a new organisation and keeps what was typed', async () => {
    const { agent } = await signedIn()
    const form = await agent.get('/admin/organisations/new')
    expect(form.body).toContain('created when reference data is loaded')
    const res = await agent.post('/admin/organisations/new', { name: '  ' })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('href="#kind"')
    expect(res.body).toContain('Select whether this is a provider or a health organisation')
    expect(res.body).toContain('Enter the organisation’s name')
    const derived = await agent.post('/admin/organisations/new', { kind: 'prison', name: 'HMP Nowhere' })
    expect(derived.statusCode).toBe(400)
    expect(derived.body).toContain('value="HMP Nowhere"')
  })

  it('adds a provider, shows it in the list and records who added it', async () => {
    const { user, agent } = await signedIn()
    await agent.get('/admin/organisations/new')
    const res = await agent.post('/admin/organisations/new', {
      kind: 'provider',
      name: 'Riverside Housing Trust',
    })
    expect(res.statusCode).toBe(303)
    const list = await agent.get(res.headers.location as string)
    expect(list.body).toContain('Organisation added')
    expect(list.body).toContain('Riverside Housing Trust')
    const audit = await t.db
      .selectFrom('audit_event')
      .where('user_id', '=', user.id)
      .where('record_type', '=', 'organisation')
      .select(['action', 'outcome', 'detail'])
      .execute()
    expect(audit).toEqual([
      { action: 'admin', outcome: 'allowed', detail: 'created provider: Riverside Housing Trust' },
    ])
  })

  it('refuses a second organisation of the same kind and name, whatever its capitals', async () => {
    const { agent } = await signedIn()
    await agent.get('/admin/organisations/new')
    expect(
      (await agent.post('/admin/organisations/new', { kind: 'health', name: 'North Clinic' })).statusCode,
    ).toBe(303)
    const twin = await agent.post('/admin/organisations/new', { kind: 'health', name: 'NORTH CLINIC' })
    expect(twin.statusCode).toBe(400)
    expect(twin.body).toContain('An organisation of this kind with this name already exists')
    expect(twin.body).toContain('value="NORTH CLINIC"')
    expect(
      (await agent.post('/admin/organisations/new', { kind: 'provider', name: 'North Clinic' })).statusCode,
    ).toBe(303)
  })

  it('turns the unique index’s refusal into the same message when two admins add one name at once', async () => {
    const admin = await buildUser(t.db, 'admin')
    const signIn = await t.svc.identity.signIn(admin.email, PASSWORD, 'test')
    if (!signIn.ok) throw new Error('sign-in failed')
    const ctx = { actor: signIn.actor, route: 'POST /admin/organisations/new' }
    // Both requests pass the friendly check before either inserts; the index decides.
    const racing = organisationService(
      { ...t.repos.organisations, nameTaken: async () => false },
      auditLog(t.db),
    )
    await racing.create(ctx, { kind: 'provider', name: 'Twin Provider' })
    const second = await racing
      .create(ctx, { kind: 'provider', name: 'twin provider' })
      .catch((err: unknown) => err)
    expect(second).toBeInstanceOf(ValidationFailed)
    expect(second).toMatchObject({
      fields: { name: 'An organisation of this kind with this name already exists' },
    })
  })

  it('sorts and pages organisations keeping the kind in every link, and downloads what the filter keeps', async () => {
    const { agent } = await signedIn()
    const tag = `Pagecheck${Date.now()}`
    await t.db
      .insertInto('organisation')
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          kind: 'provider' as const,
          name: `${tag} ${String(i).padStart(2, '0')}`,
        })),
      )
      .execute()
    await t.db
      .insertInto('organisation')
      .values({ kind: 'health', name: `${tag} clinic` })
      .execute()
    const page = await agent.get(`/admin/organisations?kind=provider&name=${tag}&sort=name&order=desc`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('30 organisations: showing 1 to 25')
    expect(page.body).not.toContain(`${tag} clinic`)
    expect(page.body.indexOf(`${tag} 29`)).toBeLessThan(page.body.indexOf(`${tag} 28`))
    const next = (/href="([^"]+)" rel="next"/.exec(page.body)?.[1] ?? '').replaceAll('&amp;', '&')
    expect(Object.fromEntries(new URLSearchParams(next.split('?')[1]))).toEqual({
      kind: 'provider',
      name: tag,
      sort: 'name',
      order: 'desc',
      page: '2',
    })
    const sortLink = /<a class="govuk-link" href="([^"]+)">Users<\/a>/.exec(page.body)?.[1] ?? ''
    expect(sortLink).toContain('kind=provider&amp;name=')
    const csv = parseCsv(
      (await agent.get(`/admin/organisations?kind=provider&name=${tag}&sort=name&order=desc&format=csv`))
        .body,
    )
    expect(csv.map((r) => r.Name)).toEqual(
      Array.from({ length: 30 }, (_, i) => `${tag} ${String(29 - i).padStart(2, '0')}`),
    )
    expect(csv[0]).toMatchObject({ Kind: 'Provider', Users: '0' })
  })
})

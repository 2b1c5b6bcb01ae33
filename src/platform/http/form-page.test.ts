import Fastify, { type FastifyReply } from 'fastify'
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Conflict, ValidationFailed } from '../errors.ts'
import { formPage, NoParams } from './form-page.ts'

/**
 * The form pattern's round trip without a database or templates: `render` answers the template
 * and its context as JSON, so each test reads exactly what the page would be given.
 */
interface Rendered {
  template: string
  context: {
    pageTitle?: string
    values: Record<string, unknown>
    errors: { summary: { text: string; href: string }[] }
    current?: unknown
    saved?: { name: string; version: number }
  }
}

const Schema = z.object({ name: z.string().min(1, 'Enter a name'), version: z.coerce.number().int() })
interface Loaded {
  saved: { name: string; version: number }
}

async function app(options: { context?: boolean; get?: boolean } = {}) {
  const saved = { name: 'Ada', version: 2 }
  const server = Fastify()
  server.setValidatorCompiler(validatorCompiler)
  server.setSerializerCompiler(serializerCompiler)
  await server.register(cookie, { secret: 'a-secret-long-enough-for-signing-cookies' })
  await server.register(formbody)
  server.decorateReply('render', function (this: FastifyReply, template: string, context = {}) {
    return this.type('application/json').send(JSON.stringify({ template, context }))
  })
  formPage<typeof NoParams, typeof Schema, Loaded, string>(server, {
    path: '/record',
    params: NoParams,
    view: 'record.njk',
    pageTitle: 'Change the record',
    schema: Schema,
    load: async () => ({ saved: { ...saved } }),
    initial: (loaded) => ({ name: loaded.saved.name, version: loaded.saved.version }),
    save: async (_request, _params, input) => {
      if (input.name === 'Taken') throw new ValidationFailed({ name: 'That name is taken' })
      if (input.version !== saved.version)
        throw new Conflict(
          'Someone else changed this record while you were editing. Check it and save again.',
          {
            name: saved.name,
          },
        )
      saved.name = input.name
      saved.version += 1
      return saved.name
    },
    redirect: () => '/record',
    confirmation: (name) => `Name changed to ${name}`,
    conflictValues: (loaded, posted) => ({ ...posted, version: loaded.saved.version }),
    ...(options.get === false ? { get: false } : {}),
    ...(options.context
      ? { context: (loaded, form) => ({ pageTitle: `Record of ${loaded.saved.name}`, ...form }) }
      : {}),
  })
  await server.ready()
  return { server, saved }
}

const post = (server: Awaited<ReturnType<typeof app>>['server'], form: Record<string, string>) =>
  server.inject({
    method: 'POST',
    url: '/record',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  })
const page = (body: string) => JSON.parse(body) as Rendered

describe('formPage', () => {
  it('shows the form with its starting values', async () => {
    const { server } = await app()
    const res = await server.inject('/record')
    expect(res.statusCode).toBe(200)
    expect(page(res.body).context).toMatchObject({ pageTitle: 'Change the record', values: { name: 'Ada' } })
  })

  it('re-draws a malformed form with the input kept (400)', async () => {
    const { server } = await app()
    const res = await post(server, { name: '', version: '2', note: 'kept' })
    expect(res.statusCode).toBe(400)
    expect(page(res.body).context.errors.summary).toEqual([{ text: 'Enter a name', href: '#name' }])
    expect(page(res.body).context.values).toMatchObject({ note: 'kept' })
  })

  it('re-draws a rule the service refused (400)', async () => {
    const { server } = await app()
    const res = await post(server, { name: 'Taken', version: '2' })
    expect(res.statusCode).toBe(400)
    expect(page(res.body).context.errors.summary).toEqual([{ text: 'That name is taken', href: '#name' }])
  })

  it('redirects a success with a confirmation that says what was saved', async () => {
    const { server, saved } = await app()
    const res = await post(server, { name: 'Grace', version: '2' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/record')
    const cookie = res.cookies.find((c) => c.name === 'resettle_confirmation')
    expect(server.unsignCookie(cookie?.value ?? '').value).toBe('Name changed to Grace')
    expect(saved).toEqual({ name: 'Grace', version: 3 })
  })

  it('after a stale version, re-draws the form (409) with the input kept, the saved version and the reason', async () => {
    const { server, saved } = await app()
    const res = await post(server, { name: 'Grace', version: '1' })
    expect(res.statusCode).toBe(409)
    const { context } = page(res.body)
    expect(context.errors.summary).toEqual([
      {
        text: 'Someone else changed this record while you were editing. Check it and save again.',
        href: '#form',
      },
    ])
    // The user's typing stays; the version is the one now saved, so saving again is deliberate.
    expect(context.values).toMatchObject({ name: 'Grace', version: 2 })
    expect(saved).toEqual({ name: 'Ada', version: 2 })
    expect(res.cookies.find((c) => c.name === 'resettle_confirmation')).toBeUndefined()
    const again = await post(server, {
      name: String(context.values.name),
      version: String(context.values.version),
    })
    expect(again.statusCode).toBe(303)
  })

  it('hands a page with its own view model the form state, and the conflict’s current record', async () => {
    const { server } = await app({ context: true })
    const res = await post(server, { name: 'Grace', version: '1' })
    expect(res.statusCode).toBe(409)
    expect(page(res.body).context).toMatchObject({
      pageTitle: 'Record of Ada',
      values: { name: 'Grace', version: 2 },
      current: { name: 'Ada' },
    })
  })

  it('registers only the POST when another route draws the page', async () => {
    const { server } = await app({ get: false })
    expect((await server.inject('/record')).statusCode).toBe(404)
    expect((await post(server, { name: 'Grace', version: '2' })).statusCode).toBe(303)
  })
})

/** A page with the options the three once hand-typed forms needed: action, query, done. */
async function optionsApp() {
  const server = Fastify()
  server.setValidatorCompiler(validatorCompiler)
  server.setSerializerCompiler(serializerCompiler)
  await server.register(cookie, { secret: 'a-secret-long-enough-for-signing-cookies' })
  await server.register(formbody)
  server.decorateReply('render', function (this: FastifyReply, template: string, context = {}) {
    return this.type('application/json').send(JSON.stringify({ template, context }))
  })
  const Params = z.object({ who: z.enum(['ada', 'grace']) })
  const Query = z.object({ from: z.enum(['plan', 'list']).optional() })
  const Issue = z.object({ name: z.string().min(1, 'Enter a name') })
  let issued = 0
  // Shown at /things/:who/new, created at /things/:who, drawing the result on the POST's response.
  formPage(server, {
    path: '/things/:who/new',
    action: '/things/:who',
    params: Params,
    query: Query,
    view: 'new-thing.njk',
    pageTitle: 'Make a thing',
    schema: Issue,
    load: async (_request, { who }, { from }, posted) => ({ who, from: from ?? null, note: posted.note }),
    save: async (_request, { who }, { name }, posted) => ({
      who,
      name,
      secret: `secret-${++issued}`,
      note: posted.note,
    }),
    done: { view: 'thing-made.njk', context: (made, { who }) => ({ made, who }) },
  })
  // A success that redirects with no banner: the next page says what happened itself.
  formPage(server, {
    path: '/quiet',
    params: NoParams,
    view: 'quiet.njk',
    schema: Issue,
    conflictField: 'conflict',
    load: async () => ({}),
    save: async (_request, _params, { name }) => {
      if (name === 'stale') throw new Conflict('Changed meanwhile')
      return name
    },
    redirect: (name) => `/quiet/${name}`,
  })
  await server.ready()
  return server
}

const postTo = (server: Awaited<ReturnType<typeof optionsApp>>, url: string, form: Record<string, string>) =>
  server.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  })

describe('formPage options', () => {
  it('reads a declared query on GET, and answers a malformed one 400 before loading', async () => {
    const server = await optionsApp()
    const res = await server.inject('/things/ada/new?from=plan')
    expect(res.statusCode).toBe(200)
    expect(JSON.parse(res.body)).toMatchObject({
      template: 'new-thing.njk',
      context: { who: 'ada', from: 'plan' },
    })
    expect((await server.inject('/things/ada/new?from=elsewhere')).statusCode).toBe(400)
  })

  it('posts to its action path, not to the path that shows it', async () => {
    const server = await optionsApp()
    expect((await postTo(server, '/things/ada/new', { name: 'x' })).statusCode).toBe(404)
    const failed = await postTo(server, '/things/ada', { name: '', note: 'not in the schema' })
    expect(failed.statusCode).toBe(400)
    // A page drawn again after a failure can read what was posted beyond the schema.
    expect(JSON.parse(failed.body)).toMatchObject({ context: { note: 'not in the schema' } })
    expect(page(failed.body).context.errors.summary).toEqual([{ text: 'Enter a name', href: '#name' }])
    expect(page(failed.body).template).toBe('new-thing.njk')
  })

  it('with `done`, draws the result on the POST’s own response, never cached and never redirected', async () => {
    const server = await optionsApp()
    const res = await postTo(server, '/things/grace', { name: 'Token', note: 'seen by save' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers.location).toBeUndefined()
    expect(res.cookies.find((c) => c.name === 'resettle_confirmation')).toBeUndefined()
    expect(JSON.parse(res.body)).toEqual({
      template: 'thing-made.njk',
      context: {
        who: 'grace',
        made: { who: 'grace', name: 'Token', secret: 'secret-1', note: 'seen by save' },
      },
    })
    // Each post is a new result: a second never shows the first one's secret.
    const again = await postTo(server, '/things/grace', { name: 'Token' })
    expect(again.body).toContain('secret-2')
    expect(again.body).not.toContain('secret-1')
  })

  it('redirects without a banner when no confirmation is given', async () => {
    const server = await optionsApp()
    const res = await postTo(server, '/quiet', { name: 'calm' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/quiet/calm')
    expect(res.cookies.find((c) => c.name === 'resettle_confirmation')).toBeUndefined()
  })

  it('links a conflict’s summary entry to the element the page names', async () => {
    const server = await optionsApp()
    const res = await postTo(server, '/quiet', { name: 'stale' })
    expect(res.statusCode).toBe(409)
    expect(page(res.body).context.errors.summary).toEqual([{ text: 'Changed meanwhile', href: '#conflict' }])
  })
})

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

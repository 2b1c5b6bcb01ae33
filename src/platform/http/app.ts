import { fileURLToPath } from 'node:url'
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify'
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import helmet from '@fastify/helmet'
import csrf from '@fastify/csrf-protection'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import qs from 'node:querystring'
import type { Actor, RequestContext } from '../auth/actor.ts'
import { Forbidden, Unauthorised } from '../errors.ts'
import { createViewEnvironment } from '../views/environment.ts'
import { handleError, isApi } from './errors.ts'
import { renderer } from './render.ts'
import type { NavEntry } from '../module.ts'

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null
    /** The signed-in actor and this route, for use cases; throws Unauthorised when signed out. */
    ctx: RequestContext
  }
  interface FastifyInstance {
    /** Every route as registered, for the capability matrix test (issue 17). */
    routeTable: { method: string; url: string }[]
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean
  }
}

export interface HttpOptions {
  sessionSecret: string
  secureCookies: boolean
  logLevel: string
  /** Proxies whose X-Forwarded-For is believed; none by default. */
  trustedProxies?: string[]
  /** Log each request and response (default true); development turns them off unless asked. */
  requestLogs?: boolean
  /** The main menu's entries, from the domain modules. */
  navigation: readonly NavEntry[]
  resolveSession: (token: string) => Promise<Actor | null>
  resolveToken: (token: string) => Promise<Actor | null>
  /** Called before a refusal by role (403) is answered, to audit it. */
  onForbidden?: (request: FastifyRequest) => Promise<void>
}

export const SESSION_COOKIE = 'resettle_session'

const pkgDir = (name: string) =>
  fileURLToPath(import.meta.resolve(`${name}/package.json`)).replace(/package\.json$/, '')
const publicDir = fileURLToPath(new URL('../../../public/', import.meta.url))

/** The HTTP shell: security headers, cookies, CSRF, assets, sign-in resolution and error pages. */
export async function createHttpApp(options: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    logController: new LogController({ disableRequestLogging: options.requestLogs === false }),
    trustProxy: options.trustedProxies?.length ? options.trustedProxies : false,
    bodyLimit: 1_048_576,
  })
  const routeTable: { method: string; url: string }[] = []
  app.decorate('routeTable', routeTable)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routeTable.push({ method, url: route.url })
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.setErrorHandler(async (err: Error, request, reply) => {
    if (err instanceof Forbidden && options.onForbidden) {
      await options
        .onForbidden(request)
        .catch((auditErr: unknown) => request.log.error({ err: auditErr }, 'could not audit a refusal'))
    }
    return handleError(err, request, reply)
  })

  await app.register(cookie, { secret: options.sessionSecret })
  // Plain querystring parsing: repeated fields become arrays, nothing nests.
  await app.register(formbody, { parser: (body) => qs.parse(body) })
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // helmet adds this response's nonce to both; 'self' admits the packaged CSS and JS.
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        upgradeInsecureRequests: options.secureCookies ? [] : null,
      },
    },
    hsts: options.secureCookies,
  })
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: '_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: options.secureCookies },
  })

  const env = createViewEnvironment()
  app.decorateReply('render', renderer(env, options.navigation))
  app.decorate('renderFragment', (template: string, context: Record<string, unknown>) =>
    env.render(template, context),
  )

  const assets = [
    {
      root: [
        `${pkgDir('govuk-frontend')}dist/govuk/assets`,
        `${pkgDir('@ministryofjustice/frontend')}moj/assets`,
      ],
      prefix: '/assets/',
    },
    { root: `${pkgDir('govuk-frontend')}dist/govuk`, prefix: '/assets/govuk/' },
    { root: `${pkgDir('@ministryofjustice/frontend')}moj`, prefix: '/assets/moj/' },
    // Type-ahead for long selects (issue 12, defect 10; public/autocomplete.js).
    { root: `${pkgDir('accessible-autocomplete')}dist`, prefix: '/assets/autocomplete/' },
    { root: publicDir, prefix: '/assets/app/' },
  ]
  for (const a of assets) {
    await app.register(fastifyStatic, {
      ...a,
      decorateReply: false,
      maxAge: '1h',
      index: false,
      wildcard: true,
    })
  }

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Resettle API',
        version: '1',
        description: 'Bearer tokens are issued by an administrator.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: (args) => {
      const out = jsonSchemaTransform(args)
      return args.url.startsWith('/api/v1') ? out : { ...out, schema: { ...out.schema, hide: true } }
    },
  })
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { docExpansion: 'list' },
  })

  app.decorateRequest('actor', null)
  app.decorateRequest('ctx', {
    getter() {
      if (!this.actor) throw new Unauthorised()
      return { actor: this.actor, route: `${this.method} ${this.routeOptions.url ?? this.url}` }
    },
  })

  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/assets/')) return
    if (isApi(request)) {
      const header = request.headers.authorization
      const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
      if (m?.[1]) request.actor = await options.resolveToken(m[1])
      return
    }
    const raw = request.cookies[SESSION_COOKIE]
    const unsigned = raw ? request.unsignCookie(raw) : null
    if (unsigned?.valid && unsigned.value) request.actor = await options.resolveSession(unsigned.value)
  })

  // CSRF is checked once the form body is parsed (preValidation); in onRequest the token in the
  // body is not there yet. Bearer-token API calls carry no cookies, so they need no token.
  app.addHook('preValidation', (request, reply, done) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || isApi(request)) return done()
    app.csrfProtection(request, reply, done)
  })

  app.addHook('preHandler', async (request) => {
    if (
      request.routeOptions.config.public ||
      request.url.startsWith('/api/docs') ||
      request.url.startsWith('/assets/')
    )
      return
    if (!request.actor) throw new Unauthorised()
  })

  // A signed-in page carries personal data: no browser or proxy may keep it (issue 17 finding 9).
  // A route that knows better (a public asset, a cacheable figure) sets its own header.
  app.addHook('onSend', async (request, reply) => {
    if (request.actor && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store')
  })

  app.setNotFoundHandler((request, reply) => {
    if (isApi(request)) {
      return reply
        .code(404)
        .type('application/problem+json')
        .send({ type: 'about:blank', status: 404, code: 'not_found', title: 'Not found' })
    }
    return reply.code(404).render('error.njk', {
      pageTitle: 'Page not found',
      heading: 'Page not found',
      lines: ['If you typed the web address, check it is correct.'],
    })
  })

  return app
}

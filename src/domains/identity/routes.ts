import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formErrors, parseWith } from '../../platform/http/forms.ts'
import type { Limiter } from '../../platform/http/rate-limit.ts'
import { SESSION_COOKIE } from '../../platform/http/app.ts'
import type { IdentityService } from './service.ts'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { PostedForm } from '../../platform/http/form-page.ts'
import { SignInForm } from './schemas.ts'
import type { OidcClient } from './oidc.ts'

export interface IdentityRouteOptions {
  identity: IdentityService
  oidc: OidcClient | undefined
  secureCookies: boolean
  /** Sign-in attempts per client address, counted in the database all instances share. */
  signInLimit: Limiter
}

export const SIGN_IN_REFUSED = 'Enter a correct email address and password'

/** Only same-site paths, so a crafted link cannot send a user elsewhere after sign-in. */
function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '/'
}

/** Where to go after signing in; safeReturnTo keeps it on this site. */
const SignInQuery = z.object({ returnTo: z.string().max(500).optional() })

export function identityRoutes(
  app: FastifyInstance,
  { identity, oidc, secureCookies, signInLimit }: IdentityRouteOptions,
) {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies,
    signed: true,
  } as const

  const renderSignIn = (
    reply: FastifyReply,
    values: Record<string, unknown>,
    fields: Record<string, string> = {},
    status = 200,
  ) =>
    reply.code(status).render('identity/views/sign-in.njk', {
      pageTitle: 'Sign in',
      values,
      errors: formErrors(fields),
      oidcEnabled: Boolean(oidc),
    })

  const typed = app.withTypeProvider<ZodTypeProvider>()
  typed.get(
    '/sign-in',
    { config: { public: true }, schema: { querystring: SignInQuery } },
    async (request, reply) => renderSignIn(reply, { returnTo: safeReturnTo(request.query.returnTo) }),
  )

  typed.post(
    '/sign-in',
    { config: { public: true }, schema: { body: PostedForm } },
    async (request, reply) => {
      const body = request.body
      const values = { email: body.email, returnTo: safeReturnTo(body.returnTo) }
      if (!(await signInLimit(request)).allowed) {
        return renderSignIn(
          reply,
          values,
          { email: 'Too many sign-in attempts from your network. Wait a minute and try again.' },
          429,
        )
      }
      const parsed = parseWith(SignInForm, body)
      if (!parsed.ok) return renderSignIn(reply, values, parsed.errors, 400)
      const result = await identity.signIn(parsed.data.email, parsed.data.password, 'POST /sign-in')
      // A locked account answers exactly as a wrong password does, so the answer never tells
      // whether an address has an account (issue 17 finding 2); the audit log keeps the reason.
      if (!result.ok) return renderSignIn(reply, values, { email: SIGN_IN_REFUSED }, 401)
      reply.setCookie(SESSION_COOKIE, result.sessionToken, cookieOptions)
      return reply.redirect(values.returnTo, 303)
    },
  )

  app.get('/sign-out', async (_request, reply) =>
    reply.render('identity/views/sign-out.njk', { pageTitle: 'Sign out' }),
  )

  app.post('/sign-out', { config: { public: true } }, async (request: FastifyRequest, reply) => {
    const raw = request.cookies[SESSION_COOKIE]
    const unsigned = raw ? request.unsignCookie(raw) : null
    if (unsigned?.valid && unsigned.value)
      await identity.signOut(unsigned.value, request.actor ? request.ctx : null)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.redirect('/sign-in?signedOut=1', 303)
  })

  if (oidc) {
    app.get('/sign-in/oidc', { config: { public: true } }, async (request, reply) => {
      const { url, state } = await oidc.start()
      reply.setCookie('resettle_oidc', JSON.stringify(state), { ...cookieOptions, maxAge: 600 })
      return reply.redirect(url)
    })
    app.get('/sign-in/oidc/callback', { config: { public: true } }, async (request, reply) => {
      const raw = request.cookies.resettle_oidc
      const unsigned = raw ? request.unsignCookie(raw) : null
      reply.clearCookie('resettle_oidc', { path: '/' })
      const claims =
        unsigned?.valid && unsigned.value
          ? await oidc.finish(new URL(request.url, oidc.redirectUrl), unsigned.value, (err) =>
              request.log.warn({ err }, 'OpenID Connect sign-in refused'),
            )
          : undefined
      const result = claims ? await identity.signInWithOidc(claims, 'GET /sign-in/oidc/callback') : undefined
      if (!result)
        return renderSignIn(
          reply,
          {},
          {
            email:
              'Your organisation’s sign-in worked, but you do not have a Resettle account. Ask an administrator.',
          },
          403,
        )
      reply.setCookie(SESSION_COOKIE, result.sessionToken, cookieOptions)
      return reply.redirect('/', 303)
    })
  }
}

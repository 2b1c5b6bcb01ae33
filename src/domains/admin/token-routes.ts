import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { PostedForm } from '../../platform/http/form-page.ts'
import { formErrors, parseWith } from '../../platform/http/forms.ts'
import { setConfirmation } from '../../platform/http/confirmation.ts'
import { ROLES } from '../../platform/auth/roles.ts'
import { IdParams } from '../../platform/validation/index.ts'
import type { IdentityService } from '../identity/service.ts'
import { IssueToken } from '../identity/schemas.ts'
import type { OrganisationService } from '../organisations/service.ts'
import { accessFormContext } from './view-models.ts'

type Deps = { identity: IdentityService; organisations: OrganisationService }

export function adminTokenRoutes(app: FastifyInstance, { identity, organisations }: Deps) {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  app.get('/admin/tokens', async (request, reply) => {
    const rows = await identity.listTokens(request.ctx)
    return reply.render('admin/views/tokens.njk', {
      pageTitle: 'API tokens',
      tokens: rows.map((t) => ({ ...t, roleLabel: ROLES[t.role].label })),
    })
  })

  /**
   * Not on formPage: a token's secret is shown on the response to the POST itself, never carried
   * through a redirect or a cookie, so this form has no redirect to make.
   */
  const renderNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    fields: FieldErrors = {},
    status = 200,
  ) => {
    const choices = await organisations.choices(request.ctx)
    return reply.code(status).render('admin/views/token-new.njk', {
      pageTitle: 'Issue an API token',
      backLink: '/admin/tokens',
      values,
      errors: formErrors(fields),
      ...accessFormContext(choices),
    })
  }

  app.get('/admin/tokens/new', async (request, reply) => renderNew(request, reply, {}))

  typed.post('/admin/tokens/new', { schema: { body: PostedForm } }, async (request, reply) => {
    const values: Record<string, unknown> = { ...request.body }
    const parsed = parseWith(IssueToken, values)
    if (!parsed.ok) return renderNew(request, reply, values, parsed.errors, 400)
    try {
      const token = await identity.issueToken(request.ctx, parsed.data)
      // The secret is on this one response and nowhere else: no redirect, and no caching of the page.
      return reply.header('cache-control', 'no-store').render('admin/views/token-issued.njk', {
        pageTitle: 'API token issued',
        token: { ...token, roleLabel: ROLES[token.role].label },
      })
    } catch (err) {
      if (err instanceof ValidationFailed) return renderNew(request, reply, values, err.fields, 400)
      throw err
    }
  })

  typed.post('/admin/tokens/:id/revoke', { schema: { params: IdParams } }, async (request, reply) => {
    await identity.revokeToken(request.ctx, request.params.id)
    setConfirmation(reply, 'Token revoked: clients using it can no longer call the API')
    return reply.redirect('/admin/tokens', 303)
  })
}

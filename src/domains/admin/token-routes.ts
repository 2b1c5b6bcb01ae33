import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { formErrors, parseWith } from '../../platform/http/forms.ts'
import { ROLES } from '../../platform/auth/roles.ts'
import type { IdentityService } from '../identity/service.ts'
import { IssueToken } from '../identity/schemas.ts'
import type { OrganisationService } from '../organisations/service.ts'
import { FormValues, idFrom } from './schemas.ts'
import { accessFormContext } from './view-models.ts'

type Deps = { identity: IdentityService; organisations: OrganisationService }

export function adminTokenRoutes(app: FastifyInstance, { identity, organisations }: Deps) {
  app.get('/admin/tokens', async (request, reply) => {
    const rows = await identity.listTokens(request.ctx)
    const query = FormValues.parse(request.query)
    return reply.render('admin/views/tokens.njk', {
      pageTitle: 'API tokens',
      tokens: rows.map((t) => ({ ...t, roleLabel: ROLES[t.role].label })),
      flash:
        query.revoked !== undefined
          ? 'Token revoked: clients using it can no longer call the API'
          : undefined,
    })
  })

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
      ...accessFormContext(choices, values, formErrors(fields)),
    })
  }

  app.get('/admin/tokens/new', async (request, reply) => renderNew(request, reply, {}))

  app.post('/admin/tokens/new', async (request, reply) => {
    const values = FormValues.parse(request.body)
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

  app.post('/admin/tokens/:id/revoke', async (request, reply) => {
    await identity.revokeToken(request.ctx, idFrom(request.params, 'Token'))
    return reply.redirect('/admin/tokens?revoked=1', 303)
  })
}

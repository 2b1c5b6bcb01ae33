import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { formPage, NoParams } from '../../platform/http/form-page.ts'
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

  // The secret is drawn on the response to the POST itself and nowhere else: not through a
  // redirect, a cookie or the database, where only its hash is kept (formPage's `done`, sent
  // with Cache-Control: no-store).
  formPage(app, {
    path: '/admin/tokens/new',
    params: NoParams,
    capability: 'admin',
    view: 'admin/views/token-new.njk',
    pageTitle: 'Issue an API token',
    schema: IssueToken,
    load: async (request) => ({
      backLink: '/admin/tokens',
      ...accessFormContext(await organisations.choices(request.ctx)),
    }),
    save: (request, _params, input) => identity.issueToken(request.ctx, input),
    done: {
      view: 'admin/views/token-issued.njk',
      context: (token) => ({
        pageTitle: 'API token issued',
        token: { ...token, roleLabel: ROLES[token.role].label },
      }),
    },
  })

  typed.post('/admin/tokens/:id/revoke', { schema: { params: IdParams } }, async (request, reply) => {
    await identity.revokeToken(request.ctx, request.params.id)
    setConfirmation(reply, 'Token revoked: clients using it can no longer call the API')
    return reply.redirect('/admin/tokens', 303)
  })
}

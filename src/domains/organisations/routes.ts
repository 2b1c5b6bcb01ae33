import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { FormFields } from '../../platform/validation/index.ts'
import { formPage, NoParams } from '../../platform/http/form-page.ts'
import { formErrors, parseWith } from '../../platform/http/forms.ts'
import type { OrganisationService } from './service.ts'
import { CreateOrganisation, OrganisationFilter } from './schemas.ts'
import { kindOptions, organisationRows } from './view-models.ts'

export function organisationRoutes(app: FastifyInstance, organisations: OrganisationService) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  // The query is declared as plain bounded fields; the filter's own schema then names each wrong
  // field beside the filter form, as a form round trip would.
  typed.get('/admin/organisations', { schema: { querystring: FormFields } }, async (request, reply) => {
    const values: Record<string, unknown> = { ...request.query }
    const parsed = parseWith(OrganisationFilter, values)
    const filter = parsed.ok ? parsed.data : {}
    const { rows, more, limit } = await organisations.list(request.ctx, filter)
    return reply.code(parsed.ok ? 200 : 400).render('organisations/views/list.njk', {
      pageTitle: 'Organisations',
      values,
      errors: formErrors(parsed.ok ? {} : parsed.errors),
      kindOptions: kindOptions(values.kind),
      rows: organisationRows(rows),
      more,
      limit,
    })
  })

  formPage(app, {
    path: '/admin/organisations/new',
    params: NoParams,
    capability: 'admin',
    view: 'organisations/views/new.njk',
    pageTitle: 'Add an organisation',
    schema: CreateOrganisation,
    load: async (request) => ({
      kinds: organisations.creatableKinds(request.ctx).map((k) => ({ value: k.kind, text: k.label })),
      backLink: '/admin/organisations',
    }),
    save: (request, _params, input) => organisations.create(request.ctx, input),
    redirect: (created) =>
      `/admin/organisations?${new URLSearchParams({ kind: created.kind, name: created.name }).toString()}`,
    confirmation: 'Organisation added',
  })
}

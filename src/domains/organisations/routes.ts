import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { FormFields } from '../../platform/validation/index.ts'
import { formPage, NoParams } from '../../platform/http/form-page.ts'
import { formErrors, parseWith } from '../../platform/http/forms.ts'
import type { OrganisationService } from './service.ts'
import { CreateOrganisation } from './schemas.ts'
import { kindOptions } from './view-models.ts'
import { londonToday } from '../../platform/calendar/index.ts'
import { sendTables } from '../../platform/table/index.ts'
import { allFiltered, filteredList } from '../../platform/views/list-links.ts'
import { OrganisationListQuery, ORGANISATIONS_DEFAULT_SORT, organisationTable } from './list.ts'

export function organisationRoutes(app: FastifyInstance, organisations: OrganisationService) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  // The query is declared as plain bounded fields; the filter's own schema then names each wrong
  // field beside the filter form, as a form round trip would.
  typed.get('/admin/organisations', { schema: { querystring: FormFields } }, async (request, reply) => {
    const values: Record<string, unknown> = { ...request.query }
    const parsed = parseWith(OrganisationListQuery, values)
    const form = { pageTitle: 'Organisations', values, kindOptions: kindOptions(values.kind) }
    if (!parsed.ok) {
      organisations.authorise(request.ctx)
      return reply
        .code(400)
        .render('organisations/views/list.njk', { ...form, errors: formErrors(parsed.errors) })
    }
    const query = parsed.data
    const table = organisationTable(await organisations.list(request.ctx, query))
    if (query.format)
      return sendTables(reply, query.format, `organisations-${londonToday()}`, [
        allFiltered(table, query, ORGANISATIONS_DEFAULT_SORT),
      ])
    return reply.render('organisations/views/list.njk', {
      ...form,
      errors: formErrors({}),
      list: filteredList(table, query, {
        baseUrl: '/admin/organisations',
        defaultSort: ORGANISATIONS_DEFAULT_SORT,
        filters: { kind: query.kind, name: query.name },
      }),
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

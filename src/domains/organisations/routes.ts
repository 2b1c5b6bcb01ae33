import type { FastifyInstance, FastifyReply } from 'fastify'
import { ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { formErrors, parseWith } from '../../platform/http/forms.ts'
import type { RequestContext } from '../../platform/auth/actor.ts'
import type { OrganisationService } from './service.ts'
import { CreateOrganisation, FormValues, OrganisationFilter } from './schemas.ts'
import { kindOptions, organisationRows } from './view-models.ts'

export function organisationRoutes(app: FastifyInstance, organisations: OrganisationService) {
  app.get('/admin/organisations', async (request, reply) => {
    const values = FormValues.parse(request.query)
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
      flash: values.created ? 'Organisation added' : undefined,
    })
  })

  const renderNew = (
    reply: FastifyReply,
    ctx: RequestContext,
    values: Record<string, unknown>,
    fields: FieldErrors = {},
    status = 200,
  ) =>
    reply.code(status).render('organisations/views/new.njk', {
      pageTitle: 'Add an organisation',
      values,
      errors: formErrors(fields),
      kinds: organisations
        .creatableKinds(ctx)
        .map((k) => ({ value: k.kind, text: k.label, checked: k.kind === values.kind })),
      backLink: '/admin/organisations',
    })

  app.get('/admin/organisations/new', async (request, reply) => renderNew(reply, request.ctx, {}))

  app.post('/admin/organisations/new', async (request, reply) => {
    const values = FormValues.parse(request.body)
    const parsed = parseWith(CreateOrganisation, values)
    if (!parsed.ok) return renderNew(reply, request.ctx, values, parsed.errors, 400)
    try {
      const created = await organisations.create(request.ctx, parsed.data)
      const query = new URLSearchParams({ kind: created.kind, name: created.name, created: '1' })
      return reply.redirect(`/admin/organisations?${query.toString()}`, 303)
    } catch (err) {
      if (err instanceof ValidationFailed) return renderNew(reply, request.ctx, values, err.fields, 400)
      throw err
    }
  })
}

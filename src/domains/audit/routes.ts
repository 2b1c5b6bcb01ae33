import { londonToday } from '../../platform/calendar/london-date.ts'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { FormFields } from '../../platform/validation/index.ts'
import { formErrors, parseWith, withJoinedDates } from '../../platform/http/forms.ts'
import { toCsv } from '../../platform/csv.ts'
import { CSV_LIMIT, type AuditSearchService } from './service.ts'
import { AuditFilter, PAGE_SIZE, PageNumber } from './schemas.ts'
import { CSV_HEADER, auditCsvRows, auditRows, filterForm, filterQuery, pagination } from './view-models.ts'

const DATES = ['from', 'to']

export function auditRoutes(app: FastifyInstance, auditSearch: AuditSearchService) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  // The query is declared as plain bounded fields; the filter's own schema then names each wrong
  // field beside the filter form, with what was typed kept.
  typed.get('/admin/audit', { schema: { querystring: FormFields } }, async (request, reply) => {
    const values: Record<string, unknown> = { ...request.query }
    const parsed = parseWith(AuditFilter, withJoinedDates(values, DATES))
    const page = {
      pageTitle: 'Audit log',
      ...filterForm(values),
      csvHref: `/admin/audit/export.csv${filterQuery(values)}`,
      csvLimit: CSV_LIMIT,
    }
    if (!parsed.ok) {
      auditSearch.authorise(request.ctx)
      return reply
        .code(400)
        .render('audit/views/search.njk', { ...page, errors: formErrors(parsed.errors), rows: [] })
    }
    const result = await auditSearch.search(request.ctx, parsed.data, PageNumber.parse(values).page)
    return reply.render('audit/views/search.njk', {
      ...page,
      errors: formErrors({}),
      rows: auditRows(result.rows),
      page: result.page,
      firstRow: (result.page - 1) * PAGE_SIZE + 1,
      pagination: pagination(values, result.page, result.hasNext),
    })
  })

  typed.get('/admin/audit/export.csv', { schema: { querystring: FormFields } }, async (request, reply) => {
    const values: Record<string, unknown> = { ...request.query }
    const parsed = parseWith(AuditFilter, withJoinedDates(values, DATES))
    // The search page explains what is wrong with the filter; a CSV cannot.
    if (!parsed.ok) return reply.redirect(`/admin/audit${filterQuery(values)}`, 303)
    const rows = await auditSearch.export(request.ctx, parsed.data)
    const today = londonToday()
    return reply
      .header('content-disposition', `attachment; filename="audit-log-${today}.csv"`)
      .header('cache-control', 'no-store')
      .type('text/csv; charset=utf-8')
      .send(toCsv(CSV_HEADER, auditCsvRows(rows)))
  })
}

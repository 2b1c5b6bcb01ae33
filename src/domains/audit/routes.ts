import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { londonToday } from '../../platform/calendar/index.ts'
import { formErrors, parseWith, withJoinedDates } from '../../platform/http/forms.ts'
import { sendTables } from '../../platform/table/index.ts'
import { FormFields } from '../../platform/validation/index.ts'
import { CSV_LIMIT, type AuditSearchService } from './service.ts'
import { AuditFilter, AuditView, PAGE_SIZE, PageNumber } from './schemas.ts'
import {
  auditExportTable,
  auditPageTable,
  auditSorting,
  filterForm,
  filterQuery,
  pagination,
} from './view-models.ts'

const DATES = ['from', 'to']

export function auditRoutes(app: FastifyInstance, auditSearch: AuditSearchService) {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  /** The filtered log as CSV or XLSX, in the page's order: the download follows the filter. */
  async function download(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    format: 'csv' | 'xlsx',
  ) {
    const parsed = parseWith(AuditFilter, withJoinedDates(values, DATES))
    // The search page explains what is wrong with the filter; a download cannot.
    if (!parsed.ok) return reply.redirect(`/admin/audit${filterQuery(values)}`, 303)
    const sorting = auditSorting(AuditView.parse(values))
    const rows = await auditSearch.export(request.ctx, parsed.data, sorting.order)
    return sendTables(reply, format, `audit-log-${londonToday()}`, [auditExportTable(rows)])
  }

  // The query is declared as plain bounded fields; the filter's own schema then names each wrong
  // field beside the filter form, with what was typed kept.
  typed.get('/admin/audit', { schema: { querystring: FormFields } }, async (request, reply) => {
    const values: Record<string, unknown> = { ...request.query }
    const view = AuditView.parse(values)
    if (view.format) return download(request, reply, values, view.format)
    const parsed = parseWith(AuditFilter, withJoinedDates(values, DATES))
    const page = {
      pageTitle: 'Audit log',
      ...filterForm(values),
      csvHref: `/admin/audit/export.csv${filterQuery(values)}`,
      xlsxHref: `/admin/audit${filterQuery(values) || '?'}${filterQuery(values) ? '&' : ''}format=xlsx`,
      csvLimit: CSV_LIMIT,
    }
    if (!parsed.ok) {
      auditSearch.authorise(request.ctx)
      return reply
        .code(400)
        .render('audit/views/search.njk', { ...page, errors: formErrors(parsed.errors), rows: [] })
    }
    const sorting = auditSorting(view)
    const result = await auditSearch.search(
      request.ctx,
      parsed.data,
      PageNumber.parse(values).page,
      sorting.order,
    )
    return reply.render('audit/views/search.njk', {
      ...page,
      errors: formErrors({}),
      rows: result.rows,
      table: auditPageTable(result.rows, values, sorting),
      page: result.page,
      firstRow: (result.page - 1) * PAGE_SIZE + 1,
      pagination: pagination(values, result.page, result.hasNext),
    })
  })

  typed.get('/admin/audit/export.csv', { schema: { querystring: FormFields } }, async (request, reply) =>
    download(request, reply, { ...request.query }, 'csv'),
  )
}

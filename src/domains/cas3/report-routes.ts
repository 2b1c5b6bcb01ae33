import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { dateParts, formErrors, parseWith, withJoinedDates } from '../../platform/http/forms.ts'
import { NotFound, ValidationFailed } from '../../platform/errors.ts'
import { govukTable, sendTables } from '../../platform/table/index.ts'
import { FormFields } from '../../platform/validation/index.ts'
import type { Cas3Services } from './service.ts'
import { options } from './form-options.ts'
import { REPORTS, type ReportName as ReportNameType } from './reports.ts'
import { ReportQuery } from './schemas.ts'

const DATES = ['from', 'to']
const PAGE_ROWS = 1000
const REPORT_NAMES = Object.keys(REPORTS) as [ReportNameType, ...ReportNameType[]]
/** The report chosen; occupancy when none (or an unknown one) is named. */
const ReportName = z.enum(REPORT_NAMES).catch('occupancy')
const ExportParams = z.object({ format: z.string().max(10) })

export function reportRoutes(app: FastifyInstance, cas3: Cas3Services) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const parse = (query: FormFields) => {
    const values = withJoinedDates(query, DATES)
    const name = ReportName.parse(query.report)
    return { values, name, parsed: parseWith(ReportQuery, values) }
  }

  typed.get('/cas3/reports', { schema: { querystring: FormFields } }, async (request, reply) => {
    cas3.reports.assertCanRun(request.ctx)
    const query = request.query
    const { values, name, parsed } = parse(query)
    const national = request.actor?.scope.level === 'national'
    const regions = national ? await cas3.lists.regions() : []
    const page = {
      pageTitle: 'CAS3 reports',
      values,
      dates: { from: dateParts(values.from), to: dateParts(values.to) },
      reportOptions: options(
        Object.entries(REPORTS).map(([value, text]) => ({ value, text })),
        name,
      ),
      regionOptions: national
        ? options(
            regions.map((r) => ({ value: r.code, text: r.name })),
            values.regionCode,
            'England and Wales',
          )
        : undefined,
    }
    if (query['from-day'] === undefined)
      return reply.render('cas3/views/reports.njk', { ...page, errors: formErrors({}) })
    if (!parsed.ok)
      return reply.code(400).render('cas3/views/reports.njk', {
        ...page,
        errors: formErrors(parsed.errors, { dateFields: DATES }),
      })
    const report = await cas3.reports.run(request.ctx, name, parsed.data)
    const qs = new URLSearchParams(
      Object.entries(query).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])),
    ).toString()
    return reply.render('cas3/views/reports.njk', {
      ...page,
      errors: formErrors({}),
      report,
      // The page shows the first 1,000 rows; the downloads carry every one.
      table: govukTable({ ...report.table, rows: report.table.rows.slice(0, PAGE_ROWS) }),
      summary: govukTable(report.summary, { firstCellIsHeader: true }),
      pageRows: PAGE_ROWS,
      csvHref: `/cas3/reports/export.csv?${qs}`,
      xlsxHref: `/cas3/reports/export.xlsx?${qs}`,
    })
  })

  typed.get(
    '/cas3/reports/export.:format',
    { schema: { params: ExportParams, querystring: FormFields } },
    async (request, reply) => {
      const { format } = request.params
      // Any other format is a page that does not exist.
      if (format !== 'csv' && format !== 'xlsx') throw new NotFound('Report format')
      const { name, parsed } = parse(request.query)
      if (!parsed.ok)
        throw new ValidationFailed(parsed.errors, 'Choose the report dates on the reports page first')
      const report = await cas3.reports.run(request.ctx, name, parsed.data)
      // CSV carries the rows; the spreadsheet the rows and the summary, each on its own sheet.
      return sendTables(reply, format, `cas3-${name}-${report.from}-to-${report.to}`, [
        report.table,
        report.summary,
      ])
    },
  )
}

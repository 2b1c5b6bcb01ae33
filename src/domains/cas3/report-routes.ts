import type { FastifyInstance } from 'fastify'
import ExcelJS from 'exceljs'
import { toCsv } from '../../platform/csv.ts'
import { dateParts, formErrors, parseWith, withJoinedDates } from '../../platform/http/forms.ts'
import { NotFound, ValidationFailed } from '../../platform/errors.ts'
import type { Cas3Services } from './service.ts'
import { options } from './route-helpers.ts'
import { REPORTS, type Report, type ReportName } from './reports.ts'
import { ReportQuery } from './schemas.ts'

const DATES = ['from', 'to']

async function toXlsx(report: Report): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet(report.title.slice(0, 31))
  sheet.addRow([`${report.title}: ${report.scopeLabel}, ${report.from} to ${report.to}`])
  sheet.addRow(report.columns.map((c) => c.label)).font = { bold: true }
  for (const row of report.rows) sheet.addRow(report.columns.map((c) => row[c.key] ?? ''))
  const summary = book.addWorksheet('Summary')
  for (const s of report.summary) summary.addRow([s.label, s.value])
  return Buffer.from(await book.xlsx.writeBuffer())
}

export function reportRoutes(app: FastifyInstance, cas3: Cas3Services) {
  const parse = (query: Record<string, unknown>) => {
    const values = withJoinedDates(query, DATES)
    const name = (
      typeof query.report === 'string' && query.report in REPORTS ? query.report : 'occupancy'
    ) as ReportName
    return { values, name, parsed: parseWith(ReportQuery, values) }
  }

  app.get('/cas3/reports', async (request, reply) => {
    const query = request.query as Record<string, unknown>
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
      Object.entries(query).filter(([, v]) => typeof v === 'string') as [string, string][],
    ).toString()
    return reply.render('cas3/views/reports.njk', {
      ...page,
      errors: formErrors({}),
      report,
      csvHref: `/cas3/reports/export.csv?${qs}`,
      xlsxHref: `/cas3/reports/export.xlsx?${qs}`,
    })
  })

  app.get('/cas3/reports/export.:format', async (request, reply) => {
    const format = (request.params as { format: string }).format
    if (format !== 'csv' && format !== 'xlsx') throw new NotFound('Report format')
    const { name, parsed } = parse(request.query as Record<string, unknown>)
    if (!parsed.ok)
      throw new ValidationFailed(parsed.errors, 'Choose the report dates on the reports page first')
    const report = await cas3.reports.run(request.ctx, name, parsed.data)
    const file = `cas3-${name}-${report.from}-to-${report.to}`
    if (format === 'csv') {
      return reply
        .header('content-disposition', `attachment; filename="${file}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(
          toCsv(
            report.columns.map((c) => c.label),
            report.rows.map((r) => report.columns.map((c) => r[c.key] ?? '')),
          ),
        )
    }
    return reply
      .header('content-disposition', `attachment; filename="${file}.xlsx"`)
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(await toXlsx(report))
  })
}

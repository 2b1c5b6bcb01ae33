/**
 * The over-capacity page (table and heat map, baseline and scenario) and the form that keeps a
 * PDU's COM full-time equivalents. Every table downloads as CSV or XLSX.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { formErrors, parseWith } from '../../platform/http/forms.ts'
import { download, type DataTable } from '../outcomes/tables-export.ts'
import type { ForecastingService } from '../forecasting/service.ts'
import { monthLabel } from '../forecasting/view-models.ts'
import { heatMap } from './charts.ts'
import type { AreaLoad, CapacityService } from './service.ts'

const one = (v: unknown): unknown =>
  Array.isArray(v) ? (v as unknown[])[v.length - 1] : v === '' ? undefined : v
const CapacityQuery = z.object({
  horizon: z.preprocess(one, z.coerce.number().int().min(1).max(36).default(24)),
  scenario: z.preprocess(
    one,
    z.string().uuid('Choose a saved scenario').or(z.literal('baseline')).default('baseline'),
  ),
  download: z.preprocess(one, z.string().optional()),
  format: z.preprocess(one, z.enum(['csv', 'xlsx']).optional()),
})
const StaffingInput = z.object({
  pduCode: z.string().regex(/^[A-Z0-9]{2,12}$/, 'Choose a PDU'),
  comFte: z.coerce
    .number({ message: 'Enter the full-time equivalent as a number, for example 12.5' })
    .min(0, 'Full-time equivalent cannot be negative')
    .max(2000, 'Full-time equivalent must be 2,000 or fewer'),
})

const pct = (x: number | null) => (x === null ? '' : x.toFixed(0))

function overTable(id: string, caption: string, areaHead: string, rows: AreaLoad[]): DataTable {
  return {
    id,
    caption,
    head: [areaHead, 'First month over capacity', 'Peak (% of capacity)', 'Months over'],
    rows: [...rows]
      .sort((a, b) => (b.peak ?? -1) - (a.peak ?? -1))
      .map((r) => [
        { text: r.name },
        {
          text: r.firstOver ? monthLabel(r.firstOver) : r.peak === null ? 'No capacity recorded' : 'Not over',
        },
        { text: pct(r.peak), numeric: true },
        { text: String(r.months.filter((m) => (m.utilisation ?? 0) > 100).length), numeric: true },
      ]),
  }
}

function monthsTable(id: string, caption: string, rows: AreaLoad[]): DataTable {
  return {
    id,
    caption,
    head: ['Area', 'Month', 'Forecast demand', 'Capacity', '% of capacity'],
    rows: rows.flatMap((r) =>
      r.months.map((m) => [
        { text: r.name },
        { text: m.month },
        { text: m.demand.toFixed(1), numeric: true },
        { text: m.capacity.toFixed(0), numeric: true },
        { text: pct(m.utilisation), numeric: true },
      ]),
    ),
  }
}

export function capacityRoutes(
  app: FastifyInstance,
  capacity: CapacityService,
  forecasting: ForecastingService,
) {
  const page = async (
    request: FastifyRequest,
    raw: Record<string, unknown>,
    errors: FieldErrors,
    values: Record<string, unknown> = {},
  ) => {
    const parsed = parseWith(CapacityQuery, raw)
    const q = parsed.ok ? parsed.data : { horizon: 24, scenario: 'baseline' }
    const [over, staff, scenarios] = await Promise.all([
      capacity.overCapacity(request.ctx, q),
      capacity.staffing(request.ctx),
      forecasting.scenarios(request.ctx),
    ])
    const sets = [{ key: 'baseline', label: 'Baseline', data: over.baseline }]
    if (over.scenario) sets.push({ key: 'scenario', label: over.scenario.scenarioName, data: over.scenario })
    const tables: DataTable[] = []
    const views = []
    for (const s of sets) {
      const coms = overTable(
        `com-${s.key}`,
        `COM caseload against capacity by PDU: ${s.label}`,
        'PDU',
        s.data.coms,
      )
      const beds = overTable(
        `cas3-${s.key}`,
        `CAS3 bed-nights against the estate by region: ${s.label}`,
        'Region',
        s.data.cas3,
      )
      const detail = monthsTable(
        `com-months-${s.key}`,
        `COM caseload and capacity by PDU and month: ${s.label}`,
        s.data.coms,
      )
      tables.push(coms, beds, detail)
      views.push({
        label: s.label,
        coms,
        beds,
        detail,
        comMap: await heatMap(
          s.data.coms.filter((r) => r.peak !== null),
          `Heat map of COM caseload against capacity by PDU and month, ${s.label}`,
        ),
        bedMap: await heatMap(
          s.data.cas3.filter((r) => r.peak !== null),
          `Heat map of CAS3 bed-nights against the estate by region and month, ${s.label}`,
        ),
      })
    }
    // The effect of the forecast on each PDU's average caseload per COM, now and a year on
    // (or at the horizon), flagged above the alert level (NAO 2023: many held more than 70).
    const load = new Map(over.baseline.coms.map((r) => [r.area, r.months]))
    const perCom = (pdu: string, fte: number | null, i: number) => {
      const months = load.get(pdu) ?? []
      const m = months[Math.min(i, months.length - 1)]
      return fte && m ? m.demand / fte : null
    }
    const flag = (x: number | null) =>
      x === null ? '' : `${x.toFixed(0)}${x > staff.settings.alert ? ` (above ${staff.settings.alert})` : ''}`
    const staffing: DataTable = {
      id: 'staffing',
      caption: 'Community offender managers (full-time equivalent) and average cases per COM by PDU',
      head: [
        'PDU',
        'COM FTE',
        `Caseload capacity at ${staff.settings.normHigh} each`,
        'Cases per COM this month',
        `Cases per COM in ${Math.min(12, q.horizon)} months (forecast)`,
      ],
      rows: staff.staffing.map((s) => [
        { text: s.pduName },
        { text: s.comFte === null ? 'Not recorded' : s.comFte.toFixed(1), numeric: true },
        { text: s.comFte === null ? '' : (s.comFte * staff.settings.normHigh).toFixed(0), numeric: true },
        { text: flag(perCom(s.pduCode, s.comFte, 0)), numeric: true },
        { text: flag(perCom(s.pduCode, s.comFte, 11)), numeric: true },
      ]),
    }
    tables.push(staffing)
    return {
      tables,
      model: {
        pageTitle: 'Capacity against forecast demand',
        errors: formErrors(errors),
        values,
        q,
        settings: staff.settings,
        mayEdit: staff.mayEdit,
        views,
        staffing,
        pduOptions: [
          { value: '', text: 'Choose a PDU' },
          ...staff.staffing.map((s) => ({
            value: s.pduCode,
            text: s.pduName,
            selected: values.pduCode === s.pduCode,
          })),
        ],
        scenarioOptions: [
          { value: 'baseline', text: 'Baseline only', selected: q.scenario === 'baseline' },
          ...scenarios.map((s) => ({ value: s.id, text: s.name, selected: q.scenario === s.id })),
        ],
        downloadBase: `/capacity?horizon=${q.horizon}&scenario=${q.scenario}&`,
      },
    }
  }

  app.get('/capacity', async (request, reply) => {
    const raw = (request.query ?? {}) as Record<string, unknown>
    const parsed = parseWith(CapacityQuery, raw)
    if (!parsed.ok) throw new ValidationFailed(parsed.errors)
    const { tables, model } = await page(request, raw, {})
    const table = tables.find((t) => t.id === parsed.data.download)
    if (table && parsed.data.format) return download(reply, table, parsed.data.format, 'capacity')
    return reply.render('capacity/views/capacity.njk', model)
  })

  app.post('/capacity/staffing', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const parsed = parseWith(StaffingInput, body)
    if (!parsed.ok)
      return reply
        .code(400)
        .render('capacity/views/capacity.njk', (await page(request, {}, parsed.errors, body)).model)
    await capacity.setStaffing(request.ctx, parsed.data.pduCode, parsed.data.comFte)
    return reply.redirect('/capacity', 303)
  })
}

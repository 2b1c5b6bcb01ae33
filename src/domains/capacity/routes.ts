/**
 * The over-capacity page (table and heat map, baseline and scenario) and the form that keeps a
 * PDU's COM full-time equivalents (the one form pattern). Every table downloads as CSV or XLSX
 * from the same table model the page renders.
 */
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { formPage, NoParams } from '../../platform/http/form-page.ts'
import type { ForecastingService } from '../forecasting/service.ts'
import { offer, sendIfAsked, shown } from '../forecasting/tables.ts'
import { heatMap } from './charts.ts'
import type { CapacityService } from './service.ts'
import {
  CONTRACT_NOTES,
  contractsTable,
  monthsTable,
  overTable,
  premisesTable,
  staffingTable,
} from './view-models.ts'

const CapacityQuery = z.object({
  horizon: z.coerce
    .number()
    .int()
    .min(1, 'Enter months ahead from 1 to 36')
    .max(36, 'Enter months ahead from 1 to 36')
    .default(24),
  scenario: z.string().uuid('Choose a saved scenario').or(z.literal('baseline')).default('baseline'),
  download: z.string().max(40).optional(),
  format: z.enum(['csv', 'xlsx']).optional(),
})
const PremisesInput = z.object({
  regionCode: z.string().regex(/^[A-Z0-9]{2,12}$/, 'Choose a region'),
  places: z.coerce
    .number({ message: 'Enter the places as a whole number, for example 260' })
    .int('Enter the places as a whole number, for example 260')
    .min(0, 'Places cannot be negative')
    .max(5000, 'Places must be 5,000 or fewer'),
  source: z
    .string()
    .trim()
    .min(1, 'Say where the figure comes from')
    .max(300, 'Say where the figure comes from in 300 characters or fewer'),
})
const StaffingInput = z.object({
  pduCode: z.string().regex(/^[A-Z0-9]{2,12}$/, 'Choose a PDU'),
  comFte: z.coerce
    .number({ message: 'Enter the full-time equivalent as a number, for example 12.5' })
    .min(0, 'Full-time equivalent cannot be negative')
    .max(2000, 'Full-time equivalent must be 2,000 or fewer'),
})

export function capacityRoutes(
  app: FastifyInstance,
  capacity: CapacityService,
  forecasting: ForecastingService,
) {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  typed.get('/capacity', { schema: { querystring: CapacityQuery } }, async (request, reply) => {
    const q = request.query
    const [over, staff, scenarios, premises] = await Promise.all([
      capacity.overCapacity(request.ctx, q),
      capacity.staffing(request.ctx),
      forecasting.scenarios(request.ctx),
      capacity.approvedPremises(request.ctx),
    ])
    const sets = [{ key: 'baseline', label: 'Baseline', data: over.baseline }]
    if (over.scenario) sets.push({ key: 'scenario', label: over.scenario.scenarioName, data: over.scenario })
    const offered = []
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
      const ap = overTable(
        `ap-${s.key}`,
        `Approved Premises nights against places by region: ${s.label}`,
        'Region',
        s.data.ap,
      )
      const crs = {
        ...overTable(
          `crs-${s.key}`,
          `CRS referrals against contract places by contract: ${s.label}`,
          'Contract',
          s.data.crs,
        ),
        notes: CONTRACT_NOTES,
      }
      const crsDetail = {
        ...monthsTable(
          `crs-months-${s.key}`,
          `CRS referrals and contract places by contract and month: ${s.label}`,
          s.data.crs,
          1,
        ),
        notes: CONTRACT_NOTES,
      }
      offered.push(offer(coms), offer(beds), offer(detail), offer(ap), offer(crs), offer(crsDetail))
      views.push({
        label: s.label,
        coms: shown(coms),
        beds: shown(beds),
        detail: shown(detail),
        comMap: await heatMap(
          s.data.coms.filter((r) => r.peak !== null),
          `Heat map of COM caseload against capacity by PDU and month, ${s.label}`,
        ),
        ap: shown(ap),
        crs: shown(crs),
        crsDetail: shown(crsDetail),
        crsMap: await heatMap(
          s.data.crs.filter((r) => r.peak !== null),
          `Heat map of CRS referrals against contract places by contract and month, ${s.label}`,
        ),
        apMap: await heatMap(
          s.data.ap.filter((r) => r.peak !== null),
          `Heat map of Approved Premises nights against places by region and month, ${s.label}`,
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
    const staffing = staffingTable(staff.staffing, staff.settings, perCom, Math.min(12, q.horizon))
    const places = premisesTable(premises.premises)
    const contracts = contractsTable(over.baseline.contracts)
    offered.push(offer(staffing), offer(places), offer(contracts))
    if (await sendIfAsked(reply, offered, q, 'capacity')) return reply
    return reply.render('capacity/views/capacity.njk', {
      pageTitle: 'Capacity against forecast demand',
      q,
      settings: staff.settings,
      mayEdit: staff.mayEdit,
      views,
      staffing: shown(staffing),
      places: shown(places),
      contracts: shown(contracts),
      mayEditPlaces: premises.mayEdit,
      scenarioOptions: [
        { value: 'baseline', text: 'Baseline only', selected: q.scenario === 'baseline' },
        ...scenarios.map((s) => ({ value: s.id, text: s.name, selected: q.scenario === s.id })),
      ],
      downloadBase: `/capacity?horizon=${q.horizon}&scenario=${q.scenario}&`,
    })
  })

  formPage(app, {
    path: '/capacity/approved-premises',
    params: NoParams,
    capability: 'capacity:staffing',
    view: 'capacity/views/approved-premises.njk',
    pageTitle: 'Approved Premises places by region',
    schema: PremisesInput,
    load: async (request) => {
      const { premises } = await capacity.approvedPremises(request.ctx)
      return {
        regionOptions: [
          { value: '', text: 'Choose a region' },
          ...premises.map((p) => ({ value: p.regionCode, text: p.regionName })),
        ],
      }
    },
    save: (request, _params, input) => capacity.setApprovedPremises(request.ctx, input),
    redirect: () => '/capacity',
    confirmation: 'Approved Premises places saved',
  })

  formPage(app, {
    path: '/capacity/staffing',
    params: NoParams,
    capability: 'capacity:staffing',
    view: 'capacity/views/staffing.njk',
    pageTitle: 'Community offender managers by PDU',
    schema: StaffingInput,
    load: async (request) => {
      const staff = await capacity.staffing(request.ctx)
      return {
        pduOptions: [
          { value: '', text: 'Choose a PDU' },
          ...staff.staffing.map((s) => ({ value: s.pduCode, text: s.pduName })),
        ],
      }
    },
    save: (request, _params, input) => capacity.setStaffing(request.ctx, input.pduCode, input.comFte),
    redirect: () => '/capacity',
    confirmation: 'Staffing saved',
  })
}

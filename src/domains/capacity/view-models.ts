/**
 * The capacity page as tables (the one table model): each area's first month over capacity
 * and its peak, every area and month, and the staffing with the average cases per COM now and
 * as forecast.
 */
import type { Table } from '../../platform/table/index.ts'
import { monthLabel } from '../forecasting/view-models.ts'
import type { AreaLoad, MonthLoad } from './rules.ts'
import type { ApprovedPremises, Staffing } from './repository.ts'
import type { ContractPlaces } from './contract-repository.ts'
import { PATHWAY_LABELS, type Pathway } from '../coverage/rules.ts'

const share = (x: number | null) => (x === null ? null : x / 100)

export function overTable(id: string, caption: string, areaHead: string, rows: AreaLoad[]): Table<AreaLoad> {
  return {
    id,
    caption,
    columns: [
      { key: 'area', label: areaHead, value: (r) => r.name },
      {
        key: 'first',
        label: 'First month over capacity',
        value: (r) =>
          r.firstOver ? monthLabel(r.firstOver) : r.peak === null ? 'No capacity recorded' : 'Not over',
      },
      {
        key: 'peak',
        label: 'Peak (% of capacity)',
        value: (r) => share(r.peak),
        format: 'percent',
        decimals: 0,
      },
      {
        key: 'months',
        label: 'Months over',
        value: (r) => r.months.filter((m) => (m.utilisation ?? 0) > 100).length,
        format: 'count',
      },
    ],
    rows: [...rows].sort((a, b) => (b.peak ?? -1) - (a.peak ?? -1)),
  }
}

type AreaMonth = MonthLoad & { name: string }

export function monthsTable(
  id: string,
  caption: string,
  rows: AreaLoad[],
  capacityDecimals = 0,
): Table<AreaMonth> {
  return {
    id,
    caption,
    columns: [
      { key: 'area', label: 'Area', value: (r) => r.name },
      { key: 'month', label: 'Month', value: (r) => r.month },
      { key: 'demand', label: 'Forecast demand', value: (r) => r.demand, format: 'number' },
      {
        key: 'capacity',
        label: 'Capacity',
        value: (r) => r.capacity,
        format: 'number',
        decimals: capacityDecimals,
      },
      {
        key: 'pct',
        label: '% of capacity',
        value: (r) => share(r.utilisation),
        format: 'percent',
        decimals: 0,
      },
    ],
    rows: rows.flatMap((r) => r.months.map((m) => ({ ...m, name: r.name }))),
  }
}

export function staffingTable(
  staffing: Staffing[],
  settings: { normHigh: number; alert: number },
  perCom: (pdu: string, fte: number | null, monthIndex: number) => number | null,
  ahead: number,
): Table<Staffing> {
  const flag = (x: number | null) =>
    x === null ? '' : `${x.toFixed(0)}${x > settings.alert ? ` (above ${settings.alert})` : ''}`
  return {
    id: 'staffing',
    caption: 'Community offender managers (full-time equivalent) and average cases per COM by PDU',
    columns: [
      { key: 'pdu', label: 'PDU', value: (s) => s.pduName },
      { key: 'fte', label: 'COM FTE', value: (s) => s.comFte ?? 'Not recorded', format: 'number' },
      {
        key: 'capacity',
        label: `Caseload capacity at ${settings.normHigh} each`,
        value: (s) => (s.comFte === null ? null : s.comFte * settings.normHigh),
        format: 'number',
        decimals: 0,
      },
      { key: 'now', label: 'Cases per COM this month', value: (s) => flag(perCom(s.pduCode, s.comFte, 0)) },
      {
        key: 'ahead',
        label: `Cases per COM in ${ahead} months (forecast)`,
        value: (s) => flag(perCom(s.pduCode, s.comFte, ahead - 1)),
      },
    ],
    rows: staffing,
  }
}

export function premisesTable(rows: ApprovedPremises[]): Table<ApprovedPremises> {
  return {
    id: 'approved-premises',
    caption: 'Approved Premises places by region, and where each figure comes from',
    columns: [
      { key: 'region', label: 'Region', value: (p) => p.regionName },
      { key: 'places', label: 'Places', value: (p) => p.places ?? 'Not recorded', format: 'count' },
      { key: 'source', label: 'Source', value: (p) => p.source ?? '' },
    ],
    rows,
  }
}

const pathwayLabel = (p: string) => PATHWAY_LABELS[p as Pathway] ?? p

/** Notes under every contract-places table and download: how the figures are made. */
export const CONTRACT_NOTES = [
  'Capacity is the contract’s places a contract year: a twelfth a month, pro-rated by the days it runs in a month it starts or ends in.',
  'Demand is the forecast CRS referrals in the regions and on the pathways the contract covers; where contracts cover the same region and pathway, shared by the referrals each took in the 12 months before the forecast (equally where none took any).',
  'A regional reader’s forecast is made from their region’s records: a contract that also covers other regions shows only their region’s referrals against all its places.',
]

export function contractsTable(rows: ContractPlaces[]): Table<ContractPlaces> {
  return {
    id: 'contract-places',
    caption: 'CRS contracts running in the forecast and their places a contract year',
    columns: [
      {
        key: 'contract',
        label: 'Contract',
        value: (c) => c.reference,
        href: (c) => `/contracts/${c.id}/performance`,
      },
      { key: 'provider', label: 'Provider', value: (c) => c.providerName },
      { key: 'regions', label: 'Regions', value: (c) => c.regionNames.join(', ') },
      { key: 'pathways', label: 'Pathways', value: (c) => c.pathways.map(pathwayLabel).join(', ') },
      { key: 'start', label: 'Starts', value: (c) => c.start, format: 'date' },
      { key: 'end', label: 'Ends', value: (c) => c.end, format: 'date' },
      {
        key: 'places',
        label: 'Places a contract year',
        value: (c) => c.placesPerYear ?? 'Not recorded',
        format: 'count',
      },
    ],
    rows,
    notes: CONTRACT_NOTES,
  }
}

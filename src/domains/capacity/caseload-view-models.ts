/**
 * The caseloads page as tables: each COM's caseload and weighted workload against the norm,
 * where it goes in 3, 6 and 12 months with a 95% range, the distribution, and each PDU's
 * forecast caseload against what its named COMs already hold. The page renders these objects
 * and the downloads write the same ones.
 */
import type { Interval } from '../../platform/statistics/index.ts'
import type { Table } from '../../platform/table/index.ts'
import type { CaseloadService } from './caseload-service.ts'
import { AHEAD } from './caseload-service.ts'

type Result = Awaited<ReturnType<CaseloadService['caseloads']>>

const n1 = (x: number) => x.toFixed(1)
const range = (v: number, lo: number, hi: number) => `${n1(v)} (${n1(lo)} to ${n1(hi)})`
const pct = (x: number) => `${(100 * x).toFixed(0)}%`

type Com = Result['coms'][number]
type Pdu = Result['pdus'][number]

export function comTable(r: Result): Table<Com> {
  return {
    id: 'coms',
    caption: r.own
      ? 'Your caseload today and in the months ahead'
      : 'Caseload by community offender manager today and in the months ahead',
    columns: [
      { key: 'com', label: 'COM', value: (c) => c.com },
      { key: 'pdu', label: 'PDU', value: (c) => r.pduNames.get(c.pdu) ?? c.pdu },
      { key: 'licence', label: 'On licence', value: (c) => c.licence, format: 'count' },
      { key: 'pre', label: 'Allocated before release', value: (c) => c.preRelease, format: 'count' },
      { key: 'weighted', label: 'Weighted workload', value: (c) => c.weighted, format: 'number' },
      {
        key: 'norm',
        label: `Against the norm (${r.settings.normLow} to ${r.settings.normHigh})`,
        value: (c) =>
          c.overAlert ? `Above ${r.settings.alert}` : c.aboveNorm ? `Above ${r.settings.normHigh}` : 'Within',
      },
      ...AHEAD.map((k, i) => ({
        key: `ahead${k}`,
        label: `Weighted in ${k} months (95% range)`,
        value: (c: Com) => range(c.ahead.value[i] ?? 0, c.ahead.low[i] ?? 0, c.ahead.high[i] ?? 0),
      })),
    ],
    rows: r.coms,
  }
}

export function distributionTable(r: Result): Table<Result['distribution'][number]> {
  return {
    id: 'distribution',
    caption: 'Community offender managers by weighted workload',
    columns: [
      { key: 'band', label: 'Weighted workload', value: (d) => d.band },
      { key: 'coms', label: 'COMs', value: (d) => d.coms, format: 'count' },
    ],
    rows: r.distribution,
  }
}

export function pduTable(r: Result): Table<Pdu> {
  const k = AHEAD[AHEAD.length - 1] ?? 12
  const last = (p: Pdu) => p.ahead[p.ahead.length - 1]
  const perFte = (p: Pdu, x: number) => (p.fte ? n1(x / p.fte) : '')
  return {
    id: 'pdus',
    caption: `Each PDU's forecast caseload of prison leavers against what its named COMs already hold, in ${k} months`,
    columns: [
      { key: 'pdu', label: 'PDU', value: (p) => p.pduName },
      { key: 'fte', label: 'COM FTE', value: (p) => p.fte ?? 'Not recorded', format: 'number' },
      { key: 'held', label: 'Cases held by named COMs today', value: (p) => p.casesToday, format: 'count' },
      { key: 'perFte', label: 'Cases per FTE today', value: (p) => perFte(p, p.casesToday) },
      {
        key: 'forecast',
        label: `Forecast caseload in ${k} months (95% range)`,
        value: (p) => {
          const f = last(p)?.forecast
          return f ? range(f.value, f.low, f.high) : 'Not forecast'
        },
      },
      {
        key: 'stillHeld',
        label: `Of which still held by today's COMs`,
        value: (p) => last(p)?.stillHeld,
        format: 'number',
      },
      {
        key: 'toAllocate',
        label: 'Still to allocate',
        value: (p) => {
          const a = last(p)
          return a?.forecast ? Math.max(0, a.forecast.value - a.stillHeld) : null
        },
        format: 'number',
      },
      {
        key: 'perFteAhead',
        label: `Cases per FTE in ${k} months (95% range)`,
        value: (p) => {
          const f = last(p)?.forecast
          return f && p.fte ? `${perFte(p, f.value)} (${perFte(p, f.low)} to ${perFte(p, f.high)})` : ''
        },
      },
    ],
    rows: r.pdus,
  }
}

/** "3 of 12 COMs (25%, 95% interval 9% to 53%)": a rate always with its denominator and interval. */
export function overAlertSentence(
  o: { count: number; of: number; interval: Interval | null },
  alert: number,
): string {
  if (o.of === 0) return 'No cases are allocated to a named COM here.'
  const i = o.interval
  return `${o.count} of ${o.of} COMs hold a weighted workload above ${alert} (${pct(o.count / o.of)}${
    i ? `, 95% confidence interval ${pct(i.low)} to ${pct(i.high)}` : ''
  }).`
}

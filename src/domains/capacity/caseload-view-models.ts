/**
 * The caseloads page as tables: each COM's caseload and weighted workload against the norm,
 * where it goes in 3, 6 and 12 months with a 95% range, the distribution, and each PDU's
 * forecast caseload against what its named COMs already hold. The page renders these objects
 * and the downloads write the same ones.
 */
import type { Interval } from '../../platform/statistics/index.ts'
import type { DataTable } from '../outcomes/tables-export.ts'
import type { CaseloadService } from './caseload-service.ts'
import { AHEAD } from './caseload-service.ts'

type Result = Awaited<ReturnType<CaseloadService['caseloads']>>

const n1 = (x: number) => x.toFixed(1)
const range = (v: number, lo: number, hi: number) => `${n1(v)} (${n1(lo)} to ${n1(hi)})`
const pct = (x: number) => `${(100 * x).toFixed(0)}%`

export function comTable(r: Result): DataTable {
  return {
    id: 'coms',
    caption: r.own
      ? 'Your caseload today and in the months ahead'
      : 'Caseload by community offender manager today and in the months ahead',
    head: [
      'COM',
      'PDU',
      'On licence',
      'Allocated before release',
      'Weighted workload',
      `Against the norm (${r.settings.normLow} to ${r.settings.normHigh})`,
      ...AHEAD.map((k) => `Weighted in ${k} months (95% range)`),
    ],
    rows: r.coms.map((c) => [
      { text: c.com },
      { text: r.pduNames.get(c.pdu) ?? c.pdu },
      { text: String(c.licence), numeric: true },
      { text: String(c.preRelease), numeric: true },
      { text: n1(c.weighted), numeric: true },
      {
        text: c.overAlert
          ? `Above ${r.settings.alert}`
          : c.aboveNorm
            ? `Above ${r.settings.normHigh}`
            : 'Within',
      },
      ...AHEAD.map((_, i) => ({
        text: range(c.ahead.value[i] ?? 0, c.ahead.low[i] ?? 0, c.ahead.high[i] ?? 0),
        numeric: true,
      })),
    ]),
  }
}

export function distributionTable(r: Result): DataTable {
  return {
    id: 'distribution',
    caption: 'Community offender managers by weighted workload',
    head: ['Weighted workload', 'COMs'],
    rows: r.distribution.map((d) => [{ text: d.band }, { text: String(d.coms), numeric: true }]),
  }
}

export function pduTable(r: Result): DataTable {
  const k = AHEAD[AHEAD.length - 1] ?? 12
  return {
    id: 'pdus',
    caption: `Each PDU's forecast caseload of prison leavers against what its named COMs already hold, in ${k} months`,
    head: [
      'PDU',
      'COM FTE',
      'Cases held by named COMs today',
      'Cases per FTE today',
      `Forecast caseload in ${k} months (95% range)`,
      `Of which still held by today's COMs`,
      'Still to allocate',
      `Cases per FTE in ${k} months (95% range)`,
    ],
    rows: r.pdus.map((p) => {
      const a = p.ahead[p.ahead.length - 1]
      const f = a?.forecast ?? null
      const perFte = (x: number) => (p.fte ? n1(x / p.fte) : '')
      return [
        { text: p.pduName },
        { text: p.fte === null ? 'Not recorded' : n1(p.fte), numeric: true },
        { text: String(p.casesToday), numeric: true },
        { text: perFte(p.casesToday), numeric: true },
        { text: f ? range(f.value, f.low, f.high) : 'Not forecast', numeric: true },
        { text: a ? n1(a.stillHeld) : '', numeric: true },
        { text: f && a ? n1(Math.max(0, f.value - a.stillHeld)) : '', numeric: true },
        {
          text: f && p.fte ? `${perFte(f.value)} (${perFte(f.low)} to ${perFte(f.high)})` : '',
          numeric: true,
        },
      ]
    }),
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

/** The proven reoffending measure's own figures on the regional dashboard (issue 13). */
import type { Cell } from './query.ts'
import { periodLabel } from './measures.ts'
import { countText, figureOf, rateText, SUPPRESSED } from './figures.ts'
import { lineTable, type LineTable } from './lines.ts'

/** The annual proven reoffending rate: the mean of four quarterly cohorts' rates. */
export function annualMean(cells: Cell[], threshold: number): number | null {
  const rates = [...cells]
    .sort((a, b) => b.period.localeCompare(a.period))
    .slice(0, 4)
    .map((c) => figureOf(c, threshold).rate)
  if (rates.length < 4 || rates.some((r) => r === null)) return null
  return Math.round(((rates as number[]).reduce((a, b) => a + b, 0) / 4) * 10) / 10
}

/** The offender-based view of proven reoffending: each person once per quarter (offender-view.ts). */
export function offenderTable(
  cells: { period: string; people: number; reoffenders: number; offences: number }[],
  threshold: number,
): LineTable {
  return lineTable(
    'offender-based',
    'Proven reoffending, offender-based: each person once per quarter, each offence once',
    [
      ['quarter', 'Quarter'],
      ['rate', 'Rate', 'figure'],
      ['people', 'People', 'figure'],
      ['reoffenders', 'Reoffenders', 'figure'],
      ['offences', 'Reoffences', 'figure'],
      ['perReoffender', 'Reoffences per reoffender', 'figure'],
    ],
    cells.map((c) => {
      const f = figureOf(
        {
          measure: '',
          group: '',
          period: c.period,
          cohort: c.people,
          excluded: 0,
          unknown: 0,
          denominator: c.people,
          numerator: c.reoffenders,
          offences: c.offences,
        },
        threshold,
      )
      return {
        quarter: periodLabel(c.period, 'quarter'),
        rate: rateText(f),
        people: countText(c.people, threshold),
        reoffenders: countText(c.reoffenders, threshold),
        offences: f.suppressed ? SUPPRESSED : countText(c.offences, threshold),
        perReoffender: f.suppressed || !c.reoffenders ? SUPPRESSED : (c.offences / c.reoffenders).toFixed(2),
      }
    }),
  )
}

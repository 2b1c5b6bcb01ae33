import { applyOffset } from './checkpoints.ts'
import { MEASURES, latestCompletePeriod, type PeriodUnit } from './measures.ts'

/** The period `n` quarters or months from `start` (negative: earlier). */
export const shiftPeriod = (start: string, unit: PeriodUnit, n: number) =>
  applyOffset(start, { months: (unit === 'quarter' ? 3 : 1) * n })

/**
 * Each measure's latest complete quarter on `today` (its follow-up over: domain.md section 10),
 * and the quarter before the earliest of them, from which the dashboards read so that every
 * measure's change from its previous quarter can be shown.
 */
export function reportingPeriods(today: string) {
  const latest = Object.fromEntries(
    MEASURES.map((m) => [m.key, latestCompletePeriod(m, today, 'quarter')]),
  ) as Record<string, string>
  const earliest = Object.values(latest).sort()[0] ?? today
  return { latest, from: shiftPeriod(earliest, 'quarter', -1) }
}

// Outcome checkpoints after release: the dates on which Resettle records how someone is doing.
//
// The checkpoints follow the measures HMPPS and the MoJ publish:
// - first night: accommodation on the night of release (Community Performance Quarterly, settled
//   accommodation on the night of release). The night of the release date, so the offset is 0 days;
// - 3 weeks: starting drug and alcohol treatment within 3 weeks of release (OHID/HMPPS continuity of care);
// - 6 weeks: employment 6 weeks after release (HMPPS employment on release measure);
// - 3 months: settled accommodation 3 months after release (Community Performance Quarterly);
// - 6 months: employment and accommodation six months on;
// - 12 months: end of the one-year follow-up in which offences count towards proven reoffending
//   (MoJ Proven Reoffending Statistics);
// - reoffending final: a further 6-month waiting period lets offences in the 12 months reach court
//   or caution before the figure is final, so 18 months after release.
//
// Month offsets are calendar months, clamped to the month end when the day does not exist
// (31 January + 1 month = 28 February, or 29 in a leap year; 29 February 2028 + 12 months =
// 28 February 2029). The final reoffending date is one offset of 18 months from release, not 12
// then 6: chaining two clamped steps can lose a day (29 February 2024 + 12 months = 28 February
// 2025, + 6 months = 28 August 2025, whereas + 18 months = 29 August 2025).

import { addDays, addMonths, assertIsoDate } from '../../platform/calendar/index.ts'

export type CheckpointOffset = { days: number } | { months: number }

export interface CheckpointDefinition {
  key: string
  label: string
  offset: CheckpointOffset
}

export const DEFAULT_CHECKPOINTS = Object.freeze([
  { key: 'first_night', label: 'First night', offset: { days: 0 } },
  { key: 'three_weeks', label: '3 weeks: treatment', offset: { days: 21 } },
  { key: 'six_weeks', label: '6 weeks: employment', offset: { days: 42 } },
  { key: 'three_months', label: '3 months: settled accommodation', offset: { months: 3 } },
  { key: 'six_months', label: '6 months', offset: { months: 6 } },
  { key: 'twelve_months', label: '12 months: end of reoffending window', offset: { months: 12 } },
  { key: 'reoffending_final', label: '18 months: reoffending measure final', offset: { months: 18 } },
] as const satisfies readonly CheckpointDefinition[])

export type CheckpointKey = (typeof DEFAULT_CHECKPOINTS)[number]['key']

export interface Checkpoint {
  key: string
  label: string
  date: string
}

export function applyOffset(releaseDate: string, offset: CheckpointOffset): string {
  assertIsoDate(releaseDate)
  return 'months' in offset ? addMonths(releaseDate, offset.months) : addDays(releaseDate, offset.days)
}

export function checkpointDate(
  releaseDate: string,
  key: string,
  definitions: readonly CheckpointDefinition[] = DEFAULT_CHECKPOINTS,
): string {
  const definition = definitions.find((d) => d.key === key)
  if (!definition) throw new RangeError(`Unknown checkpoint: ${key}`)
  return applyOffset(releaseDate, definition.offset)
}

/** Every checkpoint for a release date, in the order defined. */
export function checkpointsFor(
  releaseDate: string,
  definitions: readonly CheckpointDefinition[] = DEFAULT_CHECKPOINTS,
): Checkpoint[] {
  return definitions.map(({ key, label, offset }) => ({ key, label, date: applyOffset(releaseDate, offset) }))
}

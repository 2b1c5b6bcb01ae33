import { sql } from 'kysely'
import type { Scope } from '../../platform/auth/actor.ts'
import type { CheckpointMeasure, Measure, ReoffendingMeasure } from '../outcomes/measures.ts'
import type { Split } from './splits.ts'

export type ReleaseMeasure = CheckpointMeasure | ReoffendingMeasure

export interface CountFilter<M extends Measure = Measure> {
  measure: M
  splits: readonly Split[]
  /** First day of the first quarter and last day of the last. */
  from: string
  to: string
  today: string
  scope: Scope
  /** Narrower than the scope, by choice: one region or PDU. */
  region?: string
  pdu?: string
  /** Count from the facts alone, never the rollup: the comparison the tests and the bench make. */
  factsOnly?: boolean
}

export interface CountRow {
  a: string
  b: string
  quarter: string
  numerator: number
  denominator: number
  unknown: number
}

/** One release (or termination) behind a figure, as the drill-down lists it. */
export interface BehindRow {
  person_id: string
  given_name: string
  family_name: string
  release_date: string
  region_code: string
  pdu_code: string
  prison_code: string
  counted: 'numerator' | 'denominator' | 'unknown' | 'excluded'
  total: string
}

/** `and <split> = <group>` for each split of a figure, to keep only the rows behind it. */
export const inGroups = (splits: readonly Split[], groups: readonly string[]) =>
  sql.join(
    splits.map((s, i) => sql`and ${s.expr} = ${groups[i] ?? ''}`),
    sql` `,
  )

/**
 * The region a one-split roll-up can be read for: all of them (null), one, or none (undefined: two
 * splits, a PDU, or a scope narrower than a region). The roll-ups are kept by region only.
 */
export function rollupRegion(f: CountFilter): { region: string | null } | undefined {
  if (f.pdu || f.splits.length > 1) return undefined
  const scoped = f.scope.level === 'region' ? f.scope.regionCode : null
  if (f.scope.level !== 'national' && f.scope.level !== 'region') return undefined
  if (scoped && f.region && f.region !== scoped) return undefined
  return { region: f.region ?? scoped }
}

/** The first day of the quarter a date (yyyy-mm-dd) is in. */
export const quarterOf = (date: string) =>
  `${date.slice(0, 5)}${String(Math.floor((Number(date.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`

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

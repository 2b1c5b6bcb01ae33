import type { Generated, Kysely, Selectable } from 'kysely'
import type { DB } from '../../platform/db/schema.ts'

/** The table of migration 0015, typed beside the domain that uses it. */
export interface EvaluationTable {
  id: Generated<string>
  name: string
  created_by: string | null
  api_token_id: string | null
  organisation_id: string
  scope_region_code: string | null
  /** JSON text in, parsed object out (jsonb). */
  definition: unknown
  release_from: string
  release_to: string
  as_of: string
  settings: unknown
  code_version: string
  status: Generated<'queued' | 'running' | 'done' | 'failed'>
  progress_step: string | null
  progress_percent: Generated<number>
  attempts: Generated<number>
  result: unknown
  error: string | null
  created_at: Generated<Date>
  started_at: Date | null
  finished_at: Date | null
}

export type EvaluationTables = { evaluation: EvaluationTable }

export function evaluationTables(db: Kysely<DB>): Kysely<DB & EvaluationTables> {
  return db.withTables<EvaluationTables>()
}

/** A row as read: the generated columns have their values. */
export type EvaluationRow = Selectable<EvaluationTable>

export interface NewEvaluation {
  name: string
  created_by: string | null
  api_token_id: string | null
  organisation_id: string
  scope_region_code: string | null
  definition: string
  release_from: string
  release_to: string
  as_of: string
  settings: string
  code_version: string
}

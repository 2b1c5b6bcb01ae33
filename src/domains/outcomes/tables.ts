import type { Generated, Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.ts'

/** The tables of migration 0006, typed here so the shared schema file stays the foundation's. */
export type OutcomeTables = {
  release_context: {
    custody_episode_id: string
    rotl: Generated<boolean>
    out_of_scope: Generated<boolean>
    treatment_need: Generated<boolean>
    updated_at: Generated<Date>
  }
  offence: {
    id: Generated<string>
    person_id: string
    offence_date: string
    description: string
    disposal: string | null
    proven_date: string | null
    recorded_by: string | null
    recorded_at: Generated<Date>
  }
  supervision_order: {
    id: Generated<string>
    person_id: string
    custody_episode_id: string | null
    kind: string
    region_code: string
    pdu_code: string
    start_date: string
    terminated_on: string | null
    termination_reason: string | null
    requirements_complete: boolean | null
    version: Generated<number>
  }
  programme: {
    id: Generated<string>
    person_id: string
    name: string
    sexual_offending: boolean
    region_code: string
    pdu_code: string
    started_on: string
    terminated_on: string | null
    completed: boolean | null
    version: Generated<number>
  }
  outcome_target: {
    id: Generated<string>
    region_code: string
    measure_key: string
    baseline_value: string
    baseline_date: string
    kind: string
    amount: string | null
    deadline: string
    created_by: string | null
    created_at: Generated<Date>
  }
  outcome_fact: {
    person_id: string
    release_date: string
    checkpoint: string
    custody_episode_id: string
    region_code: string
    pdu_code: string
    prison_code: string
    checkpoint_date: string
    excluded: string | null
    treatment_need: boolean
    event_id: string | null
    value: string | null
    n: number
  }
}

export type OutcomeDB = DB & OutcomeTables

export function outcomeTables(db: Kysely<DB>): Kysely<OutcomeDB> {
  return db.withTables<OutcomeTables>()
}

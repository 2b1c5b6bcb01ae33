import type { ColumnType, Generated } from 'kysely'
import type { Database } from '../../platform/db/index.ts'

// Kysely types for migration 0003, kept in the domain so the shared schema file stays untouched;
// `db.withTables<ReleasePlanningTables>()` adds them to the shared ones.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json = ColumnType<unknown, string | undefined, string>

export type ReleasePlanningTables = {
  support_need: {
    id: number
    pathway: string
    section: string
    title: string
    exclude_from_count: boolean
    allow_other_detail: boolean
  }
  pathway_assessment: {
    id: Generated<string>
    custody_episode_id: string
    person_id: string
    pathway: string
    status: string
    question_set_version: number
    answers: Json
    updated_at: Timestamp
    updated_by: string | null
    version: Generated<number>
  }
  person_need: {
    id: Generated<string>
    custody_episode_id: string
    person_id: string
    support_need_id: number
    status: string
    responsible_party: string
    other_detail: string | null
    source: Generated<string>
    created_at: Timestamp
    version: Generated<number>
  }
  need_update: {
    id: Generated<string>
    person_need_id: string
    status: string
    responsible_party: string
    note: string | null
    updated_at: Timestamp
    updated_by: string | null
  }
  screening: {
    id: Generated<string>
    custody_episode_id: string
    person_id: string
    kind: string
    result: string
    score: number | null
    answers: Json
    screened_on: string
    recorded_at: Timestamp
    recorded_by: string | null
  }
  plan_action: {
    id: Generated<string>
    custody_episode_id: string
    person_id: string
    person_need_id: string | null
    standard_action: string | null
    description: string
    owner_party: string
    owner_organisation_id: string | null
    owner_name: string | null
    due_date: string
    weeks_before_release: number | null
    status: Generated<string>
    created_at: Timestamp
    updated_at: Timestamp
    updated_by: string | null
    version: Generated<number>
  }
  handover: {
    custody_episode_id: string
    person_id: string
    com_name: string | null
    com_allocated_on: string | null
    meeting_status: Generated<string>
    meeting_date: string | null
    not_held_reason: string | null
    attendees: string | null
    com_contact_on: string | null
    com_contact_method: string | null
    pack_risks: Generated<boolean>
    release_address: string | null
    updated_at: Timestamp
    version: Generated<number>
  }
  release_day_decision: {
    custody_episode_id: string
    person_id: string
    due_date: string
    release_route: string
    applied: string
    exclusion: string | null
    release_date: string
    further_day_date: string | null
    further_day_requested_on: string | null
    further_day_requested_by: string | null
    further_day_decision: string | null
    further_day_decided_by: string | null
    further_day_decided_on: string | null
    updated_at: Timestamp
    version: Generated<number>
  }
  departure_checklist: {
    custody_episode_id: string
    person_id: string
    id_document: Generated<boolean>
    bank_card: Generated<boolean>
    discharge_grant: Generated<boolean>
    medication: Generated<boolean>
    travel: Generated<boolean>
    first_appointment: string | null
    sleeping_tonight: string | null
    updated_at: Timestamp
    version: Generated<number>
  }
  duty_to_refer: {
    custody_episode_id: string
    person_id: string
    local_authority_code: string
    received_on: string
    outcome: string | null
    outcome_on: string | null
    recorded_by: string | null
    updated_at: Timestamp
    version: Generated<number>
  }
  release_date_change: {
    id: Generated<string>
    custody_episode_id: string
    person_id: string
    old_date: string
    new_date: string
    reason: string
    moved: Json
    changed_at: Timestamp
    changed_by: string | null
  }
}

export function planningDb(db: Database) {
  return db.withTables<ReleasePlanningTables>()
}
export type PlanningDb = ReturnType<typeof planningDb>

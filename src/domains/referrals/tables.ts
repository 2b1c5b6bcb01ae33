import type { ColumnType, Generated } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { IsoDate } from '../../platform/db/schema.ts'
import type { ReferralState } from './state-machine.ts'

// The referrals domain's tables (migration 0004). They are added to the shared DB type with
// Kysely's withTables so this domain's schema lives beside the code that uses it.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export interface CrsServiceCategoryTable {
  id: string
  name: string
}
export interface CrsContractTypeTable {
  id: string
  name: string
  code: string
}
export interface CrsContractTypeServiceCategoryTable {
  contract_type_id: string
  service_category_id: string
}
export interface CrsComplexityLevelTable {
  id: string
  title: string
  description: string
  service_category_id: string
  complexity: 'LOW' | 'MEDIUM' | 'HIGH'
}
export interface CrsDesiredOutcomeTable {
  id: string
  description: string
  service_category_id: string
  deprecated_at: Date | string | null
}
export interface CrsWithdrawalReasonTable {
  code: string
  description: string
  grouping: string
}
export interface CrsCancellationReasonTable {
  code: string
  description: string
}

export interface ContractTable {
  id: Generated<string>
  reference: string
  provider_organisation_id: string
  contract_type_id: string
  start_date: IsoDate
  end_date: IsoDate
  value_pence: number
  created_at: Generated<Date>
  version: Generated<number>
  /** Contracted referrals (places) a contract year; null when not recorded (0029). */
  places_per_year: number | null
  volume_updated_by: string | null
  volume_updated_at: Date | null
}
export interface ContractRegionTable {
  contract_id: string
  region_code: string
}
export interface ContractServiceCategoryTable {
  contract_id: string
  service_category_id: string
}

export interface ReferralTable {
  id: Generated<string>
  reference: string
  person_id: string
  custody_episode_id: string
  state: ReferralState
  contract_id: string | null
  provider_organisation_id: string | null
  service_category_id: string | null
  complexity_level_id: string | null
  reason: string | null
  needs: string | null
  risk_information: string | null
  contact_details: string | null
  release_date: IsoDate | null
  prison_code: string | null
  completion_deadline: IsoDate | null
  referrer_user_id: string | null
  referrer_organisation_id: string
  created_by: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
  draft_expires_on: IsoDate
  sent_at: Timestamp | null
  caseworker_user_id: string | null
  assigned_at: Timestamp | null
  first_contact_at: Timestamp | null
  assessment_date: IsoDate | null
  assessment_at: Timestamp | null
  action_plan: string | null
  action_plan_sessions: number | null
  action_plan_submitted_at: Timestamp | null
  action_plan_approved_at: Timestamp | null
  report_submitted_at: Timestamp | null
  report_summary: string | null
  concluded_at: Timestamp | null
  end_reason_kind: 'withdrawal' | 'cancellation' | null
  end_reason_code: string | null
  end_reason_comments: string | null
  version: Generated<number>
  plan_action_id: string | null
}

export interface ReferralDesiredOutcomeTable {
  referral_id: string
  desired_outcome_id: string
}
export interface ReferralEventTable {
  id: Generated<number>
  referral_id: string
  event: string
  from_state: string
  to_state: string
  at: Generated<Date>
  user_id: string | null
  organisation_id: string | null
  detail: string | null
}
export interface ReferralQualityTable {
  referral_id: string
  reason_clear: boolean
  needs_identified: boolean
  risk_present: boolean
  release_date_known: boolean
  contact_details_present: boolean
  comments: string | null
  score: ColumnType<number, never, never>
  rated_by: string | null
  rated_at: Generated<Date>
}
export type Attendance = 'attended' | 'late' | 'did_not_attend'
export interface ReferralAppointmentTable {
  id: Generated<string>
  referral_id: string
  kind: 'assessment' | 'session'
  session_number: number | null
  appointment_date: IsoDate
  attendance: Attendance | null
  feedback: string | null
  recorded_by: string | null
  recorded_at: Generated<Date>
}
export type Achievement = 'achieved' | 'partially_achieved' | 'not_achieved'
export interface ReferralOutcomeRatingTable {
  referral_id: string
  desired_outcome_id: string
  achievement: Achievement
  notes: string | null
}

export type ReferralTables = {
  crs_service_category: CrsServiceCategoryTable
  crs_contract_type: CrsContractTypeTable
  crs_contract_type_service_category: CrsContractTypeServiceCategoryTable
  crs_complexity_level: CrsComplexityLevelTable
  crs_desired_outcome: CrsDesiredOutcomeTable
  crs_withdrawal_reason: CrsWithdrawalReasonTable
  crs_cancellation_reason: CrsCancellationReasonTable
  contract: ContractTable
  contract_region: ContractRegionTable
  contract_service_category: ContractServiceCategoryTable
  referral: ReferralTable
  referral_desired_outcome: ReferralDesiredOutcomeTable
  referral_event: ReferralEventTable
  referral_quality: ReferralQualityTable
  referral_appointment: ReferralAppointmentTable
  referral_outcome_rating: ReferralOutcomeRatingTable
}

export const referralDb = (db: Database) => db.withTables<ReferralTables>()
export type ReferralDatabase = ReturnType<typeof referralDb>

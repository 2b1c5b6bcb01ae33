import type { ColumnType, Generated } from 'kysely'

/** Table types for Kysely, kept beside the migrations that define them. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
/** ISO date 'YYYY-MM-DD': the driver is set to return dates as strings. */
export type IsoDate = string

export type Role =
  | 'prison_resettlement_worker'
  | 'pom'
  | 'com'
  | 'provider_caseworker'
  | 'cas3_officer'
  | 'council_officer'
  | 'health_coordinator'
  | 'regional_lead'
  | 'national_analyst'
  | 'admin'

export type OrganisationKind =
  'prison' | 'probation_region' | 'pdu' | 'provider' | 'council' | 'health' | 'national'

export interface RegionTable {
  code: string
  name: string
}
export interface PduTable {
  code: string
  name: string
  region_code: string
}
export interface PrisonTable {
  code: string
  name: string
  active: boolean
  male: boolean
  female: boolean
  types: string | null
  town: string | null
  postcode: string | null
  country: string | null
}
export interface LocalAuthorityTable {
  code: string
  name: string
}
export interface EthnicGroupTable {
  code: string
  high_level_group: string
  category: string
}

export interface OrganisationTable {
  id: Generated<string>
  kind: OrganisationKind
  name: string
  prison_code: string | null
  region_code: string | null
  pdu_code: string | null
  local_authority_code: string | null
  created_at: Generated<Date>
  version: Generated<number>
}

export interface AppUserTable {
  id: Generated<string>
  email: string
  name: string
  organisation_id: string
  role: Role
  password_hash: string | null
  oidc_subject: string | null
  active: Generated<boolean>
  failed_sign_ins: Generated<number>
  locked_until: Date | null
  last_sign_in_at: Date | null
  created_at: Generated<Date>
  version: Generated<number>
}

export interface UserSessionTable {
  token_hash: string
  user_id: string
  created_at: Generated<Date>
  last_seen_at: Timestamp
}

export interface ApiTokenTable {
  id: Generated<string>
  name: string
  token_hash: string
  organisation_id: string
  role: Role
  created_by: string | null
  created_at: Generated<Date>
  last_used_at: Date | null
  revoked_at: Date | null
  /** Refused from then on (migration 0011_3). */
  expires_at: Date
}

export type Sex = 'male' | 'female' | 'intersex' | 'not_stated'

export interface PersonTable {
  id: Generated<string>
  given_name: string
  family_name: string
  date_of_birth: IsoDate
  sex: Sex
  ethnic_group_code: string | null
  prison_number: string | null
  crn: string | null
  pnc_id: string | null
  communication_needs: string | null
  preferred_language: string | null
  search_name: string
  /** Kept by triggers on custody_episode; never written by the application. */
  scope_keys: Generated<string[]>
  created_at: Generated<Date>
  updated_at: Timestamp
  version: Generated<number>
}

export type SentenceType = 'determinate' | 'extended_determinate' | 'indeterminate' | 'recall'
export type SentenceLengthBand =
  'under_12_months' | '12_months_to_under_4_years' | '4_years_or_more' | 'indeterminate'
export type ReleaseType =
  'conditional_release' | 'hdc' | 'parole' | 'end_of_sentence' | 'licence_recall_release' | 'court'

export interface CustodyEpisodeTable {
  id: Generated<string>
  person_id: string
  prison_code: string
  sentence_type: SentenceType
  sentence_length_band: SentenceLengthBand
  sentence_date: IsoDate
  expected_release_date: IsoDate
  actual_release_date: IsoDate | null
  release_type: ReleaseType | null
  licence_end_date: IsoDate | null
  mappa_level: number | null
  pdu_code: string
  region_code: string
  local_authority_code: string | null
  /** Proven offences before this sentence (migration 0010). */
  previous_offences: number | null
  index_offence_group: IndexOffenceGroup | null
  created_at: Generated<Date>
  updated_at: Timestamp
  version: Generated<number>
}

/** Offence groups of the MoJ proven reoffending statistics (migration 0010). */
export const INDEX_OFFENCE_GROUPS = [
  'violence_against_the_person',
  'sexual_offences',
  'robbery',
  'theft_offences',
  'criminal_damage_and_arson',
  'drug_offences',
  'possession_of_weapons',
  'public_order_offences',
  'miscellaneous_crimes_against_society',
  'fraud_offences',
  'summary_non_motoring',
  'summary_motoring',
] as const
export type IndexOffenceGroup = (typeof INDEX_OFFENCE_GROUPS)[number]

export type AuditAction =
  'read' | 'create' | 'update' | 'search' | 'export' | 'sign_in' | 'sign_out' | 'admin'
export type AuditOutcome = 'allowed' | 'denied' | 'not_found'

export interface AuditEventTable {
  id: Generated<number>
  at: Generated<Date>
  user_id: string | null
  api_token_id: string | null
  organisation_id: string | null
  role: string | null
  action: AuditAction
  person_id: string | null
  record_type: string
  record_id: string | null
  route: string
  outcome: AuditOutcome
  detail: string | null
}

export interface AccommodationTypeTable {
  code: string
  name: string
  settled_type: 'SETTLED' | 'TRANSIENT'
  is_homeless: boolean
  outcome_class: 'settled' | 'temporary' | 'not_housed' | 'custody'
  first_night_group:
    'settled' | 'probation_or_bail' | 'rough_sleeping' | 'other_homeless' | 'other_unsettled' | 'custody'
}

export interface StatusEventTable {
  id: Generated<string>
  person_id: string
  custody_episode_id: string
  kind: 'accommodation' | 'employment' | 'treatment'
  accommodation_type_code: string | null
  employment_status:
    | 'employed_full_time'
    | 'employed_part_time'
    | 'self_employed'
    | 'education_or_training'
    | 'unemployed_available'
    | 'not_available'
    | null
  treatment_status: 'referred' | 'first_appointment_attended' | 'engaged' | 'discharged' | null
  effective_date: IsoDate
  source: 'prison' | 'com' | 'provider' | 'council' | 'cas3' | 'import'
  recorded_at: Generated<Date>
  recorded_by: string | null
  organisation_id: string | null
  supersedes_id: string | null
  note: string | null
}

export interface DB {
  region: RegionTable
  pdu: PduTable
  prison: PrisonTable
  local_authority: LocalAuthorityTable
  ethnic_group: EthnicGroupTable
  organisation: OrganisationTable
  app_user: AppUserTable
  user_session: UserSessionTable
  api_token: ApiTokenTable
  person: PersonTable
  custody_episode: CustodyEpisodeTable
  audit_event: AuditEventTable
  accommodation_type: AccommodationTypeTable
  status_event: StatusEventTable
}

import type { ColumnType, Generated } from 'kysely'
import type { Database } from '../../platform/db/index.ts'

// Table types for migration 0005, kept in the domain and added to the shared DB type with
// withTables, so the CAS3 tables need no edit to the platform's schema file.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export type BookingStatus =
  'provisional' | 'confirmed' | 'arrived' | 'not_arrived' | 'departed' | 'cancelled' | 'closed'
export type ReferralStatus = 'unallocated' | 'in_review' | 'ready_to_place' | 'rejected' | 'closed'
export type ReasonList = 'cancellation' | 'departure' | 'move_on' | 'rejection' | 'void'

// A type alias, not an interface, so it satisfies withTables' Record constraint.
export type Cas3Tables = {
  cas3_characteristic: { scope: 'premises' | 'bedspace'; name: string; description: string; active: boolean }
  cas3_reason: { id: string; list: ReasonList; name: string; active: boolean }
  cas3_premises: {
    id: Generated<string>
    region_code: string
    name: string
    address_line1: string
    address_line2: string | null
    town: string | null
    postcode: string
    local_authority_code: string
    pdu_code: string
    characteristics: ColumnType<string[], string[] | undefined, string[]>
    notes: string | null
    created_at: Generated<Date>
    version: Generated<number>
  }
  cas3_bedspace: {
    id: Generated<string>
    premises_id: string
    reference: string
    characteristics: ColumnType<string[], string[] | undefined, string[]>
    start_date: string
    end_date: string | null
    notes: string | null
    created_at: Generated<Date>
    version: Generated<number>
  }
  cas3_void: {
    id: Generated<string>
    bedspace_id: string
    start_date: string
    end_date: string
    reason_list: Generated<'void'>
    reason_id: string
    notes: string | null
    cancelled_at: Timestamp | null
    created_by: string | null
    created_at: Generated<Date>
  }
  cas3_referral: {
    id: Generated<string>
    person_id: string
    custody_episode_id: string
    region_code: string
    placement_pdu_code: string
    placement_local_authority_code: string | null
    referred_by: string | null
    referrer_organisation_id: string
    consent_given: boolean
    consent_date: string
    eligibility: string
    release_date: string
    risks_and_needs: string
    risk_to_children: Generated<boolean>
    risk_to_adults: Generated<boolean>
    arson_history: Generated<boolean>
    duty_to_refer_submitted: boolean
    duty_to_refer_date: string | null
    duty_to_refer_local_authority_code: string | null
    duty_to_refer_outcome: string | null
    crs_referral_made: boolean
    requirements: ColumnType<string[], string[] | undefined, string[]>
    cultural_needs: string | null
    move_on_plan: string
    status: Generated<ReferralStatus>
    assessor_id: string | null
    rejection_reason_list: Generated<'rejection'>
    rejection_reason_id: string | null
    rejection_notes: string | null
    created_at: Generated<Date>
    updated_at: Timestamp & Generated<Date>
    version: Generated<number>
  }
  cas3_booking: {
    id: Generated<string>
    reference: Generated<string>
    bedspace_id: string
    person_id: string
    custody_episode_id: string
    referral_id: string | null
    arrival_date: string
    departure_date: string
    blocked_until: string
    status: BookingStatus
    arrived_on: string | null
    departed_on: string | null
    cancellation_reason_list: Generated<'cancellation'>
    cancellation_reason_id: string | null
    departure_reason_list: Generated<'departure'>
    departure_reason_id: string | null
    move_on_list: Generated<'move_on'>
    move_on_category_id: string | null
    planned_move_on_address: string | null
    overstay_reason: string | null
    overstay_authorised_by: string | null
    notes: string | null
    created_by: string | null
    created_at: Generated<Date>
    updated_at: Timestamp & Generated<Date>
    version: Generated<number>
  }
  cas3_booking_event: {
    id: Generated<number>
    booking_id: string
    at: Generated<Date>
    by_user: string | null
    event: string
    from_departure_date: string | null
    to_departure_date: string | null
    note: string | null
  }
}

export function cas3Db(db: Database) {
  return db.withTables<Cas3Tables>()
}
export type Cas3Db = ReturnType<typeof cas3Db>

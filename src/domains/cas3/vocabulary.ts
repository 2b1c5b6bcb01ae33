/**
 * CAS3 vocabularies as data. The reason lists themselves are the HMPPS lists, loaded by
 * migration 0005 from data/reference/cas3; these say how Resettle reads them.
 */
import type { BookingStatus, ReferralStatus } from './tables.ts'

export const BOOKING_STATUSES: Record<BookingStatus, string> = {
  provisional: 'Provisional',
  confirmed: 'Confirmed',
  arrived: 'Arrived',
  not_arrived: 'Not arrived',
  departed: 'Departed',
  cancelled: 'Cancelled',
  closed: 'Closed',
}

export const REFERRAL_STATUSES: Record<ReferralStatus, string> = {
  unallocated: 'Unallocated',
  in_review: 'In review',
  ready_to_place: 'Ready to place',
  rejected: 'Rejected',
  closed: 'Closed',
}

/** Who CAS3 is for (CAS3 policy framework): people who would otherwise be homeless. */
export const ELIGIBILITY = {
  homeless_on_release: 'Homeless on release from prison',
  at_risk_of_homelessness: 'At risk of homelessness on release',
  bail_or_community_order: 'On a community order or suspended sentence and homeless',
} as const

/** Housing Reduction Act 2017: the council's response to a Duty to Refer notification. */
export const DUTY_TO_REFER_OUTCOMES = {
  pending: 'Waiting for the council’s decision',
  accepted_prevention: 'Accepted: prevention duty',
  accepted_relief: 'Accepted: relief duty',
  priority_need: 'Accepted: priority need',
  not_eligible: 'Not eligible for assistance',
  no_outcome: 'No response from the council',
} as const

/**
 * Placement requirements a referral can state, and the characteristics they need (from the
 * premises and bedspace lists in data/reference/cas3). `excludes` are premises marked unsuitable
 * for the risk the person poses; a requirement with `needs` must have every one of them.
 */
export const REQUIREMENTS: Record<string, { label: string; premises?: string[]; bedspace?: string[] }> = {
  wheelchair: { label: 'Wheelchair accessible bedspace (disability)', bedspace: ['isWheelchairAccessible'] },
  groundFloor: { label: 'Ground floor access (disability)', bedspace: ['isGroundFloor'] },
  singleOccupancy: { label: 'Single occupancy', premises: ['isSingleOccupancy'] },
  sensitiveLet: { label: 'Sensitive let', premises: ['isSensitiveLet'] },
  womenOnly: { label: 'Women-only premises', premises: ['isWomenOnly'] },
  menOnly: { label: 'Men-only premises', premises: ['isMenOnly'] },
  rural: { label: 'Rural or out of town', premises: ['isRural'] },
}

/** Risks on the referral that rule out premises marked unsuitable for them. */
export const RISK_EXCLUSIONS = {
  risk_to_children: 'notSuitableForSexualRiskToChildren',
  risk_to_adults: 'notSuitableForSexualRiskToAdults',
  arson_history: 'notSuitableForArsonHistory',
} as const

export type MoveOnGroup = 'settled' | 'prison' | 'transient' | 'homeless' | 'other'

/**
 * Each HMPPS move-on category, the nDelius accommodation type its status event records
 * (data/reference/accommodation), and the group the published CAS3 outcomes use (38% settled,
 * 31% returned to prison, 12% transient, 9% homeless, to February 2023). A null type records no
 * status: "pending" and "not recorded" are not an accommodation, and hospital or death have no
 * nDelius accommodation type, so the latest known status stays as it was.
 */
export const MOVE_ON_CATEGORIES: Record<string, { accommodationType: string | null; group: MoveOnGroup }> = {
  // Homeless – rough sleeping
  '33244330-87e9-4cc6-9940-f78586585436': { accommodationType: 'A08A', group: 'homeless' },
  // Homeless – shelter/emergency hostel/campsite
  'a90a77a3-5662-4fa8-85ab-07d0c085052f': { accommodationType: 'A08C', group: 'homeless' },
  // Homeless – squat
  '15fb0af2-3406-49c9-81ed-5e42bddf9fc2': { accommodationType: 'A08', group: 'homeless' },
  // Householder (owner – freehold or leasehold)
  '2236cd7e-32c5-4784-a461-8f0aead1d386': { accommodationType: 'A01A', group: 'settled' },
  // Long term residential healthcare: a care or nursing home
  'd3b9f02e-c3a5-475b-a5dd-124c058900d9': { accommodationType: 'A12', group: 'settled' },
  // Pending (awaiting move on outcome in NDelius – to be updated)
  '5dfd0cc4-8be3-4788-a7ba-a84d32efe5ea': { accommodationType: null, group: 'other' },
  // Support housing: supported housing with support services
  '0d8dee49-f49a-4e0e-a20e-80e0c18645ce': { accommodationType: 'A04', group: 'settled' },
  // Updated move on outcome - not recorded in NDelius
  'b3a5bf51-f5a3-46fb-8de5-c0f1b1ee1e8c': { accommodationType: null, group: 'other' },
  // Rental accommodation - private rental
  '587dc0dc-9073-4992-9d58-5576753050e9': { accommodationType: 'A01C', group: 'settled' },
  // Rental accommodation - social rental
  '12c739fa-7bb1-416d-bbf2-71362578a7f3': { accommodationType: 'A01D', group: 'settled' },
  // Transient/Short term accommodation
  '91158ed5-467e-4ee8-90d9-4f17a5dac82f': { accommodationType: 'A03', group: 'transient' },
  // CAS2: the shorter CAS2 type, as a move-on from CAS3 is rarely 13 weeks or more
  'bd7425b0-ee9a-491c-a64b-c6a034847778': { accommodationType: 'A11', group: 'transient' },
  // Hospital
  'b6d65622-44ae-42ac-9da0-c6a02532c3d5': { accommodationType: null, group: 'other' },
  // Prison (further custodial event)
  'c532986f-462c-4adf-ab2e-583e49f06ec6': { accommodationType: 'HMP', group: 'prison' },
  // Recalled
  '8c392f36-515c-4210-bb72-6255f12abb91': { accommodationType: 'HMP', group: 'prison' },
  // They’re deceased
  '5d1f4d82-6830-43bf-b197-c5975c0c721b': { accommodationType: null, group: 'other' },
  // Another CAS3 property or bedspace
  '24e80792-1eee-48fc-9a02-51275c3a6217': { accommodationType: 'A17', group: 'transient' },
  // CAS1/AP: Approved Premises
  'd8e04fa1-9757-4681-bfab-6c61913c8463': { accommodationType: 'A02', group: 'transient' },
  // Friends or family (settled)
  '247ae3f4-7958-4c59-97ed-272a39ad411c': { accommodationType: 'A07B', group: 'settled' },
  // Friends or family (transient)
  '3de4665a-c848-4797-ba80-502cacc6f7d7': { accommodationType: 'A07A', group: 'transient' },
}

export const MOVE_ON_GROUPS: Record<MoveOnGroup, string> = {
  settled: 'Settled accommodation',
  prison: 'Returned to prison',
  transient: 'Transient or other temporary accommodation',
  homeless: 'Homeless or rough sleeping',
  other: 'Other or not yet known',
}

/** nDelius accommodation type for a CAS3 stay, recorded on arrival. */
export const CAS3_ACCOMMODATION_TYPE = 'A17'

/** The COM's worklist flags stays ending within this many days with no move-on address. */
export const MOVE_ON_DUE_DAYS = 28

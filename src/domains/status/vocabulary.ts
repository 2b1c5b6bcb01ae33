/**
 * The status vocabularies and how the outcome measures read them (domain.md section 10).
 * Parameters as data: a reclassification is an edit here, not new code.
 */

export type AccommodationClass = 'settled' | 'temporary' | 'not_housed' | 'custody'
export type FirstNightGroup =
  'settled' | 'probation_or_bail' | 'rough_sleeping' | 'other_homeless' | 'other_unsettled' | 'custody'

/**
 * nDelius accommodation types (data/reference/accommodation) in the measure's classes.
 * domain.md section 10: settled is a permanent housing solution; temporary counts as housed
 * (CAS3, Approved Premises, bail or probation accommodation, supported housing); not housed is
 * rough sleeping, shelters and emergency hostels, sofa surfing or other homeless, squatting.
 * Where nDelius's own SETTLED/TRANSIENT flag differs (supported housing is SETTLED there), the
 * measure definition wins, and the flag is kept alongside for reference.
 */
export const ACCOMMODATION_CLASSES: Record<
  string,
  { outcomeClass: AccommodationClass; firstNightGroup: FirstNightGroup }
> = {
  A01A: { outcomeClass: 'settled', firstNightGroup: 'settled' },
  A01C: { outcomeClass: 'settled', firstNightGroup: 'settled' },
  A01D: { outcomeClass: 'settled', firstNightGroup: 'settled' },
  A07B: { outcomeClass: 'settled', firstNightGroup: 'settled' },
  A12: { outcomeClass: 'settled', firstNightGroup: 'settled' },
  A04: { outcomeClass: 'temporary', firstNightGroup: 'other_unsettled' },
  A02: { outcomeClass: 'temporary', firstNightGroup: 'probation_or_bail' },
  A10: { outcomeClass: 'temporary', firstNightGroup: 'probation_or_bail' },
  A11: { outcomeClass: 'temporary', firstNightGroup: 'probation_or_bail' },
  A17: { outcomeClass: 'temporary', firstNightGroup: 'probation_or_bail' },
  A03: { outcomeClass: 'temporary', firstNightGroup: 'other_unsettled' },
  A13: { outcomeClass: 'temporary', firstNightGroup: 'other_unsettled' },
  A14: { outcomeClass: 'temporary', firstNightGroup: 'other_unsettled' },
  A16: { outcomeClass: 'temporary', firstNightGroup: 'other_unsettled' },
  // Sofa surfing: staying with friends or family as a stopgap is "other homeless".
  A07A: { outcomeClass: 'not_housed', firstNightGroup: 'other_homeless' },
  A08: { outcomeClass: 'not_housed', firstNightGroup: 'other_homeless' },
  A08A: { outcomeClass: 'not_housed', firstNightGroup: 'rough_sleeping' },
  A08C: { outcomeClass: 'not_housed', firstNightGroup: 'other_homeless' },
  // Back in detention on the first night is a same-day return, which the measures exclude.
  A15: { outcomeClass: 'custody', firstNightGroup: 'custody' },
  HMP: { outcomeClass: 'custody', firstNightGroup: 'custody' },
}

export const EMPLOYMENT_STATUSES = {
  employed_full_time: { label: 'Employed full-time', employed: true, availableForWork: true },
  employed_part_time: { label: 'Employed part-time', employed: true, availableForWork: true },
  self_employed: { label: 'Self-employed', employed: true, availableForWork: true },
  education_or_training: { label: 'In education or training', employed: false, availableForWork: true },
  unemployed_available: {
    label: 'Unemployed and available for work',
    employed: false,
    availableForWork: true,
  },
  // Not available (for example long-term sick or a carer) leaves the employment denominators.
  not_available: { label: 'Not available for work', employed: false, availableForWork: false },
} as const
export type EmploymentStatus = keyof typeof EMPLOYMENT_STATUSES

export const TREATMENT_STATUSES = {
  referred: { label: 'Referred to community treatment', engaged: false },
  first_appointment_attended: { label: 'Attended first appointment', engaged: true },
  engaged: { label: 'Engaged with treatment', engaged: true },
  discharged: { label: 'Discharged from treatment', engaged: false },
} as const
export type TreatmentStatus = keyof typeof TREATMENT_STATUSES

export const SOURCES = {
  prison: 'Prison',
  com: 'Probation (COM)',
  provider: 'Commissioned provider',
  council: 'Council',
  cas3: 'CAS3',
  import: 'Import',
} as const
export type StatusSource = keyof typeof SOURCES

export type StatusKind = 'accommodation' | 'employment' | 'treatment'

/**
 * Whether an event of this kind must be dated on or after the release. Accommodation and
 * employment after release are what the checkpoints read; a treatment referral is often made
 * before release, so treatment events may precede it.
 */
export const MUST_FOLLOW_RELEASE: Record<StatusKind, boolean> = {
  accommodation: true,
  employment: true,
  treatment: false,
}

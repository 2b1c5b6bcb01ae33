/**
 * Release-planning vocabularies as data (domain.md sections 4 and 5). A change of policy, such as
 * how many weeks before release an action is due, is an edit here, not new code.
 */

export const PATHWAYS = {
  ACCOMMODATION: 'Accommodation',
  ATTITUDES_THINKING_AND_BEHAVIOUR: 'Attitudes, thinking and behaviour',
  CHILDREN_FAMILIES_AND_COMMUNITY: 'Children, families and communities',
  DRUGS_AND_ALCOHOL: 'Drugs and alcohol',
  EDUCATION_SKILLS_AND_WORK: 'Education, skills and work',
  FINANCE_AND_ID: 'Finance and ID',
  HEALTH: 'Health (physical and mental)',
} as const
export type Pathway = keyof typeof PATHWAYS
export const PATHWAY_KEYS = Object.keys(PATHWAYS) as Pathway[]
export const pathwaySlug = (p: Pathway) => p.toLowerCase().replaceAll('_', '-')

export const PATHWAY_STATUSES = {
  not_started: 'Not started',
  support_required: 'Support required',
  in_progress: 'In progress',
  support_not_required: 'Support not required',
  support_declined: 'Support declined',
  done: 'Done',
} as const
export type PathwayStatus = keyof typeof PATHWAY_STATUSES

export const NEED_STATUSES = {
  not_started: 'Not started',
  in_progress: 'In progress',
  met: 'Met',
  declined: 'Declined',
} as const
export type NeedStatus = keyof typeof NEED_STATUSES

export const PARTIES = {
  prison: 'Prison',
  probation: 'Probation',
  provider: 'Provider',
  council: 'Council',
  person: 'The person',
} as const
export type Party = keyof typeof PARTIES

export const ACTION_STATUSES = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
} as const
export type ActionStatus = keyof typeof ACTION_STATUSES

/**
 * Assessment questions, versioned. Answers are stored with the version they were given under;
 * a new version is added beside the old one, never edited over it, so past answers keep their
 * questions.
 */
export const QUESTION_SETS: Record<number, Record<Pathway, { key: string; text: string }[]>> = {
  1: {
    ACCOMMODATION: [
      { key: 'where_before', text: 'Where did they live before custody?' },
      { key: 'where_after', text: 'Where do they expect to live on release?' },
    ],
    ATTITUDES_THINKING_AND_BEHAVIOUR: [
      { key: 'support_wanted', text: 'What support with attitudes, thinking and behaviour do they want?' },
    ],
    CHILDREN_FAMILIES_AND_COMMUNITY: [
      { key: 'family_contact', text: 'Who in their family or community will support them on release?' },
    ],
    DRUGS_AND_ALCOHOL: [{ key: 'use_before', text: 'What was their drug and alcohol use before custody?' }],
    EDUCATION_SKILLS_AND_WORK: [
      { key: 'work_before', text: 'What work, education or training did they do before custody?' },
    ],
    FINANCE_AND_ID: [{ key: 'id_held', text: 'Which ID documents and bank accounts do they hold?' }],
    HEALTH: [
      { key: 'health_needs', text: 'What physical or mental health needs will continue after release?' },
    ],
  },
}
export const CURRENT_QUESTION_SET = 1

export const SCREENINGS = {
  neurodivergence: 'Neurodivergence',
  slcn: 'Speech, language and communication needs',
  mental_health: 'Mental health',
  alcohol: 'Alcohol (AUDIT-C)',
  drugs: 'Drugs',
  gambling: 'Gambling harm (short screen)',
  care_experience: 'Care experience',
  veteran: 'Veteran status',
} as const
export type ScreeningKind = keyof typeof SCREENINGS

/** A positive screen proposes these support needs (ids in data/reference/resettlement/support_needs.csv). */
export const NEEDS_FOR_POSITIVE_SCREEN: Record<ScreeningKind, number[]> = {
  neurodivergence: [79],
  slcn: [79],
  mental_health: [101, 105],
  alcohol: [54, 58],
  drugs: [53, 57],
  gambling: [26],
  care_experience: [48],
  veteran: [47],
}

/** Needs that mean a substance-misuse treatment appointment should follow release. */
export const SUBSTANCE_MISUSE_NEEDS = [53, 54, 57, 58]

export interface StandardAction {
  key: string
  description: string
  weeksBeforeRelease: number
  owner: Party
  /** Identified needs the action answers; the first one present is linked to the action. */
  needIds: number[]
  /** Proposed only when the person has one of `needIds`. */
  onlyWithNeed?: boolean
}

/**
 * The standard actions (domain.md section 4) and when each is due. The weeks are local practice
 * and configurable; the Duty to Refer is due early because a council's prevention duty starts
 * when a person is threatened with homelessness within 56 days (Housing Act 1996, s.175(4) and
 * s.195, as amended by the Homelessness Reduction Act 2017).
 */
export const STANDARD_ACTIONS: StandardAction[] = [
  {
    key: 'id_documents',
    description: 'Apply for ID documents',
    weeksBeforeRelease: 12,
    owner: 'prison',
    needIds: [90],
  },
  {
    key: 'bank_account',
    description: 'Open a bank account',
    weeksBeforeRelease: 8,
    owner: 'prison',
    needIds: [83],
  },
  {
    key: 'duty_to_refer',
    description: 'Make a Duty to Refer to the council',
    weeksBeforeRelease: 9,
    owner: 'prison',
    needIds: [8],
  },
  {
    key: 'first_night_accommodation',
    description: 'Confirm accommodation for the first night',
    weeksBeforeRelease: 4,
    owner: 'probation',
    needIds: [8, 10],
  },
  {
    key: 'universal_credit',
    description: 'Make a Universal Credit advance claim',
    weeksBeforeRelease: 2,
    owner: 'prison',
    needIds: [97, 96],
  },
  {
    key: 'gp_and_medication',
    description: 'Register with a GP and arrange medication on release',
    weeksBeforeRelease: 2,
    owner: 'prison',
    needIds: [109, 110],
  },
  {
    key: 'treatment_appointment',
    // The appointment itself falls within three weeks after release (the 3-week treatment checkpoint);
    // booking it is due before release.
    description: 'Book a treatment appointment within three weeks of release',
    weeksBeforeRelease: 1,
    owner: 'provider',
    needIds: SUBSTANCE_MISUSE_NEEDS,
    onlyWithNeed: true,
  },
  {
    key: 'education_training_employment',
    description: 'Arrange education, training or employment',
    weeksBeforeRelease: 4,
    owner: 'prison',
    needIds: [68, 75, 63],
  },
  {
    key: 'family_contact',
    description: 'Support family contact',
    weeksBeforeRelease: 4,
    owner: 'prison',
    needIds: [35],
  },
  {
    key: 'licence_conditions',
    description: 'Explain the licence conditions',
    weeksBeforeRelease: 1,
    owner: 'probation',
    needIds: [],
  },
]

export const HANDOVER_MEETING_STATUSES = {
  not_scheduled: 'Not scheduled',
  scheduled: 'Scheduled',
  held: 'Held',
  not_held: 'Not held',
} as const
export const CONTACT_METHODS = { in_person: 'In person', video: 'Video call', phone: 'Phone call' } as const

export const DTR_OUTCOMES = {
  prevention_duty: 'Prevention duty accepted',
  relief_duty: 'Relief duty accepted',
  accommodation_secured: 'Accommodation secured',
  not_homeless: 'Not homeless or threatened with homelessness',
  no_contact: 'No contact from the person',
} as const

export const RELEASE_ROUTES = {
  standard: 'Standard determinate release',
  hdc: 'Home detention curfew',
  parole: 'Parole Board release',
} as const
export type ReleaseRoute = keyof typeof RELEASE_ROUTES

export const EXCLUSIONS = {
  indeterminate: 'Indeterminate sentence',
  parole_discretionary: 'Parole Board release',
  hdc: 'Home detention curfew',
  under_28_days_served: 'Fewer than 28 days served',
  before_commencement: 'Before the Act came into force',
  release_from_court: 'Released from court',
} as const

export const WORKLIST_FLAGS = {
  no_accommodation: 'No first-night accommodation',
  no_id: 'No ID',
  no_bank_account: 'No bank account',
  no_com: 'No COM allocated',
  meeting_not_held: 'Handover meeting not held',
  no_com_contact: 'No pre-release COM contact',
  treatment_without_appointment: 'Treatment need without an appointment',
  friday_release: 'Friday or before a bank holiday',
  plan_failing: 'Plan quality failing',
  no_dtr: 'No Duty to Refer received',
  no_plan_actions: 'No plan actions yet',
} as const
export type WorklistFlag = keyof typeof WORKLIST_FLAGS

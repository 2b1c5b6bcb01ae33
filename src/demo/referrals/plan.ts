import type { Rng } from '../prng.ts'

// The shape of the demo's CRS market, calibrated loosely to what the National Audit Office found
// in 28 audited contracts: referral quality amber/red or red in 89%, delivery in 68%, providers'
// communication in 46% (domain.md section 8). Each contract draws a profile; its referrals then
// draw their checklist answers, attendance and timings from it, so the ratings that come out of
// the records land in roughly those proportions.

/** The three contract lines offered in every region, with their CRS contract type and categories. */
export const CONTRACT_LINES = [
  {
    code: 'ACC',
    name: 'Accommodation',
    contractType: '72e60faf-b8e5-4699-9d7c-aef631cca71b',
    categories: ['428ee70f-3001-4399-95a6-ad25eaaede16'],
    weight: 0.45,
  },
  {
    code: 'ETE',
    name: 'Education, training and employment',
    contractType: 'b402486d-991e-4977-9291-073a3526d60f',
    categories: ['ca374ac3-84eb-4b91-bea7-9005398f426f'],
    weight: 0.3,
  },
  {
    code: 'PWB',
    name: 'Personal wellbeing',
    contractType: 'f9b59d2c-c60b-4eb0-8469-04c975d2e2ee',
    categories: [
      '8221a81c-08b2-4262-9c1a-0ab3c82cec8c',
      '9556a399-3529-4993-8030-41db2090555e',
      'b84f4eb7-4db0-477e-8c59-21027b3262c5',
      'c036826e-f077-49a5-8b33-601dca7ad479',
    ],
    weight: 0.25,
  },
] as const

/** Provider names of the kind that hold CRS contracts, made up, with the region appended. */
export const PROVIDER_NAMES = [
  'Pathways Partnership',
  'Second Start Trust',
  'Open Door Resettlement',
  'Next Step Futures',
  'Bridge Community Services',
  'Fresh Ground CIC',
]

export interface ContractProfile {
  /** Chance that each checklist item is met. */
  quality: number
  attendance: number
  /** Chance a referral runs to completion rather than ending early. */
  completion: number
  /** Chance of first contact within 3 days, and of a report within 14 days of the last session. */
  timely: number
  /** Chance a desired outcome is rated achieved (partially: half the rest). */
  achieved: number
}

const between = (rng: Rng, lo: number, hi: number) => lo + rng.next() * (hi - lo)

export function drawProfile(rng: Rng): ContractProfile {
  const poorQuality = rng.chance(0.89)
  const poorDelivery = rng.chance(0.68)
  const poorCommunication = rng.chance(0.46)
  return {
    quality: poorQuality ? between(rng, 0.45, 0.72) : between(rng, 0.8, 0.97),
    attendance: poorDelivery ? between(rng, 0.5, 0.72) : between(rng, 0.86, 0.96),
    completion: poorDelivery ? between(rng, 0.3, 0.5) : between(rng, 0.8, 0.95),
    timely: poorCommunication ? between(rng, 0.5, 0.78) : between(rng, 0.95, 1),
    achieved: between(rng, 0.3, 0.7),
  }
}

/** Share of releases with a CRS referral. */
export const REFERRAL_SHARE = 0.08
/** Share of referrals withdrawn or cancelled before the end. */
export const WITHDRAWAL_SHARE = 0.12

/**
 * What a COM writes on a referral and a provider on its action plan and report, by contract
 * line: short, plain and varied, as real case notes are.
 */
export const REFERRAL_TEXT: Record<
  (typeof CONTRACT_LINES)[number]['code'],
  { reason: string[]; needs: string[]; risk: string[]; plan: string[]; report: string[] }
> = {
  ACC: {
    reason: [
      'No fixed abode on release; previous tenancy lost while in custody.',
      'Release address with family has broken down. Needs help to find and keep a tenancy.',
      'Has a council offer but needs support to set up the tenancy and claim Housing Benefit.',
      'Sofa surfing before custody. At risk of rough sleeping on release.',
    ],
    needs: [
      'Rent arrears of about £1,200 from a previous tenancy. No ID other than a prison discharge letter.',
      'Needs a ground-floor property (knee injury). Universal Credit claim started in custody.',
      'Cannot return to the home borough because of an exclusion zone on the licence.',
    ],
    risk: [
      'Medium risk of serious harm to known adults. No restrictions on shared housing.',
      'Low risk of serious harm. Licence condition to reside where approved by the COM.',
      'Medium risk to a former partner; must not live within the exclusion zone.',
    ],
    plan: [
      'Weekly sessions: housing register application, Housing Benefit claim, viewings with the caseworker.',
      'Support to bid for properties each week and to prepare for the tenancy sign-up.',
      'Budgeting sessions and a referral to the council’s rent deposit scheme.',
    ],
    report: [
      'Signed an assured shorthold tenancy and set up payments. Rent account in credit.',
      'Moved into supported housing. Bidding continues for a council flat.',
      'Disengaged after the third session; the tenancy application was not completed.',
    ],
  },
  ETE: {
    reason: [
      'Wants to return to work in construction; CSCS card expired in custody.',
      'No qualifications. Interested in a forklift licence and warehouse work.',
      'Was a chef before custody and wants help to find kitchen work.',
    ],
    needs: [
      'Needs a CV and help to talk about the conviction with employers.',
      'Low literacy; wants to start English and maths functional skills.',
      'Has a job offer subject to a DBS check; needs support with disclosure.',
    ],
    risk: [
      'Low risk of serious harm. No restrictions on work settings.',
      'Medium risk of serious harm to the public; not to work with children.',
    ],
    plan: [
      'CV workshop, disclosure advice, then supported applications each week.',
      'Enrol on the CSCS course and book the test; job search sessions after.',
      'Functional skills assessment and a college place for the next intake.',
    ],
    report: [
      'Started full-time work with a local building firm.',
      'Completed Level 1 English and enrolled on Level 2.',
      'Attended two sessions, then moved out of the area.',
    ],
  },
  PWB: {
    reason: [
      'Isolated since release; struggles with managing money and appointments.',
      'Wants support to rebuild contact with their children through the family court.',
      'Anxiety and low mood; not yet registered with a GP.',
    ],
    needs: [
      'Debts to a payday lender and council tax arrears.',
      'Needs help to register with a GP and to get repeat medication.',
      'Wants to attend a parenting course before contact is arranged.',
    ],
    risk: [
      'Low risk of serious harm. Lives alone.',
      'Medium risk to a former partner; contact with children via the family court only.',
    ],
    plan: [
      'Weekly one-to-one sessions on budgeting and a debt advice referral.',
      'GP registration, then fortnightly sessions on managing anxiety.',
      'Parenting course place and support with the family court application.',
    ],
    report: [
      'Registered with a GP and attends a weekly peer support group.',
      'Debt relief order granted; budgeting sessions complete.',
      'Completed the parenting course; supervised contact has started.',
    ],
  },
}

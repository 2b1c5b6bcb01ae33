// Pure parts of the CAS3 demo: the estate's shape and the stays' outcomes, calibrated to the
// published figures (domain.md section 9): 650 bedspaces nationally in 2023; of those who left
// by 16 February 2023, 38% moved on to settled accommodation, 31% returned to prison, 12% to
// transient accommodation and 9% were homeless or rough sleeping (the rest other or unknown).
import { weighted, type Rng } from '../prng.ts'
import type { MoveOnGroup } from '../../domains/cas3/vocabulary.ts'

/** Bedspaces across England and Wales; a little over the 2023 figure so the estate is 650+. */
export const NATIONAL_BEDSPACES = 660

export const MOVE_ON_GROUP_WEIGHTS: readonly (readonly [MoveOnGroup, number])[] = [
  ['settled', 38],
  ['prison', 31],
  ['transient', 12],
  ['homeless', 9],
  ['other', 10],
]

/** Within each group, the HMPPS move-on categories and a plausible mix (not published). */
export const CATEGORY_WEIGHTS: Record<MoveOnGroup, readonly (readonly [string, number])[]> = {
  settled: [
    ['587dc0dc-9073-4992-9d58-5576753050e9', 35], // private rental
    ['12c739fa-7bb1-416d-bbf2-71362578a7f3', 25], // social rental
    ['247ae3f4-7958-4c59-97ed-272a39ad411c', 20], // friends or family (settled)
    ['0d8dee49-f49a-4e0e-a20e-80e0c18645ce', 15], // support housing
    ['2236cd7e-32c5-4784-a461-8f0aead1d386', 5], // householder
  ],
  prison: [
    ['8c392f36-515c-4210-bb72-6255f12abb91', 70], // recalled
    ['c532986f-462c-4adf-ab2e-583e49f06ec6', 30], // further custodial event
  ],
  transient: [
    ['91158ed5-467e-4ee8-90d9-4f17a5dac82f', 40], // transient/short term
    ['3de4665a-c848-4797-ba80-502cacc6f7d7', 30], // friends or family (transient)
    ['24e80792-1eee-48fc-9a02-51275c3a6217', 15], // another CAS3 property
    ['d8e04fa1-9757-4681-bfab-6c61913c8463', 10], // CAS1/AP
    ['bd7425b0-ee9a-491c-a64b-c6a034847778', 5], // CAS2
  ],
  homeless: [
    ['a90a77a3-5662-4fa8-85ab-07d0c085052f', 50], // shelter or emergency hostel
    ['33244330-87e9-4cc6-9940-f78586585436', 40], // rough sleeping
    ['15fb0af2-3406-49c9-81ed-5e42bddf9fc2', 10], // squat
  ],
  other: [
    ['5dfd0cc4-8be3-4788-a7ba-a84d32efe5ea', 40], // pending
    ['b3a5bf51-f5a3-46fb-8de5-c0f1b1ee1e8c', 30], // not recorded in nDelius
    ['b6d65622-44ae-42ac-9da0-c6a02532c3d5', 20], // hospital
    ['5d1f4d82-6830-43bf-b197-c5975c0c721b', 10], // deceased
  ],
}

const DEPARTURE = {
  planned: '166b6b02-6f42-4447-b278-dd9a0b437b54',
  recall: '94976884-c32f-4162-b3af-214beed0e988',
  custody: 'ae93ec2c-157a-49fd-a4c9-b67f1a9457d8',
  hospital: 'b5d8a978-eb20-436e-a00f-f1358a3664d5',
  deceased: 'b8975a4d-68ff-4f42-9ac8-5136c4b393ef',
  anotherCas3: '529fe9a0-a644-48db-9e62-83c83a623a93',
  notInProperty: 'd6c85a7e-cf9d-4a47-8da2-a25356d34570',
}

/** A departure reason that fits the move-on category. */
export function departureReasonFor(category: string, rng: Rng): string {
  switch (category) {
    case '8c392f36-515c-4210-bb72-6255f12abb91':
      return DEPARTURE.recall
    case 'c532986f-462c-4adf-ab2e-583e49f06ec6':
      return DEPARTURE.custody
    case 'b6d65622-44ae-42ac-9da0-c6a02532c3d5':
      return DEPARTURE.hospital
    case '5d1f4d82-6830-43bf-b197-c5975c0c721b':
      return DEPARTURE.deceased
    case '24e80792-1eee-48fc-9a02-51275c3a6217':
      return DEPARTURE.anotherCas3
    default:
      return rng.chance(0.85) ? DEPARTURE.planned : DEPARTURE.notInProperty
  }
}

export interface StayOutcome {
  group: MoveOnGroup
  category: string
  /** Nights stayed; a return to prison usually cuts the stay short. */
  nights: number
  overstay: boolean
}

export function drawOutcome(rng: Rng, maxNights: number): StayOutcome {
  const group = weighted(rng, MOVE_ON_GROUP_WEIGHTS)
  const category = weighted(rng, CATEGORY_WEIGHTS[group])
  // About 3% of stays run past the limit with an authorised overstay.
  const overstay = group === 'settled' && rng.chance(0.08)
  const nights = overstay
    ? rng.between(maxNights + 1, maxNights + 28)
    : group === 'prison'
      ? rng.between(3, 60)
      : rng.between(28, maxNights)
  return { group, category, nights, overstay }
}

export const CANCELLATION_REASONS = [
  'f47ac10b-58cc-4372-a567-0e02b2c3d482', // changes to booking - new booking not required
  '3d57413f-ca94-424a-b026-bf9e99ed28fe', // local authority alternative
  'f023aab7-4bd8-42a3-9f80-7aab3d4f40b8', // friends or family
  'f47ac10b-58cc-4372-a567-0e02b2c3d489', // failed to arrive: gate arrest or recall
]
export const REJECTION_REASONS = [
  '155ee6dc-ac2a-40d2-a350-90b63fb34a06', // no bedspace available in PDU
  'a1c7d402-77b5-4335-a67b-eba6a71c70bf', // not enough time to place
]

/** What a referrer writes on a CAS3 referral: the risks and needs, and the plan to move on. */
export const RISKS_AND_NEEDS = [
  'Medium risk of serious harm to known adults. Needs a single-occupancy bedspace; no children in the property.',
  'Low risk of serious harm. Alcohol use linked to offending; engaging with the prison drug and alcohol team.',
  'Medium risk to a former partner: exclusion zone on the licence. Anxiety; prescribed sertraline.',
  'Low risk of serious harm. Uses a walking stick: needs a ground-floor room.',
  'Medium risk of serious harm to the public. Opiate substitute prescription to continue on release.',
  'Low risk of serious harm. Rent arrears from a previous tenancy; no other debts known.',
]
export const MOVE_ON_PLANS = [
  'Housing register application made in custody; bidding with the caseworker each week.',
  'Private rented room through the council’s rent deposit scheme once in work.',
  'Return to the family home when the licence exclusion zone ends.',
  'Supported housing referral made; assessment booked for the first week.',
  'Move to their partner’s address once the COM has approved it.',
]

import { z } from 'zod'
import { isoDateField } from '../people/schemas.ts'
import { DUTY_TO_REFER_OUTCOMES, ELIGIBILITY, REQUIREMENTS } from './vocabulary.ts'

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : null))
/** Checkboxes post nothing, one string, or several. */
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : [v].flat().filter(Boolean)))
const yesNo = (message: string) => z.enum(['yes', 'no'], { message }).transform((v) => v === 'yes')
const optionalDate = (label: string) =>
  isoDateField(label)
    .optional()
    .or(z.literal('').transform(() => undefined))

export const PremisesInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter a name for the premises')
    .max(100, 'Name must be 100 characters or fewer'),
  addressLine1: z.string().trim().min(1, 'Enter the first line of the address').max(200),
  addressLine2: optionalText(200),
  town: optionalText(100),
  postcode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, 'Enter a real postcode, like SW1A 1AA'),
  localAuthorityCode: z.string().trim().min(1, 'Select the local authority'),
  pduCode: z.string().trim().min(1, 'Select the PDU'),
  characteristics: list,
  notes: optionalText(1000),
})
export type PremisesInput = z.infer<typeof PremisesInput>

export const BedspaceInput = z.object({
  reference: z
    .string()
    .trim()
    .min(1, 'Enter a bedspace reference')
    .max(50, 'Reference must be 50 characters or fewer'),
  startDate: isoDateField('the date the bedspace is available from'),
  characteristics: list,
  notes: optionalText(1000),
})
export type BedspaceInput = z.infer<typeof BedspaceInput>

export const ArchiveInput = z.object({ lastDate: isoDateField('the last date the bedspace is available') })

export const VoidInput = z
  .object({
    startDate: isoDateField('the first unavailable night'),
    endDate: isoDateField('the last unavailable night'),
    reasonId: z.string().trim().min(1, 'Select a reason'),
    notes: optionalText(1000),
  })
  .refine(
    (v) =>
      !/^\d{4}-\d{2}-\d{2}$/.test(v.startDate) ||
      !/^\d{4}-\d{2}-\d{2}$/.test(v.endDate) ||
      v.endDate >= v.startDate,
    {
      path: ['endDate'],
      message: 'The last unavailable night must be on or after the first',
    },
  )
export type VoidInput = z.infer<typeof VoidInput>

export const ReferralInput = z
  .object({
    personIdentifier: z.string().trim().min(1, 'Enter the person’s CRN or prison number'),
    consentGiven: z.enum(['yes', 'no'], { message: 'Say whether the person consents to the referral' }),
    consentDate: isoDateField('the date consent was given'),
    eligibility: z.enum(keys(ELIGIBILITY), { message: 'Select why the person is eligible' }),
    releaseDate: isoDateField('the release date'),
    placementPduCode: z.string().trim().min(1, 'Select the PDU the person will live in'),
    placementLocalAuthorityCode: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null),
    risksAndNeeds: z
      .string()
      .trim()
      .min(1, 'Describe the person’s risks and needs')
      .max(4000, 'Must be 4,000 characters or fewer'),
    risks: list,
    dutyToReferSubmitted: yesNo('Say whether a Duty to Refer was submitted'),
    dutyToReferDate: optionalDate('the date the Duty to Refer was submitted'),
    dutyToReferLocalAuthorityCode: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null),
    dutyToReferOutcome: z
      .enum(keys(DUTY_TO_REFER_OUTCOMES))
      .optional()
      .or(z.literal('').transform(() => undefined)),
    crsReferralMade: yesNo('Say whether a CRS accommodation referral was made'),
    requirements: list.refine((v) => v.every((r) => r in REQUIREMENTS), 'Select requirements from the list'),
    culturalNeeds: optionalText(1000),
    moveOnPlan: z
      .string()
      .trim()
      .min(1, 'Describe the move-on plan')
      .max(4000, 'Must be 4,000 characters or fewer'),
  })
  .superRefine((v, ctx) => {
    // CAS3 is voluntary: the referral cannot be made without the person's consent.
    if (v.consentGiven === 'no')
      ctx.addIssue({
        code: 'custom',
        path: ['consentGiven'],
        message: 'The person must consent before you refer them to CAS3',
      })
    if (v.dutyToReferSubmitted && !v.dutyToReferDate)
      ctx.addIssue({
        code: 'custom',
        path: ['dutyToReferDate'],
        message: 'Enter the date the Duty to Refer was submitted',
      })
    if (v.dutyToReferSubmitted && !v.dutyToReferOutcome)
      ctx.addIssue({
        code: 'custom',
        path: ['dutyToReferOutcome'],
        message: 'Select the Duty to Refer outcome',
      })
  })
export type ReferralInput = z.infer<typeof ReferralInput>

export const AssessInput = z
  .object({
    status: z.enum(['in_review', 'ready_to_place', 'rejected', 'closed'], {
      message: 'Select the assessment decision',
    }),
    rejectionReasonId: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null),
    rejectionNotes: optionalText(1000),
    version: z.coerce.number().int().positive(),
  })
  .refine((v) => v.status !== 'rejected' || v.rejectionReasonId, {
    path: ['rejectionReasonId'],
    message: 'Select why the referral is rejected',
  })
export type AssessInput = z.infer<typeof AssessInput>

export const SearchInput = z
  .object({
    arrivalDate: isoDateField('the arrival date'),
    departureDate: isoDateField('the expected departure date'),
    pduCode: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined),
    localAuthorityCode: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined),
    requirements: list,
    risks: list,
    referralId: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined),
  })
  .refine(
    (v) =>
      !/^\d{4}-\d{2}-\d{2}$/.test(v.departureDate) ||
      !/^\d{4}-\d{2}-\d{2}$/.test(v.arrivalDate) ||
      v.departureDate > v.arrivalDate,
    {
      path: ['departureDate'],
      message: 'The departure date must be after the arrival date',
    },
  )
export type SearchInput = z.infer<typeof SearchInput>

export const BookingInput = z
  .object({
    bedspaceId: z.uuid({ message: 'Choose a bedspace' }),
    referralId: z.uuid({ message: 'Choose the referral this booking is for' }),
    arrivalDate: isoDateField('the arrival date'),
    departureDate: isoDateField('the expected departure date'),
    overstayReason: optionalText(1000),
    confirmed: z
      .enum(['yes', 'no'])
      .optional()
      .transform((v) => v === 'yes'),
  })
  .refine(
    (v) =>
      !/^\d{4}-\d{2}-\d{2}$/.test(v.departureDate) ||
      !/^\d{4}-\d{2}-\d{2}$/.test(v.arrivalDate) ||
      v.departureDate > v.arrivalDate,
    {
      path: ['departureDate'],
      message: 'The departure date must be after the arrival date',
    },
  )
export type BookingInput = z.infer<typeof BookingInput>

const version = z.coerce.number().int().positive()
/**
 * The change-of-departure form names its date newDepartureDate, so it cannot be confused with the
 * departure form on the same page; the use case takes it as the departure date.
 */
export const ChangeDatesForm = z
  .object({
    newDepartureDate: isoDateField('the new expected departure date'),
    overstayReason: optionalText(1000),
    version,
  })
  .transform(({ newDepartureDate, ...rest }) => ({ ...rest, departureDate: newDepartureDate }))
export const CancelInput = z.object({
  reasonId: z.string().trim().min(1, 'Select why the booking is cancelled'),
  notes: optionalText(1000),
  version,
})
export const ArrivalInput = z.object({ arrivalDate: isoDateField('the arrival date'), version })
export const DepartureInput = z.object({
  departureDate: isoDateField('the departure date'),
  reasonId: z.string().trim().min(1, 'Select the reason for departure'),
  moveOnCategoryId: z.string().trim().min(1, 'Select where the person moved on to'),
  notes: optionalText(1000),
  version,
})
export const SimpleTransition = z.object({ version })
export const MoveOnAddressInput = z.object({
  address: z.string().trim().min(1, 'Enter the move-on address').max(500, 'Must be 500 characters or fewer'),
  version,
})

export const ReportQuery = z
  .object({
    from: isoDateField('the start date'),
    to: isoDateField('the end date'),
    regionCode: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null),
  })
  .refine((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v.from) || !/^\d{4}-\d{2}-\d{2}$/.test(v.to) || v.to >= v.from, {
    path: ['to'],
    message: 'The end date must be on or after the start date',
  })

import { z } from 'zod'
import { calendarDate, UUID_PATTERN } from '../../platform/validation/index.ts'
import { isoDateField } from '../people/schemas.ts'

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : null))
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : [v].flat().filter(Boolean)))
const optionalDate = (label: string) =>
  isoDateField(label)
    .optional()
    .or(z.literal('').transform(() => undefined))
const version = z.coerce.number().int().positive()
/** A required text field: missing and blank get the same message. */
const required = (message: string) => z.string({ message }).trim().min(1, message)

export const ChooseCategory = z.object({
  serviceCategoryId: required('Select a service category').regex(UUID_PATTERN, 'Select a service category'),
  version,
})
export type ChooseCategory = z.infer<typeof ChooseCategory>

/** A draft saves whatever is there; sending checks it is complete (see the service). */
export const DraftDetails = z.object({
  contractId: z
    .string()
    .regex(UUID_PATTERN, 'Select a contract')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  complexityLevelId: z
    .string()
    .regex(UUID_PATTERN, 'Select a complexity level')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  desiredOutcomeIds: list,
  reason: optionalText(4000, 'The reason for referral'),
  needs: optionalText(4000, 'Needs'),
  riskInformation: optionalText(4000, 'Risk information'),
  contactDetails: optionalText(1000, 'Contact details'),
  completionDeadline: optionalDate('the completion deadline'),
  version,
  intent: z.enum(['save', 'send']).default('save'),
})
export type DraftDetails = z.infer<typeof DraftDetails>

export const QualityInput = z.object({
  checklist: list,
  comments: optionalText(2000, 'Comments'),
})
export type QualityInput = z.infer<typeof QualityInput>

export const BookAssessment = z.object({ appointmentDate: isoDateField('the appointment date') })
export const RecordAssessment = z.object({ feedback: optionalText(2000, 'Feedback') })
export const ActionPlanInput = z.object({
  actionPlan: required('Enter the action plan').max(4000, 'The action plan must be 4000 characters or fewer'),
  sessions: z.coerce
    .number({ message: 'Enter the number of sessions' })
    .int('Enter a whole number of sessions')
    .min(1, 'Plan at least 1 session')
    .max(50, 'Plan 50 sessions or fewer'),
})
export type ActionPlanInput = z.infer<typeof ActionPlanInput>
export const SessionInput = z.object({
  appointmentDate: isoDateField('the session date'),
  attendance: z.enum(['attended', 'late', 'did_not_attend'], {
    message: 'Select whether the person attended',
  }),
  feedback: optionalText(2000, 'Feedback'),
  /** Ticked to confirm a session beyond the action plan's number (issue 12, defect 5). */
  overPlan: z
    .enum(['yes'])
    .optional()
    .transform((v) => v === 'yes'),
})
export type SessionInput = z.infer<typeof SessionInput>
export const ReportInput = z.object({
  summary: required('Enter a summary of the service').max(
    4000,
    'The summary must be 4000 characters or fewer',
  ),
})
export const EndInput = z.object({
  reasonCode: required('Select a reason'),
  comments: optionalText(2000, 'Comments'),
})
export type EndInput = z.infer<typeof EndInput>

export const ContractInput = z
  .object({
    reference: required('Enter the contract reference').max(
      50,
      'The reference must be 50 characters or fewer',
    ),
    providerOrganisationId: required('Select a provider').regex(UUID_PATTERN, 'Select a provider'),
    contractTypeId: required('Select a contract type').regex(UUID_PATTERN, 'Select a contract type'),
    serviceCategoryIds: list.refine((v) => v.length > 0, 'Select at least one service category'),
    regionCodes: list.refine((v) => v.length > 0, 'Select at least one region'),
    startDate: isoDateField('the start date'),
    endDate: isoDateField('the end date'),
    value: z
      .string({ message: 'Enter the contract value' })
      .trim()
      .regex(/^£?\d{1,12}(\.\d{1,2})?$/, 'Enter the contract value in pounds, like 250000 or 250000.50')
      .transform((v) => Math.round(Number(v.replace('£', '')) * 100)),
  })
  .superRefine((c, ctx) => {
    if (
      /^\d{4}-\d{2}-\d{2}$/.test(c.startDate) &&
      /^\d{4}-\d{2}-\d{2}$/.test(c.endDate) &&
      c.endDate < c.startDate
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: 'The end date must be on or after the start date',
      })
    }
  })
export type ContractInput = z.infer<typeof ContractInput>

/** A reporting period in the address bar; an impossible date is refused, not sent to the database. */
export const PeriodQuery = z.object({
  from: calendarDate('Enter a real start date').optional(),
  to: calendarDate('Enter a real end date').optional(),
})

export const QUALITY_GROUPINGS = ['referrer', 'pdu', 'prison', 'region'] as const
export type QualityGrouping = (typeof QUALITY_GROUPINGS)[number]

/** A contract's places a contract year and its end date (issue 16: contract places). */
export const ContractVolumeInput = z.object({
  placesPerYear: z
    .string({ message: 'Enter the places a year as a whole number, for example 240' })
    .trim()
    .regex(/^\d{1,6}$/, 'Enter the places a year as a whole number, for example 240')
    .transform(Number)
    .pipe(z.number().max(100_000, 'Places a year must be 100,000 or fewer')),
  endDate: isoDateField('the end date'),
  // Bounded to the column's integer range, so a tampered version is a 400, not a database error.
  version: version.max(2_147_483_647),
})
export type ContractVolumeInput = z.infer<typeof ContractVolumeInput>

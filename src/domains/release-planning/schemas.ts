import { z } from 'zod'
import { isoDateField } from '../people/schemas.ts'
import { uuidParam } from '../../platform/validation/index.ts'
import {
  ACTION_STATUSES,
  CONTACT_METHODS,
  DTR_OUTCOMES,
  HANDOVER_MEETING_STATUSES,
  NEED_STATUSES,
  PARTIES,
  PATHWAYS,
  PATHWAY_STATUSES,
  RELEASE_ROUTES,
  SCREENINGS,
  WORKLIST_FLAGS,
} from './vocabulary.ts'

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]
const version = z.coerce.number({ message: 'Reload the page and try again' }).int().min(0)
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : null))
/** A GOV.UK date input that may be left blank: blank is null, anything else must be a real date. */
const optionalDate = (label: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.union([z.null(), isoDateField(label)]))
const checkbox = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => v !== undefined && v !== '')
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : [v].flat().filter(Boolean)))

export const AssessmentForm = z.object({
  status: z.enum(keys(PATHWAY_STATUSES), { message: 'Select the pathway status' }),
  needIds: list,
  responsibleParty: z.enum(keys(PARTIES), { message: 'Select who is responsible for the new needs' }),
  version,
})
export type AssessmentForm = z.infer<typeof AssessmentForm>

export const NeedUpdate = z.object({
  status: z.enum(keys(NEED_STATUSES), { message: 'Select the need’s status' }),
  responsibleParty: z.enum(keys(PARTIES), { message: 'Select who is responsible' }),
  note: optionalText(1000),
  version,
})
export type NeedUpdate = z.infer<typeof NeedUpdate>

/** Each AUDIT-C answer is a radio with values 0 to 4. */
const auditAnswer = (message: string) => z.enum(['0', '1', '2', '3', '4'], { message }).transform(Number)
export const ScreeningForm = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('alcohol'),
    screenedOn: isoDateField('the date of the screening'),
    frequency: auditAnswer('Answer how often they drink'),
    units: auditAnswer('Answer how many units they drink on a typical day'),
    binge: auditAnswer('Answer how often they drink 6 or 8 units or more at once'),
  }),
  ...(
    ['neurodivergence', 'slcn', 'mental_health', 'drugs', 'gambling', 'care_experience', 'veteran'] as const
  ).map((kind) =>
    z.object({
      kind: z.literal(kind),
      screenedOn: isoDateField('the date of the screening'),
      result: z.enum(['positive', 'negative', 'declined'], { message: 'Select the result' }),
    }),
  ),
])
export type ScreeningForm = z.infer<typeof ScreeningForm>
export const SCREENING_KINDS = keys(SCREENINGS)

export const ActionForm = z.object({
  description: z
    .string()
    .trim()
    .min(1, 'Enter what needs to be done')
    .max(300, 'Must be 300 characters or fewer'),
  personNeedId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.union([z.null(), z.uuid({ message: 'Select a need from the list' })])),
  ownerParty: z.enum(keys(PARTIES), { message: 'Select who owns the action' }),
  ownerOrganisationId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.union([z.null(), z.uuid({ message: 'Select an organisation from the list' })])),
  ownerName: optionalText(120),
  dueDate: isoDateField('the due date'),
  status: z.enum(keys(ACTION_STATUSES), { message: 'Select the action’s status' }).default('not_started'),
  version,
})
export type ActionForm = z.infer<typeof ActionForm>

export const ReleaseDateChange = z.object({
  newReleaseDate: isoDateField('the new release date'),
  reason: z
    .string()
    .trim()
    .min(1, 'Enter why the release date changed')
    .max(500, 'Must be 500 characters or fewer'),
  version,
})
export type ReleaseDateChange = z.infer<typeof ReleaseDateChange>

export const HandoverForm = z.object({
  comName: optionalText(120),
  comAllocatedOn: optionalDate('the date the COM was allocated'),
  meetingStatus: z.enum(keys(HANDOVER_MEETING_STATUSES), { message: 'Select the handover meeting status' }),
  meetingDate: optionalDate('the meeting date'),
  notHeldReason: optionalText(500),
  attendees: optionalText(500),
  comContactOn: optionalDate('the date of the COM’s contact'),
  comContactMethod: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.union([z.null(), z.enum(keys(CONTACT_METHODS), { message: 'Select how the COM made contact' })])),
  packRisks: checkbox,
  releaseAddress: optionalText(300),
  version,
})
export type HandoverForm = z.infer<typeof HandoverForm>

export const ReleaseDayForm = z.object({
  releaseRoute: z.enum(keys(RELEASE_ROUTES), { message: 'Select how the person will be released' }),
  version,
})
export const FurtherDayDecision = z.object({
  decision: z.enum(['approved', 'refused'], { message: 'Select the governor’s decision' }),
  decidedBy: z
    .string()
    .trim()
    .min(1, 'Enter the name of the governor who decided')
    .max(120, 'Must be 120 characters or fewer'),
  version,
})

export const ChecklistForm = z.object({
  idDocument: checkbox,
  bankCard: checkbox,
  dischargeGrant: checkbox,
  medication: checkbox,
  travel: checkbox,
  firstAppointment: optionalText(300),
  sleepingTonight: optionalText(300),
  version,
})
export type ChecklistForm = z.infer<typeof ChecklistForm>

export const FirstNightForm = z.object({
  releasedOn: isoDateField('the date the person was released'),
  accommodationTypeCode: z.string().trim().min(1, 'Select where the person will sleep tonight'),
})

export const DutyToReferForm = z.object({
  receivedOn: isoDateField('the date the referral was received'),
  outcome: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(z.union([z.null(), z.enum(keys(DTR_OUTCOMES), { message: 'Select the outcome' })])),
  outcomeOn: optionalDate('the outcome date'),
  version,
})
export type DutyToReferForm = z.infer<typeof DutyToReferForm>

/**
 * The worklist's address: its window and flag, and the shared list parameters (platform/table
 * ListQuery: sort, order, page and a free-text filter on name, prison number or CRN). A choice of
 * view it does not know falls back to the default rather than failing.
 */
export const WorklistQuery = z.object({
  weeks: z.coerce
    .number()
    .pipe(z.union([z.literal(12), z.literal(24)]))
    .catch(12),
  flag: z.enum(keys(WORKLIST_FLAGS)).optional().catch(undefined),
  sort: z.enum(['release', 'flags', 'name']).optional().catch(undefined),
  order: z.enum(['asc', 'desc']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).catch(1),
  q: z.string().trim().max(100).optional(),
})
export const WorklistPageQuery = WorklistQuery.extend({
  format: z.enum(['csv', 'xlsx']).optional().catch(undefined),
})

export const MeasuresQuery = z.object({
  by: z.enum(['prison', 'pdu', 'region']).catch('prison'),
  from: isoDateField('the start date').optional().catch(undefined),
  to: isoDateField('the end date').optional().catch(undefined),
})
/**
 * A drill-down names its figure by area and measure. A malformed or missing one reads as absent
 * (`catch`), and the route answers "not found", as for a missing record, rather than a 400.
 */
export const DrillDownQuery = MeasuresQuery.extend({
  code: z.string().trim().min(1).max(20).optional().catch(undefined),
  measure: z
    .enum(['plan_quality', 'handover_held', 'com_contact', 'id_and_bank'])
    .optional()
    .catch(undefined),
  met: z.enum(['yes', 'no']).catch('no'),
})

/** Path parameters: ids are UUIDs, so anything else is a missing record (404). */
export const PersonParams = z.object({ id: uuidParam })
export const NeedParams = PersonParams.extend({ needId: uuidParam })
export const ActionParams = PersonParams.extend({ actionId: uuidParam })
/** A pathway in the address is its key in kebab case ("children-families-and-communities"). */
export const PathwayParams = PersonParams.extend({
  pathway: z
    .string()
    .max(60)
    .transform((s) => s.toUpperCase().replaceAll('-', '_'))
    .pipe(z.enum(keys(PATHWAYS))),
})

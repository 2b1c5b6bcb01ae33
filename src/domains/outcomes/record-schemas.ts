/**
 * Input for offences, orders and licences, and programmes. The API takes JSON (booleans, numbers);
 * the forms post strings ("yes"/"no", blank for "not given"), so each form schema is the API
 * schema with those fields read from their form shape. The service's input types come from here.
 */
import { z } from 'zod'
import { isoDateField } from '../people/schemas.ts'
import { ORDER_KINDS, TERMINATION_REASONS } from './records-read.ts'

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]
const version = z.coerce.number({ message: 'Reload the page and try again' }).int().min(0)
const text = (missing: string, max: number, label: string) =>
  z
    .string({ message: missing })
    .trim()
    .min(1, missing)
    .max(max, `${label} must be ${max} characters or fewer`)
const pdu = (message: string) => z.string({ message }).trim().min(1, message)
const disposal = z.enum(['conviction', 'caution'], { message: 'Select conviction or caution' })
const provenDate = isoDateField('the date it was proven')
/** A blank form field means the answer was not given. */
const blankIsAbsent = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional())
const yesNo = (message: string) => z.enum(['yes', 'no'], { message }).transform((v) => v === 'yes')

export const OffenceInput = z.object({
  offenceDate: isoDateField('the date of the offence'),
  description: text('Enter what the offence was', 500, 'The description'),
  disposal: disposal.optional(),
  provenDate: provenDate.optional(),
})
export type OffenceInput = z.infer<typeof OffenceInput>

/** Proof that arrives after the offence was recorded: the conviction or caution and its date. */
export const ProofInput = z.object({ disposal, provenDate })
export type ProofInput = z.infer<typeof ProofInput>

export const OrderInput = z.object({
  kind: z.enum(keys(ORDER_KINDS), { message: 'Select the kind of order' }),
  custodyEpisodeId: z.uuid({ message: 'Choose the release the licence follows' }).optional(),
  pduCode: pdu('Select the PDU that supervises the order'),
  startDate: isoDateField('the start date'),
})
export type OrderInput = z.infer<typeof OrderInput>

export const Termination = z.object({
  terminatedOn: isoDateField('the date it ended'),
  reason: z.enum(keys(TERMINATION_REASONS), { message: 'Select why it ended' }),
  requirementsComplete: z.boolean({ message: 'Say whether the requirements were complete' }),
  version,
})
export type Termination = z.infer<typeof Termination>

export const ProgrammeInput = z.object({
  name: text('Enter the programme’s name', 200, 'The name'),
  sexualOffending: z.boolean({ message: 'Say whether it is a sexual offending programme' }),
  pduCode: pdu('Select the PDU that runs the programme'),
  startedOn: isoDateField('the start date'),
})
export type ProgrammeInput = z.infer<typeof ProgrammeInput>

export const ProgrammeEnd = z.object({
  terminatedOn: isoDateField('the date it ended'),
  completed: z.boolean({ message: 'Say whether the programme was completed' }),
  version,
})
export type ProgrammeEnd = z.infer<typeof ProgrammeEnd>

// The forms' shapes. "Not yet proven" posts disposal=none.
export const OffenceForm = OffenceInput.extend({
  disposal: z.preprocess((v) => (v === '' || v === 'none' ? undefined : v), disposal.optional()),
  provenDate: blankIsAbsent(provenDate),
})
export const OrderForm = OrderInput.extend({
  custodyEpisodeId: blankIsAbsent(OrderInput.shape.custodyEpisodeId.unwrap()),
})
export const TerminationForm = Termination.extend({
  requirementsComplete: yesNo('Say whether the requirements were complete'),
})
export const ProgrammeForm = ProgrammeInput.extend({
  sexualOffending: yesNo('Say whether it is a sexual offending programme'),
})
export const ProgrammeEndForm = ProgrammeEnd.extend({
  completed: yesNo('Say whether the programme was completed'),
})

// What the API answers.
const date = z.string()
export const OutcomeRecordsView = z.object({
  personId: z.string(),
  offences: z.array(
    z.object({
      id: z.string(),
      offenceDate: date,
      description: z.string(),
      disposal: z.enum(['conviction', 'caution']).nullable(),
      provenDate: date.nullable(),
    }),
  ),
  orders: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(keys(ORDER_KINDS)),
      custodyEpisodeId: z.string().nullable(),
      releaseDate: date.nullable().describe('The release a licence follows'),
      regionCode: z.string(),
      pduCode: z.string(),
      startDate: date,
      terminatedOn: date.nullable(),
      terminationReason: z.enum(keys(TERMINATION_REASONS)).nullable(),
      requirementsComplete: z.boolean().nullable(),
      version: z.number(),
    }),
  ),
  programmes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      sexualOffending: z.boolean(),
      regionCode: z.string(),
      pduCode: z.string(),
      startedOn: date,
      terminatedOn: date.nullable(),
      completed: z.boolean().nullable(),
      version: z.number(),
    }),
  ),
})

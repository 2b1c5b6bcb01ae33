import { z } from 'zod'
import { isoDateField } from '../people/schemas.ts'
import { EMPLOYMENT_STATUSES, SOURCES, TREATMENT_STATUSES } from './vocabulary.ts'

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]

const common = {
  custodyEpisodeId: z.uuid({ message: 'Choose the release this status belongs to' }),
  effectiveDate: isoDateField('the date the status applies from'),
  source: z.enum(keys(SOURCES), { message: 'Select who is reporting this status' }),
  supersedesId: z.uuid().optional(),
  note: z.string().trim().max(1000, 'Note must be 1,000 characters or fewer').optional(),
}

export const RecordStatus = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('accommodation'),
    accommodationTypeCode: z.string().trim().min(1, 'Select the accommodation'),
    ...common,
  }),
  z.object({
    kind: z.literal('employment'),
    employmentStatus: z.enum(keys(EMPLOYMENT_STATUSES), { message: 'Select the employment status' }),
    ...common,
  }),
  z.object({
    kind: z.literal('treatment'),
    treatmentStatus: z.enum(keys(TREATMENT_STATUSES), { message: 'Select the treatment status' }),
    ...common,
  }),
])
export type RecordStatus = z.infer<typeof RecordStatus>

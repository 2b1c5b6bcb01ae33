import { z } from 'zod'
import { calendarDate, IdParams, safeText } from '../../platform/validation/index.ts'
import { PATHWAYS } from './rules.ts'

export const PARTIES = ['dwp', 'council', 'health', 'voluntary', 'other'] as const
export const PARTY_LABELS: Record<(typeof PARTIES)[number], string> = {
  dwp: 'Department for Work and Pensions (for example a work coach)',
  council: 'Council (for example housing support)',
  health: 'Health service',
  voluntary: 'Voluntary or community organisation',
  other: 'Someone else',
}

export const PersonParams = z.object({ personId: IdParams.shape.id })

/** The GOV.UK date inputs are joined into `startedOn` and `endedOn` before this runs. */
export const ServiceEpisodeInput = z
  .object({
    pathway: z.enum(PATHWAYS, { message: 'Choose the pathway the service is on' }),
    party: z.enum(PARTIES, { message: 'Choose who gives the service' }),
    providerName: safeText(120).refine((s) => s.trim().length > 0, 'Enter who provides the service'),
    startedOn: z
      .string({ message: 'Enter the date the service started' })
      .min(1, 'Enter the date the service started')
      .pipe(calendarDate('Enter a real date for when the service started')),
    endedOn: z
      .string()
      .optional()
      .transform((s) => (s ? s : null))
      .pipe(calendarDate('Enter a real date for when the service ended').nullable()),
  })
  .refine((s) => s.endedOn === null || s.endedOn >= s.startedOn, {
    message: 'The end date must be on or after the start date',
    path: ['endedOn'],
  })
  .transform((s) => ({ ...s, providerName: s.providerName.trim() }))
export type ServiceEpisodeInput = z.infer<typeof ServiceEpisodeInput>

export const CoverageQuery = z.object({
  download: z.enum(['report', 'worklist']).optional(),
  format: z.enum(['csv', 'xlsx']).optional(),
})

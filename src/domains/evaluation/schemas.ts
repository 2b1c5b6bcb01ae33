import { z } from 'zod'
import { isoDateField } from '../people/schemas.ts'

export const CRN = /^[A-Z]\d{6}$/
export const PRISON_NUMBER = /^[A-Z]\d{4}[A-Z]{2}$/
const MAX_LIST = 50_000

/**
 * Who received the service. Criteria by what was received are combined with `combine`: 'any'
 * (received at least one, the default) or 'all'. Lists of releases, CRNs or prison numbers are
 * for services recorded elsewhere; they are added to (any) or intersected with (all) the rest.
 */
export const ServiceCriteria = z.object({
  crs: z
    .object({
      serviceCategoryIds: z.array(z.uuid()).max(50).optional(),
      contractIds: z.array(z.uuid()).max(50).optional(),
      completed: z.boolean().optional().describe('Only CRS interventions that were completed'),
    })
    .optional()
    .describe('A CRS referral sent for the release (not a draft, not cancelled)'),
  cas3Stay: z.boolean().optional().describe('Stayed in CAS3 accommodation after the release'),
  programme: z
    .enum(['started', 'completed'])
    .optional()
    .describe('An accredited programme started (or completed) within a year after the release'),
  combine: z.enum(['any', 'all']).default('any'),
})
export type ServiceCriteria = z.infer<typeof ServiceCriteria>

export const TreatmentDefinition = z
  .object({
    releaseIds: z.array(z.uuid()).max(MAX_LIST).optional().describe('Custody episode ids of the releases'),
    crns: z
      .array(z.string().trim().toUpperCase().regex(CRN, 'A CRN is a letter and six digits, like X123456'))
      .max(MAX_LIST)
      .optional(),
    prisonNumbers: z
      .array(z.string().trim().toUpperCase().regex(PRISON_NUMBER, 'A prison number is like A1234BC'))
      .max(MAX_LIST)
      .optional(),
    services: ServiceCriteria.optional(),
  })
  .refine(
    (t) =>
      (t.releaseIds?.length ?? 0) + (t.crns?.length ?? 0) + (t.prisonNumbers?.length ?? 0) > 0 ||
      (t.services !== undefined &&
        (t.services.crs !== undefined || t.services.cas3Stay === true || t.services.programme !== undefined)),
    {
      message: 'Say who received the service: a service, a programme, CAS3, or a list of people',
      path: ['services'],
    },
  )
export type TreatmentDefinition = z.infer<typeof TreatmentDefinition>

export const Settings = z.object({
  caliper: z.number().positive().max(2).default(0.2).describe('Caliper in standard deviations of the logit'),
  k: z.number().int().min(1).max(10).default(1).describe('Comparison people per treated person'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  minMatchedTreated: z.number().int().min(20).max(100_000).default(60),
})

export const EvaluationRequest = z
  .object({
    name: z.string().trim().min(1, 'Enter a name').max(200, 'Name must be 200 characters or fewer'),
    treatment: TreatmentDefinition,
    from: isoDateField('the start of the release window'),
    to: isoDateField('the end of the release window'),
    caliper: Settings.shape.caliper,
    k: Settings.shape.k,
    seed: Settings.shape.seed,
    minMatchedTreated: Settings.shape.minMatchedTreated,
  })
  .refine((v) => v.to >= v.from, {
    message: 'The end of the window must not be before its start',
    path: ['to'],
  })
export type EvaluationRequest = z.infer<typeof EvaluationRequest>

export const EvaluationId = z.object({ id: z.uuid({ message: 'Not an evaluation id' }) })

const rate = 'Proportion 0 to 1 for rates; a count or days for means'
export const EvaluationView = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.object({ step: z.string().nullable(), percent: z.number() }),
  inputs: z.object({
    treatment: z.unknown(),
    from: z.string(),
    to: z.string(),
    asOf: z.string(),
    caliper: z.number(),
    k: z.number(),
    seed: z.number(),
    minMatchedTreated: z.number(),
    covariates: z.array(z.string()),
    codeVersion: z.string(),
  }),
  treated: z.number().nullable().describe('Null while running, or when 1 to 4 (withheld)'),
  matched: z.number().nullable(),
  droppedOutsideSupport: z.number().nullable(),
  balance: z.array(
    z.object({ covariate: z.string(), smdBefore: z.number().nullable(), smdAfter: z.number().nullable() }),
  ),
  outcomes: z.array(
    z.object({
      outcome: z.string(),
      treatedValue: z.number().describe(rate),
      comparisonValue: z.number().describe(rate),
      difference: z.number(),
      ciLow: z.number(),
      ciHigh: z.number(),
      pValue: z.number(),
      nTreated: z.number().nullable(),
      nComparison: z.number().nullable(),
    }),
  ),
  naive: z.array(z.object({ outcome: z.string(), difference: z.number().nullable() })),
  refused: z.string().optional(),
  warnings: z.array(z.string()),
  headline: z.string().nullable(),
  error: z.string().optional(),
})
export type EvaluationView = z.infer<typeof EvaluationView>

import { z } from 'zod'
import type { OrganisationKind } from '../../platform/db/schema.ts'

export const KIND_LABELS: Record<OrganisationKind, string> = {
  national: 'National',
  probation_region: 'Probation region',
  pdu: 'Probation Delivery Unit (PDU)',
  prison: 'Prison',
  council: 'Council',
  provider: 'Provider',
  health: 'Health',
}

/** The order kinds appear in lists and grouped selects: national first, then as scope narrows. */
export const KINDS = Object.keys(KIND_LABELS) as OrganisationKind[]

/**
 * Prisons, regions, PDUs, councils and the national organisation are made by the reference data
 * loader from the registers; only providers and health organisations have no register to load.
 */
export const CREATABLE_KINDS = ['provider', 'health'] as const satisfies OrganisationKind[]

const blankAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

export const OrganisationFilter = z.object({
  kind: z.preprocess(
    blankAsUndefined,
    z
      .enum(KINDS as [OrganisationKind, ...OrganisationKind[]], {
        message: 'Select a kind of organisation from the list',
      })
      .optional(),
  ),
  name: z.preprocess(
    blankAsUndefined,
    z.string().trim().max(200, 'Name must be 200 characters or fewer').optional(),
  ),
})
export type OrganisationFilter = z.infer<typeof OrganisationFilter>

export const CreateOrganisation = z.object({
  kind: z.enum(CREATABLE_KINDS, { message: 'Select whether this is a provider or a health organisation' }),
  name: z
    .string({ message: 'Enter the organisation’s name' })
    .trim()
    .min(1, 'Enter the organisation’s name')
    .max(200, 'Name must be 200 characters or fewer'),
})
export type CreateOrganisation = z.infer<typeof CreateOrganisation>

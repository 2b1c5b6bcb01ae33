import { z } from 'zod'
import type { AuditAction, AuditOutcome } from '../../platform/db/schema.ts'
import { isIsoDate } from '../../platform/calendar/index.ts'
import { ListQuery } from '../../platform/table/index.ts'

export const ACTION_LABELS: Record<AuditAction, string> = {
  read: 'Read',
  search: 'Search',
  create: 'Create',
  update: 'Update',
  export: 'Export',
  sign_in: 'Sign in',
  sign_out: 'Sign out',
  admin: 'Administration',
}
export const OUTCOME_LABELS: Record<AuditOutcome, string> = {
  allowed: 'Allowed',
  denied: 'Denied',
  not_found: 'Not found',
}

const ACTIONS = Object.keys(ACTION_LABELS) as [AuditAction, ...AuditAction[]]
const OUTCOMES = Object.keys(OUTCOME_LABELS) as [AuditOutcome, ...AuditOutcome[]]

export const PAGE_SIZE = 50
/** Deeper than this, offsets get slow and nobody reads on: narrow the filter or download instead. */
export const MAX_PAGE = 1000

function realDate(iso: string): boolean {
  if (!isIsoDate(iso)) return false
  const y = Number(iso.slice(0, 4))
  return y >= 1900 && y <= 2200
}

const blankAsUndefined = (v: unknown) =>
  typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsUndefined, schema.optional())
const dateField = (label: string) =>
  optional(z.string().refine(realDate, `${label} must be a real date, like 27 3 2026 or 2026-03-27`))

/** The audit search filter, after GOV.UK date inputs are joined into ISO dates. */
export const AuditFilter = z
  .object({
    personId: optional(
      z.uuid({
        message: 'Enter a person ID in the correct format, like 3f2504e0-4f89-41d3-9a0c-0305e82c3301',
      }),
    ),
    email: optional(
      z.string().max(320).email('Enter an email address in the correct format, like name@example.gov.uk'),
    ),
    action: optional(z.enum(ACTIONS, { message: 'Select an action from the list' })),
    outcome: optional(z.enum(OUTCOMES, { message: 'Select an outcome from the list' })),
    from: dateField('From date'),
    to: dateField('To date'),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ['to'],
    message: 'To date must be the same as or after the from date',
  })
export type AuditFilter = z.infer<typeof AuditFilter>

export const PageNumber = z.object({ page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1) })

/** How the events are shown: the order of the time column, and a download of the same filter. */
export const AuditView = z.object({
  sort: ListQuery.shape.sort.catch(undefined),
  order: ListQuery.shape.order.catch(undefined),
  format: z.enum(['csv', 'xlsx']).optional().catch(undefined),
})

export const actionOptions = (selected: unknown) => [
  { value: '', text: 'Any action' },
  ...ACTIONS.map((a) => ({ value: a, text: ACTION_LABELS[a], selected: a === selected })),
]
export const outcomeOptions = (selected: unknown) => [
  { value: '', text: 'Any outcome' },
  ...OUTCOMES.map((o) => ({ value: o, text: OUTCOME_LABELS[o], selected: o === selected })),
]

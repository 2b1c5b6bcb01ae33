import { z } from 'zod'
import { isCalendarDate } from '../../platform/validation/index.ts'
import { isoDateField } from '../people/schemas.ts'
import { MEASURES } from './measures.ts'
import { ListQuery } from '../../platform/table/index.ts'

const measureKeys = MEASURES.map((m) => m.key) as [string, ...string[]]

const percent = (label: string) =>
  z.coerce
    .number({ message: `Enter ${label} as a number` })
    .min(0, `${label[0]?.toUpperCase()}${label.slice(1)} must be between 0 and 100`)
    .max(100, `${label[0]?.toUpperCase()}${label.slice(1)} must be between 0 and 100`)

export const NewTarget = z
  .object({
    regionCode: z.string().trim().min(1, 'Select a region'),
    measureKey: z.enum(measureKeys, { message: 'Select a measure' }),
    baselineValue: percent('the baseline'),
    baselineDate: isoDateField('the baseline date'),
    kind: z.enum(['maintain', 'increase_by', 'reach', 'increase'], { message: 'Select the kind of target' }),
    amount: z.preprocess((v) => (v === '' ? undefined : v), percent('the amount').optional()),
    deadline: isoDateField('the deadline'),
  })
  .superRefine((v, ctx) => {
    if ((v.kind === 'increase_by' || v.kind === 'reach') && v.amount === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'Enter the percentage points or the rate to reach',
      })
    }
  })
export type NewTarget = z.infer<typeof NewTarget>

/** A region, PDU or prison code as the reference data spells them (N07, N51BLDA, LPI). */
export const areaCode = z.string().regex(/^[A-Z0-9]{2,12}$/)

/** A region in the path: anything else names no region, so it is not found (404). */
export const RegionParams = z.object({ region: areaCode })
/** A measure key in the path; one that is well formed but unknown is the service's "not found". */
export const DrillParams = RegionParams.extend({ measure: z.string().regex(/^[a-z0-9_]{1,40}$/) })

/** Which of a page's tables to download: a table id (see view-models.ts). */
export const TableId = z.string().regex(/^[a-z0-9-]{1,40}$/, 'Choose one of the page’s tables')

/** A query parameter sent blank (`region=`) is one not sent. */
const blankIsAbsent = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional())

/** A PDU or prison to narrow to (issue 12, item 3): malformed is a 400, unknown or out of scope a 404. */
const areaFilter = (what: string) => blankIsAbsent(z.string().regex(/^[A-Z0-9]{2,12}$/, `Choose a ${what}`))

export const DashboardQuery = z.object({
  measure: z.enum(measureKeys).catch('housed_first_night'),
  pdu: areaFilter('PDU'),
  prison: areaFilter('prison'),
  download: TableId.optional(),
  format: z.enum(['csv', 'xlsx']).optional(),
})

export const DrillQuery = z.object({
  period: z
    .string({ message: 'Choose a period' })
    .regex(/^\d{4}-\d{2}-01$/, 'Choose a period')
    .refine(isCalendarDate, 'Choose a period'),
  unit: z.enum(['quarter', 'month']).catch('quarter'),
  pdu: areaCode.optional(),
  prison: areaCode.optional(),
  format: z.enum(['csv', 'xlsx']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  counted: z.enum(['numerator', 'denominator', 'unknown', 'excluded']).optional().catch(undefined),
  // Sort and filter the list (issue 12 item 3), in the address so a link or a download keeps them.
  sort: ListQuery.shape.sort,
  order: ListQuery.shape.order,
  q: z
    .string()
    .max(100, 'Enter 100 characters or fewer')
    .optional()
    .transform((v) => v?.trim() || undefined),
})

/** The measures API: whole periods by national, region, PDU or prison, optionally one region. */
export const MeasuresQuery = z.object({
  unit: z.enum(['quarter', 'month'], { message: 'Choose quarter or month' }).default('quarter'),
  groupBy: z
    .enum(['national', 'region', 'pdu', 'prison'], { message: 'Choose national, region, pdu or prison' })
    .default('region'),
  region: blankIsAbsent(z.string().regex(/^[A-Z0-9]{2,10}$/, 'Give the code of a region')).describe(
    'One region; needed to group by PDU or prison or to narrow to a prison (a regional lead’s own by default)',
  ),
  measure: blankIsAbsent(z.enum(measureKeys, { message: 'Give the key of a measure' })),
  pdu: areaFilter('PDU').describe('Count only the releases supervised by this PDU (a code in your scope)'),
  prison: areaFilter('prison').describe('Count only the releases from this prison (a code in your scope)'),
  from: blankIsAbsent(
    isoDateField('the start date').describe('A date in the first period (its start is used)'),
  ),
  to: blankIsAbsent(isoDateField('the end date').describe('A date in the last period (its end is used)')),
})
export type MeasuresQuery = z.infer<typeof MeasuresQuery>

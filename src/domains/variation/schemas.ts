import { z } from 'zod'
import { MEASURES } from '../outcomes/measures.ts'
import { SPLIT_KEYS } from './splits.ts'

/** The release-based measures: the person-level extract is of releases (extract.ts). */
export const RELEASE_MEASURE_KEYS = MEASURES.filter((m) => m.type !== 'termination').map((m) => m.key) as [
  string,
  ...string[],
]
/** Every official measure splits (issue 14), the termination measures by the quarter they ended in. */
export const MEASURE_KEYS = MEASURES.map((m) => m.key) as [string, ...string[]]

const quarter = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, 'Give a quarter as YYYY-Qn, for example 2025-Q2')
  .optional()

const by = z
  .string()
  .default('sex')
  .transform((s) => s.split(',').map((x) => x.trim()))
  .pipe(
    z
      .array(z.enum(SPLIT_KEYS, { message: `Split by one or two of: ${SPLIT_KEYS.join(', ')}` }))
      .min(1)
      .max(2, 'Split by at most two things at once')
      .refine((a) => a.length < 2 || a[0] !== a[1], 'Give two different splits'),
  )

// The page's area choices post an empty value for "all areas I can see"; that means no filter.
const code = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .regex(/^[A-Z0-9]{2,10}$/, 'Give a region or PDU code')
    .optional(),
)

export const VariationQuery = z.object({
  measure: z
    .enum(MEASURE_KEYS, { message: 'Choose one of the outcome measures' })
    .default('employed_6_months'),
  by,
  from: quarter,
  to: quarter,
  region: code,
  pdu: code,
})
export type VariationQuery = z.infer<typeof VariationQuery>

export const FunnelQuery = z.object({
  measure: z
    .enum(MEASURE_KEYS, { message: 'Choose one of the outcome measures' })
    .default('employed_6_months'),
  level: z.enum(['prison', 'pdu', 'region']).default('pdu'),
  from: quarter,
  to: quarter,
})
export type FunnelQuery = z.infer<typeof FunnelQuery>

/** Which of a page's tables to download, and as what. */
export const PageExtras = z.object({
  download: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'Choose one of the page’s tables')
    .optional(),
  format: z.enum(['csv', 'xlsx'], { message: 'Choose CSV or XLSX' }).optional(),
})

/** The explorer page: the API's query, plus a download of one of its tables. */
export const ExplorerQuery = VariationQuery.extend(PageExtras.shape)
export const FunnelPageQuery = FunnelQuery.extend(PageExtras.shape)

/** A group's value as the splits name them ('Female', 'Asian or Asian British', 'N07'). */
const groupValue = z.string().min(1, 'Give the group').max(100, 'Give a group of 100 characters or fewer')

export const DrillQuery = VariationQuery.extend({
  group: z
    .union([groupValue, z.array(groupValue).max(2, 'Give at most two groups')])
    .transform((g) => (Array.isArray(g) ? g : [g])),
  page: z.coerce.number().int().min(1).max(10000).default(1),
})

const count = z.number().nullable().describe('Null when withheld (disclosure control)')
const figure = { numerator: count, denominator: count, rate: z.number().nullable().describe('Per cent') }

export const VariationView = z.object({
  measure: z.string(),
  by: z.array(z.string()),
  from: z.string(),
  to: z.string(),
  threshold: z.number().describe('Counts from 1 to threshold − 1 and rates on fewer releases are withheld'),
  provisional: z
    .boolean()
    .describe('True when a quarter in the range has releases yet to reach the checkpoint'),
  overall: z.object(figure),
  cells: z.array(
    z.object({
      group: z.record(z.string(), z.string()),
      ...figure,
      ciLow: z.number().nullable().describe('95% Wilson score interval, per cent'),
      ciHigh: z.number().nullable(),
      pValue: z
        .number()
        .nullable()
        .describe('Two-proportion z test against the rest of the population, Holm-adjusted'),
      significant: z.boolean(),
      suppressed: z.boolean(),
    }),
  ),
  totals: z.array(z.object({ group: z.record(z.string(), z.string()), ...figure, suppressed: z.boolean() })),
})

export const FunnelView = z.object({
  measure: z.string(),
  level: z.string(),
  from: z.string(),
  to: z.string(),
  threshold: z.number(),
  nationalRate: z.number().nullable().describe('England and Wales, per cent: the centre line'),
  correction: z
    .object({
      method: z.literal('holm'),
      familyAlpha: z.number().describe('Family-wise level: 0.002, the 99.8% limits’ own'),
      areasCompared: z.number().describe('The published points, the family corrected for'),
    })
    .describe('An area is an outlier only when its exact test survives this correction'),
  points: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      ...figure,
      suppressed: z.boolean(),
      lower95: z.number().nullable(),
      upper95: z.number().nullable(),
      lower998: z.number().nullable(),
      upper998: z.number().nullable(),
      beyond998: z.boolean().describe('Outside the 99.8% limits as drawn, before any correction'),
      pValue: z
        .number()
        .nullable()
        .describe('Two-sided exact binomial test against the national rate (twice the smaller tail)'),
      adjustedPValue: z
        .number()
        .nullable()
        .describe('pValue adjusted by Holm’s method across the areas compared'),
      status: z
        .enum([
          'outlier_high',
          'outlier_low',
          'beyond_998_high',
          'beyond_998_low',
          'alert_high',
          'alert_low',
          'within',
          'withheld',
        ])
        .describe(
          'outlier_*: beyond 99.8% and adjustedPValue under correction.familyAlpha; beyond_998_*: beyond the 99.8% limit but not after the correction, so not named an outlier; alert_*: beyond 95% only',
        ),
    }),
  ),
})
export type DrillQuery = z.infer<typeof DrillQuery>

export const ExtractQuery = z.object({
  measure: z.enum(RELEASE_MEASURE_KEYS, { message: 'Choose one of the release measures' }),
  from: quarter,
  to: quarter,
  k: z.coerce.number().int().min(2, 'k must be at least 2').max(100, 'k must be at most 100').default(10),
})
export type ExtractQuery = z.infer<typeof ExtractQuery>

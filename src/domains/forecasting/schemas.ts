import { z } from 'zod'
import { LEVELS, SERIES } from './model.ts'
import { isIsoDate } from '../../platform/calendar/index.ts'

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')
  .refine(isIsoDate, 'Enter a real date')

/** Query strings repeat a key as an array; the last one wins. */
const one = <T extends z.ZodType>(inner: T) =>
  z.preprocess(
    (v: unknown): unknown => (Array.isArray(v) ? (v as unknown[])[v.length - 1] : v === '' ? undefined : v),
    inner,
  )

export const ForecastQuery = z.object({
  asOf: one(isoDate.optional()).describe(
    'Forecast from the first day of this date’s month; default this month',
  ),
  horizon: one(z.coerce.number().int().min(1).max(36).default(36)).describe('Months ahead, 1 to 36'),
  level: one(z.enum(LEVELS).default('region')),
  series: one(z.enum(SERIES).default('releases')),
  scenario: one(z.string().uuid('Choose a saved scenario').or(z.literal('baseline')).default('baseline')),
})
export type ForecastQuery = z.infer<typeof ForecastQuery>

export const BacktestQuery = z.object({
  asOf: one(isoDate.optional()).describe('When the forecast was made; default 12 months before this month'),
  horizon: one(z.coerce.number().int().min(1).max(24).default(12)).describe(
    'Months forecast, all of them over',
  ),
})
export type BacktestQuery = z.infer<typeof BacktestQuery>

export const ForecastPage = ForecastQuery.extend({
  download: one(z.enum(['summary', 'forecast']).optional()),
  format: one(z.enum(['csv', 'xlsx']).optional()),
})

export const ScenarioInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter a name for the scenario')
    .max(80, 'Name must be 80 characters or fewer'),
  receptionsChangePct: z.coerce
    .number({ message: 'Enter the change in receptions as a number' })
    .min(-90, 'Receptions can fall by at most 90%')
    .max(200, 'Receptions can rise by at most 200%'),
  sdsReleasePoint: z.coerce
    .number({ message: 'Enter the release point as a percentage' })
    .min(20, 'The release point must be at least 20% of the sentence')
    .max(100, 'The release point cannot be more than the whole sentence')
    .transform((pct) => pct / 100),
  recallRateChangePct: z.coerce
    .number({ message: 'Enter the change in the recall rate as a number' })
    .min(-90, 'The recall rate can fall by at most 90%')
    .max(200, 'The recall rate can rise by at most 200%'),
})
export type ScenarioInput = z.infer<typeof ScenarioInput>

const Point = z.object({
  area: z.string(),
  month: z.string().describe('First day of the month'),
  value: z.number(),
  low: z.number().describe('Lower end of the 95% band'),
  high: z.number().describe('Upper end of the 95% band'),
})
export const ForecastView = z.object({
  asOf: z.string(),
  level: z.enum(LEVELS),
  series: z.enum(SERIES),
  scenario: z.string(),
  points: z.array(Point),
})
export const BacktestView = z.object({
  asOf: z.string(),
  horizon: z.number(),
  errors: z.array(
    z.object({
      area: z.string(),
      series: z.enum(['releases', 'caseload']),
      mape: z
        .number()
        .nullable()
        .describe('Mean absolute percentage error over the months with an actual above 0'),
      months: z.array(z.object({ month: z.string(), forecast: z.number(), actual: z.number() })),
    }),
  ),
})

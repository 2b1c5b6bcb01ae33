import { z } from 'zod'
import { isoDate } from './search-query.ts'

const ISO = /^\d{4}-\d{2}-\d{2}$/

/** An ISO date that exists on the calendar. GOV.UK date inputs are joined into one before parsing. */
export const isoDateField = (label: string) =>
  z
    .string({ message: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine(
      (v) => {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
        return Boolean(m && isoDate(Number(m[1]), Number(m[2]), Number(m[3])))
      },
      `${label[0]?.toUpperCase()}${label.slice(1)} must be a real date`,
    )

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : null))

export const PersonInput = z.object({
  givenName: z
    .string()
    .trim()
    .min(1, 'Enter a first name')
    .max(100, 'First name must be 100 characters or fewer'),
  familyName: z
    .string()
    .trim()
    .min(1, 'Enter a last name')
    .max(100, 'Last name must be 100 characters or fewer'),
  dateOfBirth: isoDateField('date of birth'),
  sex: z.enum(['male', 'female', 'intersex', 'not_stated'], { message: 'Select sex' }),
  ethnicGroupCode: optionalText(4),
  prisonNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]\d{4}[A-Z]{2}$/, 'Enter a prison number in the correct format, like A1234BC')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  crn: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]\d{6}$/, 'Enter a CRN in the correct format, like X123456')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  pncId: optionalText(20),
  communicationNeeds: optionalText(500),
  preferredLanguage: optionalText(50),
})
export type PersonInput = z.infer<typeof PersonInput>

export const PersonUpdate = PersonInput.extend({ version: z.coerce.number().int().positive() })
export type PersonUpdate = z.infer<typeof PersonUpdate>

export const EpisodeInput = z
  .object({
    prisonCode: z.string().trim().min(1, 'Select a prison'),
    sentenceType: z.enum(['determinate', 'extended_determinate', 'indeterminate', 'recall'], {
      message: 'Select a sentence type',
    }),
    sentenceLengthBand: z.enum(
      ['under_12_months', '12_months_to_under_4_years', '4_years_or_more', 'indeterminate'],
      {
        message: 'Select a sentence length',
      },
    ),
    sentenceDate: isoDateField('the sentence date'),
    expectedReleaseDate: isoDateField('the expected release date'),
    licenceEndDate: isoDateField('the licence end date')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    mappaLevel: z.coerce
      .number()
      .int()
      .min(1)
      .max(3)
      .optional()
      .or(z.literal('').transform(() => undefined)),
    pduCode: z.string().trim().min(1, 'Select the PDU the person will be supervised by'),
    localAuthorityCode: z
      .string()
      .trim()
      .optional()
      .or(z.literal('').transform(() => undefined)),
  })
  .superRefine((e, ctx) => {
    // Impossible orderings are refused with the field to fix (the table's CHECKs hold the same line).
    // Zod runs this even when a date failed, so compare only dates that parsed.
    const real = (d: string | undefined): d is string => typeof d === 'string' && ISO.test(d)
    if (real(e.expectedReleaseDate) && real(e.sentenceDate) && e.expectedReleaseDate < e.sentenceDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['expectedReleaseDate'],
        message: 'The expected release date must be on or after the sentence date',
      })
    }
    if (real(e.licenceEndDate) && real(e.expectedReleaseDate) && e.licenceEndDate < e.expectedReleaseDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['licenceEndDate'],
        message: 'The licence end date must be on or after the expected release date',
      })
    }
  })
export type EpisodeInput = z.infer<typeof EpisodeInput>

export const SearchQuery = z.object({ q: z.string().max(200).optional().default('') })

export const WorklistQuery = z.object({
  weeks: z.enum(['12', '24']).default('12').transform(Number),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
})

/**
 * The page reads a window it does not know as the default 12 weeks rather than refusing it: the
 * window is a choice of view, not data (the API keeps the strict WorklistQuery).
 */
export const WorklistPageQuery = z.object({
  weeks: z.enum(['12', '24']).catch('12').transform(Number),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  // The shared list parameters (platform/table ListQuery), read the same forgiving way.
  sort: z.enum(['release', 'name']).optional().catch(undefined),
  order: z.enum(['asc', 'desc']).optional().catch(undefined),
  q: z.string().trim().max(100).optional(),
  format: z.enum(['csv', 'xlsx']).optional().catch(undefined),
})

// API response shapes, so the OpenAPI document describes what clients receive.
export const PersonSummary = z.object({
  id: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string(),
  prisonNumber: z.string().nullable(),
  crn: z.string().nullable(),
  expectedReleaseDate: z.string().nullable(),
  prisonCode: z.string().nullable(),
})

export const EpisodeView = z.object({
  id: z.string(),
  prisonCode: z.string(),
  prisonName: z.string(),
  sentenceType: z.string(),
  sentenceLengthBand: z.string(),
  sentenceDate: z.string(),
  expectedReleaseDate: z.string(),
  actualReleaseDate: z.string().nullable(),
  releaseType: z.string().nullable(),
  licenceEndDate: z.string().nullable(),
  pduCode: z.string(),
  pduName: z.string(),
  regionCode: z.string(),
  localAuthorityCode: z.string().nullable(),
  localAuthorityName: z.string().nullable(),
})

export const PersonView = PersonSummary.omit({ expectedReleaseDate: true, prisonCode: true }).extend({
  sex: z.string(),
  ethnicGroupCode: z.string().nullable(),
  pncId: z.string().nullable(),
  communicationNeeds: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  version: z.number(),
  episodes: z.array(EpisodeView),
})

export const UpcomingRelease = z.object({
  episodeId: z.string(),
  personId: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  prisonNumber: z.string().nullable(),
  crn: z.string().nullable(),
  expectedReleaseDate: z.string(),
  prisonName: z.string(),
  pduName: z.string(),
  localAuthorityName: z.string().nullable(),
})

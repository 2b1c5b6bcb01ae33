import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { formErrors, parseWith, withJoinedDates } from '../../platform/http/forms.ts'
import { RecordStatus } from '../status/schemas.ts'
import type { StatusService } from '../status/service.ts'
import { EMPLOYMENT_STATUSES, SOURCES, TREATMENT_STATUSES } from '../status/vocabulary.ts'
import { MEASURES, type CheckpointMeasure, type Measure } from './measures.ts'
import type { OutcomesService } from './service.ts'

const CHECKPOINTS = (MEASURES as readonly Measure[]).filter(
  (m): m is CheckpointMeasure => m.type === 'checkpoint',
)
const RECORDED: Record<string, string> = {
  accommodation: 'Accommodation status recorded',
  employment: 'Employment status recorded',
  treatment: 'Treatment status recorded',
}
const KIND: Record<string, 'accommodation' | 'employment' | 'treatment'> = {
  accommodation_first_night: 'accommodation',
  accommodation_3_months: 'accommodation',
  employment_6_weeks: 'employment',
  employment_6_months: 'employment',
  treatment_3_weeks: 'treatment',
}
const RecordQuery = z.object({
  person: z.uuid(),
  episode: z.uuid(),
  checkpoint: z.enum(Object.keys(KIND) as [string, ...string[]]),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
})

const checkpointLabel = (key: string) => CHECKPOINTS.find((m) => m.checkpoint === key)?.label ?? key

/**
 * The COM's worklist of checkpoints that are due, and the form that records the status at one.
 * The status goes through the status service, which refuses future dates and dates before release.
 */
/** A posted form: flat string fields; RecordStatus checks them after. */
const FormBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]))
const RecordedQuery = z.object({ recorded: z.string().max(40).optional() }).catch({})

export function worklistRoutes(
  app: FastifyInstance,
  deps: { status: StatusService; outcomes: OutcomesService },
) {
  app.get('/outcomes/checkpoints', async (request, reply) => {
    const rows = await deps.outcomes.dueCheckpoints(request.ctx)
    return reply.render('outcomes/views/worklist.njk', {
      pageTitle: 'Checkpoints due',
      // Every save says what was saved (issue 12, defect 9).
      flash: RECORDED[RecordedQuery.parse(request.query).recorded ?? ''],
      rows: rows.map((r) => ({
        ...r,
        label: checkpointLabel(r.checkpoint),
        href: `/outcomes/checkpoints/record?${new URLSearchParams({ person: r.person_id, episode: r.custody_episode_id, checkpoint: r.checkpoint, date: r.checkpoint_date }).toString()}`,
      })),
    })
  })

  const form = async (
    q: z.infer<typeof RecordQuery>,
    values: Record<string, unknown>,
    errors: FieldErrors,
  ) => {
    const kind = KIND[q.checkpoint] ?? 'accommodation'
    const types = kind === 'accommodation' ? await deps.status.accommodationTypes() : []
    const options =
      kind === 'accommodation'
        ? types.map((t) => ({ value: t.code, text: t.name }))
        : Object.entries<{ label: string }>(
            kind === 'employment' ? EMPLOYMENT_STATUSES : TREATMENT_STATUSES,
          ).map(([value, v]) => ({ value, text: v.label }))
    const field =
      kind === 'accommodation'
        ? 'accommodationTypeCode'
        : kind === 'employment'
          ? 'employmentStatus'
          : 'treatmentStatus'
    const [y, m, d] = (typeof values.effectiveDate === 'string' ? values.effectiveDate : q.date).split('-')
    return {
      pageTitle: `Record the status: ${checkpointLabel(q.checkpoint)}`,
      heading: checkpointLabel(q.checkpoint),
      q,
      kind,
      field,
      errors: formErrors(errors, { dateFields: ['effectiveDate'] }),
      date: {
        day: values['effectiveDate-day'] ?? d,
        month: values['effectiveDate-month'] ?? m,
        year: values['effectiveDate-year'] ?? y,
      },
      options: [
        { value: '', text: 'Select a status' },
        ...options.map((o) => ({ ...o, selected: values[field] === o.value })),
      ],
      sources: Object.entries(SOURCES).map(([value, text]) => ({
        value,
        text,
        selected: (values.source ?? 'com') === value,
      })),
      action: `/outcomes/checkpoints/record?${new URLSearchParams(q).toString()}`,
    }
  }

  app.get('/outcomes/checkpoints/record', async (request, reply) => {
    const q = RecordQuery.parse(request.query)
    return reply.render('outcomes/views/record.njk', await form(q, {}, {}))
  })

  app.post('/outcomes/checkpoints/record', async (request, reply) => {
    const q = RecordQuery.parse(request.query)
    const body = withJoinedDates(FormBody.parse(request.body ?? {}), ['effectiveDate'])
    const input = { ...body, kind: KIND[q.checkpoint], custodyEpisodeId: q.episode }
    const parsed = parseWith(RecordStatus, input)
    if (!parsed.ok)
      return reply.code(400).render('outcomes/views/record.njk', await form(q, body, parsed.errors))
    try {
      await deps.status.record(request.ctx, q.person, parsed.data)
    } catch (err) {
      if (err instanceof ValidationFailed)
        return reply.code(400).render('outcomes/views/record.njk', await form(q, body, err.fields))
      throw err
    }
    return reply.redirect(`/outcomes/checkpoints?recorded=${KIND[q.checkpoint] ?? 'accommodation'}`, 303)
  })
}

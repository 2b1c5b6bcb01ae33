import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { ValidationFailed } from '../../platform/errors.ts'
import { parseWith } from '../../platform/http/forms.ts'
import { formPage, NoParams, PostedForm, type FormState } from '../../platform/http/form-page.ts'
import { calendarDate, uuidParam } from '../../platform/validation/index.ts'
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
/** Which checkpoint the form records: the worklist's link carries it, each part checked. */
const RecordQuery = z.object({
  person: uuidParam,
  episode: uuidParam,
  checkpoint: z.enum(Object.keys(KIND) as [string, ...string[]]),
  date: calendarDate('Give the checkpoint date as a real date'),
})

const checkpointLabel = (key: string) => CHECKPOINTS.find((m) => m.checkpoint === key)?.label ?? key

/**
 * The COM's worklist of checkpoints that are due, and the form that records the status at one.
 * The status goes through the status service, which refuses future dates and dates before release.
 */
export function worklistRoutes(
  app: FastifyInstance,
  deps: { status: StatusService; outcomes: OutcomesService },
) {
  app.get('/outcomes/checkpoints', async (request, reply) => {
    const rows = await deps.outcomes.dueCheckpoints(request.ctx)
    return reply.render('outcomes/views/worklist.njk', {
      pageTitle: 'Checkpoints due',
      rows: rows.map((r) => ({
        ...r,
        label: checkpointLabel(r.checkpoint),
        href: `/outcomes/checkpoints/record?${new URLSearchParams({ person: r.person_id, episode: r.custody_episode_id, checkpoint: r.checkpoint, date: r.checkpoint_date }).toString()}`,
      })),
    })
  })

  /** The checkpoint's form: its status choices by kind, the date prefilled with the checkpoint's. */
  const load = async (q: z.infer<typeof RecordQuery>) => {
    const kind = KIND[q.checkpoint] ?? 'accommodation'
    const types = kind === 'accommodation' ? await deps.status.accommodationTypes() : []
    const options =
      kind === 'accommodation'
        ? types.map((t) => ({ value: t.code, text: t.name }))
        : Object.entries<{ label: string }>(
            kind === 'employment' ? EMPLOYMENT_STATUSES : TREATMENT_STATUSES,
          ).map(([value, v]) => ({ value, text: v.label }))
    return { q, kind, options }
  }

  const context = ({ q, kind, options }: Awaited<ReturnType<typeof load>>, form: FormState) => {
    const values = form.values
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
      errors: form.errors,
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

  // The one form pattern (platform/http/form-page.ts). Which status the form asks for depends on
  // the checkpoint in the query, so the posted fields are checked in `save` against RecordStatus
  // with the kind and release from the query; a wrong field re-renders the form with the input kept.
  formPage(app, {
    path: '/outcomes/checkpoints/record',
    params: NoParams,
    query: RecordQuery,
    view: 'outcomes/views/record.njk',
    schema: PostedForm,
    dateFields: ['effectiveDate'],
    load: (_request, _params, q) => load(q),
    context,
    save: async (request, _params, _values, posted, q) => {
      const parsed = parseWith(RecordStatus, {
        ...posted,
        kind: KIND[q.checkpoint],
        custodyEpisodeId: q.episode,
      })
      if (!parsed.ok) throw new ValidationFailed(parsed.errors)
      await deps.status.record(request.ctx, q.person, parsed.data)
      return KIND[q.checkpoint] ?? 'accommodation'
    },
    redirect: () => '/outcomes/checkpoints',
    // Every save says what was saved (issue 12, defect 9).
    confirmation: (kind) => RECORDED[kind] ?? 'Status recorded',
  })
}

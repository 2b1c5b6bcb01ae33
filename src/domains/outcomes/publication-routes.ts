/**
 * Publication pages and API (issue 13): the list of published quarters with their revisions,
 * publishing a quarter (outcomes:publish), and the releases behind one revision.
 */
import { camelRows } from '../../platform/db/camel.ts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { FieldErrors } from '../../platform/errors.ts'
import { formPage, NoParams } from '../../platform/http/form-page.ts'
import { formErrors } from '../../platform/http/forms.ts'
import { applyOffset } from './checkpoints.ts'
import { measureOf, periodEnd, periodLabel, periodStartOf } from './measures.ts'
import type { OutcomesService } from './service.ts'
import { NATIONAL } from './query-parts.ts'
import { figureOf, rateText } from './view-models.ts'

const Quarter = z.string().regex(/^\d{4}-(01|04|07|10)-01$/, 'Choose a quarter')
const PublishBody = z.object({ period: Quarter })
const RevisionParams = z.object({
  period: Quarter,
  measure: z.string().regex(/^[a-z0-9_]{1,40}$/),
  group: z.string().regex(/^[A-Z0-9_]{2,20}$/),
})
const COUNTED: Record<string, string> = {
  numerator: 'Numerator',
  denominator: 'Denominator only',
  unknown: 'Unknown status',
  excluded: 'Excluded',
}

export function publicationRoutes(app: FastifyInstance, outcomes: OutcomesService) {
  const pubs = outcomes.publications
  const page = async (request: FastifyRequest, errors: FieldErrors) => {
    outcomes.authorise(request.ctx)
    const today = outcomes.today()
    const list = await pubs.list()
    const done = new Set(list.map((p) => p.period))
    // The last eight quarters that have ended and are not yet published.
    const options = []
    for (
      let q = periodStartOf(applyOffset(periodStartOf(today, 'quarter'), { days: -1 }), 'quarter'), i = 0;
      i < 8;
      i++
    ) {
      if (!done.has(q) && periodEnd(q, 'quarter') < today)
        options.push({ value: q, text: periodLabel(q, 'quarter') })
      q = applyOffset(q, { months: -3 })
    }
    const revisions = await Promise.all(list.map((p) => pubs.revisions(request.ctx, p.period)))
    const threshold = outcomes.smallCellThreshold
    return {
      pageTitle: 'Published outcome figures',
      errors: formErrors(errors),
      mayPublish: pubs.mayPublish(request.ctx),
      options,
      publications: list.map((p, i) => ({
        ...p,
        label: periodLabel(p.period, 'quarter'),
        revisions: (revisions[i]?.rows ?? []).map((r) => ({
          measure: measureOf(r.measure)?.label ?? r.measure,
          group: r.group === NATIONAL ? 'England and Wales' : r.group,
          published: `${rateText(figureOf({ ...r.published, measure: r.measure, group: r.group, period: p.period }, threshold))} (${r.published.numerator} of ${r.published.denominator})`,
          live: r.live
            ? `${rateText(figureOf(r.live, threshold))} (${r.live.numerator} of ${r.live.denominator})`
            : 'No releases',
          size: r.revision === null ? '' : `${r.revision > 0 ? '+' : ''}${r.revision} pp`,
          href:
            measureOf(r.measure)?.type === 'termination'
              ? null
              : `/outcomes/publications/${p.period}/revisions/${r.measure}/${r.group}`,
        })),
      })),
    }
  }
  app.get('/outcomes/publications', async (request, reply) =>
    reply.render('outcomes/views/publications.njk', await page(request, {})),
  )

  // Publishing is the one form on the list page, which the GET above draws; a wrong period draws
  // the page again with the summary (formPage), and a success comes back to the list, which shows
  // the quarter now published.
  formPage(app, {
    path: '/outcomes/publications',
    params: NoParams,
    get: false,
    capability: 'outcomes:publish',
    view: 'outcomes/views/publications.njk',
    pageTitle: 'Published outcome figures',
    schema: PublishBody,
    load: (request) => page(request, {}),
    save: (request, _params, { period }) => pubs.publish(request.ctx, period),
    redirect: () => '/outcomes/publications',
  })

  const typed = app.withTypeProvider<ZodTypeProvider>()
  const revision = { schema: { params: RevisionParams } }
  typed.get('/outcomes/publications/:period/revisions/:measure/:group', revision, async (request, reply) => {
    const p = request.params
    const data = await pubs.revisedRecords(request.ctx, p.period, p.measure, p.group)
    return reply.render('outcomes/views/revision.njk', {
      pageTitle: `Revision: ${data.measure.label}`,
      measure: data.measure,
      group: p.group === NATIONAL ? 'England and Wales' : p.group,
      label: periodLabel(p.period, 'quarter'),
      publication: data.publication,
      rows: data.rows.map((r) => ({
        ...r,
        before: r.before ? COUNTED[r.before] : 'Not yet due when published',
        after: r.after ? COUNTED[r.after] : 'No longer in the figure',
      })),
    })
  })

  typed.get(
    '/api/v1/outcomes/publications',
    {
      schema: {
        tags: ['Outcomes'],
        summary: 'Published quarters: when, by whom, and the data’s as-of time',
        response: {
          200: z.object({
            publications: z.array(
              z.object({
                period: z.string(),
                asOfDate: z.string(),
                dataAsOf: z.string(),
                publishedAt: z.string(),
                publishedBy: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      outcomes.authorise(request.ctx)
      return {
        publications: camelRows(await pubs.list(), [
          'period',
          'as_of_date',
          'data_as_of',
          'published_at',
          'published_by',
        ]),
      }
    },
  )
  typed.post(
    '/api/v1/outcomes/publications',
    {
      schema: {
        tags: ['Outcomes'],
        summary: 'Publish a quarter that has ended (national analyst or administrator)',
        body: PublishBody,
        response: { 201: z.object({ id: z.string(), period: z.string(), cells: z.number() }) },
      },
    },
    async (request, reply) => reply.code(201).send(await pubs.publish(request.ctx, request.body.period)),
  )
}

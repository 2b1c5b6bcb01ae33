/**
 * The regional targets pages: the list (with the targets that have ended and have nothing after
 * them, each with a link to set the next one) and the one form that adds a target, on the platform's
 * form pattern (issue 11). Setting the next period's target starts from the ended one (issue 12,
 * defect 8).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { Forbidden } from '../../platform/errors.ts'
import { formPage, NoParams } from '../../platform/http/form-page.ts'
import { uuidParam } from '../../platform/validation/index.ts'
import { MEASURES } from './measures.ts'
import { DashboardQuery, NewTarget } from './schemas.ts'
import type { OutcomesService } from './service.ts'
import { describeTarget } from './targets.ts'
import { sendAskedTable, shownTable } from '../../platform/table/index.ts'
import { lineTable } from './lines.ts'

const TARGET_DATES = ['baselineDate', 'deadline'] as const
/** `?after=<target id>` only chooses the form's defaults, so a malformed one reads as absent. */
const NextOf = z.object({ after: uuidParam.optional().catch(undefined) })

const KINDS = [
  { value: 'maintain', text: 'Maintain the baseline' },
  { value: 'increase_by', text: 'Increase by a number of percentage points' },
  { value: 'reach', text: 'Reach a rate' },
  { value: 'increase', text: 'Continue to increase' },
]

/** An ISO date as the three fields of a GOV.UK date input. */
const dateInputs = (name: string, iso: string) => {
  const [year = '', month = '', day = ''] = iso.split('-')
  return {
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year,
  }
}

export function targetRoutes(app: FastifyInstance, outcomes: OutcomesService) {
  const typed = app.withTypeProvider<ZodTypeProvider>()

  typed.get('/outcomes/targets', { schema: { querystring: DashboardQuery } }, async (request, reply) => {
    const q = request.query
    const list = await outcomes.targets(request.ctx)
    const regionName = new Map(list.regions.map((r) => [r.code, r.name]))
    const measureName = (key: string) => MEASURES.find((m) => m.key === key)?.label ?? key
    const table = lineTable(
      'targets',
      'Regional targets',
      [
        ['region', 'Region'],
        ['measure', 'Measure'],
        ['baseline', 'Baseline', 'figure'],
        ['baselineDate', 'Baseline date'],
        ['target', 'Target'],
        ['deadline', 'Deadline'],
      ],
      list.targets.map((t) => ({
        region: regionName.get(t.regionCode) ?? t.regionCode,
        measure: measureName(t.measureKey),
        baseline: `${t.baselineValue}%`,
        baselineDate: t.baselineDate,
        target: describeTarget(t),
        deadline: t.deadline,
      })),
    )
    if (await sendAskedTable(reply, [table], q, 'outcome')) return reply
    // A region and measure whose latest target has passed its deadline has no current target.
    const latest = new Map<string, (typeof list.targets)[number]>()
    for (const t of list.targets) {
      const key = `${t.regionCode}\n${t.measureKey}`
      if ((latest.get(key)?.deadline ?? '') < t.deadline) latest.set(key, t)
    }
    const ended = [...latest.values()]
      .filter((t) => t.deadline < list.today)
      .map((t) => ({
        text: `${regionName.get(t.regionCode) ?? t.regionCode}: ${measureName(t.measureKey)}, ended ${t.deadline}`,
        deadline: t.deadline,
        href: outcomes.mayEditTargets(request.ctx, t.regionCode)
          ? `/outcomes/targets/new?after=${t.id}`
          : null,
      }))
    return reply.render('outcomes/views/targets.njk', {
      pageTitle: 'Regional targets',
      table: shownTable(table),
      ended,
      downloadBase: '/outcomes/targets?',
      mayEditTargets: outcomes.mayEditTargets(request.ctx),
    })
  })

  async function loadForm(request: FastifyRequest, { after }: z.infer<typeof NextOf>) {
    if (!outcomes.mayEditTargets(request.ctx)) throw new Forbidden()
    const { regions } = await outcomes.targets(request.ctx)
    const scope = request.ctx.actor.scope
    const next = after ? await outcomes.nextTargetDefaults(request.ctx, after) : null
    return {
      previous: next?.previous ? describeTarget(next.previous) : null,
      defaults: next?.values ?? null,
      regionOptions: [
        { value: '', text: 'Select a region' },
        ...regions
          .filter(
            (r) => scope.level === 'national' || (scope.level === 'region' && scope.regionCode === r.code),
          )
          .map((r) => ({ value: r.code, text: r.name })),
      ],
      measureOptions: [
        { value: '', text: 'Select a measure' },
        ...MEASURES.map((m) => ({ value: m.key, text: m.label })),
      ],
      kindOptions: KINDS,
    }
  }
  type TargetForm = Awaited<ReturnType<typeof loadForm>>

  formPage(app, {
    path: '/outcomes/targets/new',
    params: NoParams,
    capability: 'targets:write',
    view: 'outcomes/views/target-new.njk',
    pageTitle: (loaded: TargetForm) => (loaded.previous ? 'Set the next target' : 'Add a regional target'),
    schema: NewTarget,
    dateFields: TARGET_DATES,
    query: NextOf,
    load: (request, _params, query) => loadForm(request, query),
    initial: (loaded: TargetForm) =>
      loaded.defaults
        ? {
            ...loaded.defaults,
            ...dateInputs('baselineDate', loaded.defaults.baselineDate),
            ...dateInputs('deadline', loaded.defaults.deadline),
          }
        : {},
    save: (request, _params, values) => outcomes.addTarget(request.ctx, values),
    redirect: () => '/outcomes/targets',
    confirmation: 'Target added',
  })
}

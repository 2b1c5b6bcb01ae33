import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { formPage, NoParams } from '../../platform/http/form-page.ts'
import { dateParts, formErrors, type FormErrors } from '../../platform/http/forms.ts'
import { IdParams } from '../../platform/validation/index.ts'
import type { Cas3Services } from './service.ts'
import { options } from './form-options.ts'
import { ArchiveInput, BedspaceInput, PremisesInput, VoidInput } from './schemas.ts'

type Values = Record<string, unknown>

/**
 * The CAS3 estate: premises, their bedspaces, voids and archiving. Each form is a formPage
 * (platform/http/form-page.ts) posted from a page its own GET draws, so every page is one `load`
 * and one view model that both the GET and a failed POST use.
 */
export function estateRoutes(app: FastifyInstance, cas3: Cas3Services) {
  const { estate } = cas3
  const typed = app.withTypeProvider<ZodTypeProvider>()

  type Lists = Awaited<ReturnType<typeof estate.formLists>>
  const premisesForm = (lists: Lists, values: Values, errors: FormErrors) => ({
    pageTitle: 'Add premises',
    values,
    errors,
    pduOptions: options(
      lists.pdus.map((p) => ({ value: p.code, text: p.name })),
      values.pduCode,
      'Select a PDU',
    ),
    laOptions: options(
      lists.localAuthorities.map((l) => ({ value: l.code, text: l.name })),
      values.localAuthorityCode,
      'Select a local authority',
    ),
    characteristicOptions: options(
      lists.premisesCharacteristics.map((c) => ({ value: c.name, text: c.description })),
      values.characteristics,
    ),
    backLink: '/cas3/premises',
  })
  typed.get('/cas3/premises', async (request, reply) =>
    reply.render('cas3/views/premises-list.njk', {
      pageTitle: 'Premises',
      premises: await estate.listPremises(request.ctx),
    }),
  )
  typed.get('/cas3/premises/new', async (request, reply) =>
    reply.render(
      'cas3/views/premises-new.njk',
      premisesForm(await estate.formLists(request.ctx), {}, formErrors({})),
    ),
  )
  formPage(app, {
    path: '/cas3/premises',
    params: NoParams,
    get: false,
    view: 'cas3/views/premises-new.njk',
    schema: PremisesInput,
    load: (request) => estate.formLists(request.ctx),
    context: (lists, form) => premisesForm(lists, form.values, form.errors),
    save: async (request, _params, d) => ({ ...(await estate.createPremises(request.ctx, d)), name: d.name }),
    redirect: (premises) => `/cas3/premises/${premises.id}`,
    confirmation: (premises) => `Premises added: ${premises.name}`,
  })
  typed.get('/cas3/premises/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const view = await estate.premisesPage(request.ctx, request.params.id)
    return reply.render('cas3/views/premises.njk', {
      pageTitle: view.premises.name,
      ...view,
      backLink: '/cas3/premises',
    })
  })

  const loadBedspaceForm = async (ctx: RequestContext, premisesId: string) => {
    const [lists, view] = await Promise.all([estate.formLists(ctx), estate.premisesPage(ctx, premisesId)])
    return { lists, premises: view.premises }
  }
  const bedspaceForm = (
    { lists, premises }: Awaited<ReturnType<typeof loadBedspaceForm>>,
    values: Values,
    errors: FormErrors,
  ) => ({
    pageTitle: 'Add a bedspace',
    premises,
    values,
    errors,
    startDate: dateParts(values.startDate),
    characteristicOptions: options(
      lists.bedspaceCharacteristics.map((c) => ({ value: c.name, text: c.description })),
      values.characteristics,
    ),
    backLink: `/cas3/premises/${premises.id}`,
  })
  typed.get('/cas3/premises/:id/bedspaces/new', { schema: { params: IdParams } }, async (request, reply) =>
    reply.render(
      'cas3/views/bedspace-new.njk',
      bedspaceForm(await loadBedspaceForm(request.ctx, request.params.id), {}, formErrors({})),
    ),
  )
  formPage(app, {
    path: '/cas3/premises/:id/bedspaces',
    params: IdParams,
    get: false,
    view: 'cas3/views/bedspace-new.njk',
    dateFields: ['startDate'],
    schema: BedspaceInput,
    load: (request, { id }) => loadBedspaceForm(request.ctx, id),
    context: (loaded, form) => bedspaceForm(loaded, form.values, form.errors),
    save: async (request, { id }, d) => ({
      ...(await estate.addBedspace(request.ctx, id, d)),
      reference: d.reference,
    }),
    redirect: (bedspace) => `/cas3/bedspaces/${bedspace.id}`,
    confirmation: (bedspace) => `Bedspace ${bedspace.reference} added`,
  })

  const loadBedspace = async (ctx: RequestContext, id: string) => {
    const [view, lists] = await Promise.all([estate.bedspacePage(ctx, id), estate.formLists(ctx)])
    return { view, lists }
  }
  const bedspacePage = (
    { view, lists }: Awaited<ReturnType<typeof loadBedspace>>,
    values: Values,
    errors: FormErrors,
  ) => ({
    pageTitle: `Bedspace ${view.bedspace.reference}`,
    ...view,
    values,
    errors,
    dates: {
      startDate: dateParts(values.startDate),
      endDate: dateParts(values.endDate),
      lastDate: dateParts(values.lastDate),
    },
    reasonOptions: options(
      lists.voidReasons.map((r) => ({ value: r.id, text: r.name })),
      values.reasonId,
      'Select a reason',
    ),
    backLink: `/cas3/premises/${view.bedspace.premises_id}`,
  })
  typed.get('/cas3/bedspaces/:id', { schema: { params: IdParams } }, async (request, reply) =>
    reply.render(
      'cas3/views/bedspace.njk',
      bedspacePage(await loadBedspace(request.ctx, request.params.id), {}, formErrors({})),
    ),
  )
  // The bedspace page holds both forms; its GET above draws them.
  const bedspaceForms = {
    params: IdParams,
    get: false,
    view: 'cas3/views/bedspace.njk',
    load: (request: { ctx: RequestContext }, { id }: { id: string }) => loadBedspace(request.ctx, id),
    context: (
      loaded: Awaited<ReturnType<typeof loadBedspace>>,
      form: { values: Values; errors: FormErrors },
    ) => bedspacePage(loaded, form.values, form.errors),
    redirect: (_done: unknown, { id }: { id: string }) => `/cas3/bedspaces/${id}`,
  } as const
  formPage(app, {
    ...bedspaceForms,
    path: '/cas3/bedspaces/:id/voids',
    dateFields: ['startDate', 'endDate'],
    schema: VoidInput,
    save: (request, { id }, d) => estate.addVoid(request.ctx, id, d),
    confirmation: 'Void period added',
  })
  formPage(app, {
    ...bedspaceForms,
    path: '/cas3/bedspaces/:id/archive',
    dateFields: ['lastDate'],
    schema: ArchiveInput,
    save: (request, { id }, d) => estate.archiveBedspace(request.ctx, id, d.lastDate),
    confirmation: 'Bedspace archived',
  })
}

import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { dateParts } from '../../platform/http/forms.ts'
import { FormFields, IdParams } from '../../platform/validation/index.ts'
import type { Cas3Services } from './service.ts'
import { options } from './form-options.ts'
import { handleForm, noErrors } from './route-helpers.ts'
import { ArchiveInput, BedspaceInput, PremisesInput, VoidInput } from './schemas.ts'

type Values = Record<string, unknown>
/** What a bedspace save says afterwards (issue 12, defect 9). */
const BEDSPACE_DONE = { void: 'Void period added', archived: 'Bedspace archived' } as const
const BedspaceQuery = z.object({ done: z.enum(['void', 'archived']).optional().catch(undefined) })

/** The CAS3 estate: premises, their bedspaces, voids and archiving. */
export function estateRoutes(app: FastifyInstance, cas3: Cas3Services) {
  const { estate } = cas3
  const typed = app.withTypeProvider<ZodTypeProvider>()

  const premisesForm = async (ctx: RequestContext, values: Values, errors = noErrors()) => {
    const lists = await estate.formLists(ctx)
    return {
      template: 'cas3/views/premises-new.njk',
      context: {
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
      },
    }
  }
  typed.get('/cas3/premises', async (request, reply) =>
    reply.render('cas3/views/premises-list.njk', {
      pageTitle: 'Premises',
      premises: await estate.listPremises(request.ctx),
    }),
  )
  typed.get('/cas3/premises/new', async (request, reply) => {
    const page = await premisesForm(request.ctx, {})
    return reply.render(page.template, page.context)
  })
  typed.post('/cas3/premises', { schema: { body: FormFields } }, async (request, reply) =>
    handleForm(reply, {
      schema: PremisesInput,
      body: request.body,
      run: async (d) => `/cas3/premises/${(await estate.createPremises(request.ctx, d)).id}`,
      again: ({ values, errors }) => premisesForm(request.ctx, values, errors),
    }),
  )
  typed.get('/cas3/premises/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const view = await estate.premisesPage(request.ctx, request.params.id)
    return reply.render('cas3/views/premises.njk', {
      pageTitle: view.premises.name,
      ...view,
      backLink: '/cas3/premises',
    })
  })

  const bedspaceForm = async (
    ctx: RequestContext,
    premisesId: string,
    values: Values,
    errors = noErrors(),
  ) => {
    const [lists, view] = await Promise.all([estate.formLists(ctx), estate.premisesPage(ctx, premisesId)])
    return {
      template: 'cas3/views/bedspace-new.njk',
      context: {
        pageTitle: 'Add a bedspace',
        premises: view.premises,
        values,
        errors,
        startDate: dateParts(values.startDate),
        characteristicOptions: options(
          lists.bedspaceCharacteristics.map((c) => ({ value: c.name, text: c.description })),
          values.characteristics,
        ),
        backLink: `/cas3/premises/${view.premises.id}`,
      },
    }
  }
  typed.get('/cas3/premises/:id/bedspaces/new', { schema: { params: IdParams } }, async (request, reply) => {
    const page = await bedspaceForm(request.ctx, request.params.id, {})
    return reply.render(page.template, page.context)
  })
  typed.post(
    '/cas3/premises/:id/bedspaces',
    { schema: { params: IdParams, body: FormFields } },
    async (request, reply) =>
      handleForm(reply, {
        schema: BedspaceInput,
        body: request.body,
        dates: ['startDate'],
        run: async (d) =>
          `/cas3/bedspaces/${(await estate.addBedspace(request.ctx, request.params.id, d)).id}`,
        again: ({ values, errors }) => bedspaceForm(request.ctx, request.params.id, values, errors),
      }),
  )

  const bedspacePage = async (
    ctx: RequestContext,
    id: string,
    values: Values,
    errors = noErrors(),
    done?: keyof typeof BEDSPACE_DONE,
  ) => {
    const [view, lists] = await Promise.all([estate.bedspacePage(ctx, id), estate.formLists(ctx)])
    return {
      template: 'cas3/views/bedspace.njk',
      context: {
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
        flash: done ? BEDSPACE_DONE[done] : undefined,
        backLink: `/cas3/premises/${view.bedspace.premises_id}`,
      },
    }
  }
  typed.get(
    '/cas3/bedspaces/:id',
    { schema: { params: IdParams, querystring: BedspaceQuery } },
    async (request, reply) => {
      const page = await bedspacePage(request.ctx, request.params.id, {}, noErrors(), request.query.done)
      return reply.render(page.template, page.context)
    },
  )
  typed.post(
    '/cas3/bedspaces/:id/voids',
    { schema: { params: IdParams, body: FormFields } },
    async (request, reply) => {
      const { id } = request.params
      return handleForm(reply, {
        schema: VoidInput,
        body: request.body,
        dates: ['startDate', 'endDate'],
        run: async (d) => {
          await estate.addVoid(request.ctx, id, d)
          return `/cas3/bedspaces/${id}?done=void`
        },
        again: ({ values, errors }) => bedspacePage(request.ctx, id, values, errors),
      })
    },
  )
  typed.post(
    '/cas3/bedspaces/:id/archive',
    { schema: { params: IdParams, body: FormFields } },
    async (request, reply) => {
      const { id } = request.params
      return handleForm(reply, {
        schema: ArchiveInput,
        body: request.body,
        dates: ['lastDate'],
        run: async (d) => {
          await estate.archiveBedspace(request.ctx, id, d.lastDate)
          return `/cas3/bedspaces/${id}?done=archived`
        },
        again: ({ values, errors }) => bedspacePage(request.ctx, id, values, errors),
      })
    },
  )
}

import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { z } from 'zod'
import { flag, FormFields, IdParams } from '../../platform/validation/index.ts'
import type { Cas3Services } from './service.ts'
import { handleForm, noErrors } from './route-helpers.ts'
import { MoveOnAddressInput } from './schemas.ts'

/** The COM's worklist of people leaving CAS3 soon with no move-on address, and its form. */
export function stayRoutes(app: FastifyInstance, cas3: Cas3Services) {
  const { bookings } = cas3
  const typed = app.withTypeProvider<ZodTypeProvider>()

  typed.get(
    '/cas3/move-on-due',
    { schema: { querystring: z.object({ saved: flag }) } },
    async (request, reply) =>
      reply.render('cas3/views/move-on-due.njk', {
        pageTitle: 'Leaving CAS3 with no move-on address',
        rows: await bookings.moveOnDue(request.ctx),
        canRecord: bookings.mayRecordMoveOn(request.ctx),
        flash: request.query.saved ? 'Move-on address saved' : undefined,
      }),
  )
  const addressPage = async (
    ctx: RequestContext,
    id: string,
    values: Record<string, unknown>,
    errors = noErrors(),
  ) => {
    const booking = await bookings.bookingForPerson(ctx, id)
    return {
      template: 'cas3/views/move-on-address.njk',
      context: {
        pageTitle: 'Record the move-on address',
        booking,
        values: { version: booking.version, address: booking.planned_move_on_address ?? '', ...values },
        errors,
        backLink: '/cas3/move-on-due',
      },
    }
  }
  typed.get(
    '/cas3/bookings/:id/move-on-address',
    { schema: { params: IdParams } },
    async (request, reply) => {
      const page = await addressPage(request.ctx, request.params.id, {})
      return reply.render(page.template, page.context)
    },
  )
  typed.post(
    '/cas3/bookings/:id/move-on-address',
    { schema: { params: IdParams, body: FormFields } },
    async (request, reply) =>
      handleForm(reply, {
        schema: MoveOnAddressInput,
        body: request.body,
        run: async (d) => {
          await bookings.setMoveOnAddress(request.ctx, request.params.id, d)
          return '/cas3/move-on-due?saved=1'
        },
        again: ({ values, errors }) => addressPage(request.ctx, request.params.id, values, errors),
      }),
  )
}

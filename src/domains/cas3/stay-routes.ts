import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { formPage } from '../../platform/http/form-page.ts'
import { IdParams } from '../../platform/validation/index.ts'
import type { Cas3Services } from './service.ts'
import { MoveOnAddressInput } from './schemas.ts'

/** The COM's worklist of people leaving CAS3 soon with no move-on address, and its form. */
export function stayRoutes(app: FastifyInstance, cas3: Cas3Services) {
  const { bookings } = cas3
  const typed = app.withTypeProvider<ZodTypeProvider>()

  typed.get('/cas3/move-on-due', async (request, reply) =>
    reply.render('cas3/views/move-on-due.njk', {
      pageTitle: 'Leaving CAS3 with no move-on address',
      rows: await bookings.moveOnDue(request.ctx),
      canRecord: bookings.mayRecordMoveOn(request.ctx),
    }),
  )
  formPage(app, {
    path: '/cas3/bookings/:id/move-on-address',
    params: IdParams,
    view: 'cas3/views/move-on-address.njk',
    pageTitle: 'Record the move-on address',
    schema: MoveOnAddressInput,
    load: async (request, { id }) => ({
      booking: await bookings.bookingForPerson(request.ctx, id),
      backLink: '/cas3/move-on-due',
    }),
    initial: ({ booking }) => ({ version: booking.version, address: booking.planned_move_on_address ?? '' }),
    conflictValues: ({ booking }, posted) => ({ ...posted, version: booking.version }),
    save: (request, { id }, d) => bookings.setMoveOnAddress(request.ctx, id, d),
    redirect: () => '/cas3/move-on-due',
    confirmation: 'Move-on address saved',
  })
}

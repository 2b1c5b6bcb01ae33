import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { dateParts, formErrors, parseWith, text, withJoinedDates } from '../../platform/http/forms.ts'
import type { Cas3Services } from './service.ts'
import { bodyOf, handleForm, idParam, noErrors, options } from './route-helpers.ts'
import { requirementOptions, riskOptions } from './routes.ts'
import {
  ArrivalInput,
  BookingInput,
  CancelInput,
  ChangeDatesInput,
  DepartureInput,
  MoveOnAddressInput,
  SearchInput,
  SimpleTransition,
} from './schemas.ts'
import { BOOKING_STATUSES } from './vocabulary.ts'

const SEARCH_DATES = ['arrivalDate', 'departureDate']
/** What each booking step says once saved (issue 12, defect 9: every save says what was saved). */
const DONE: Record<string, string> = {
  confirm: 'Booking confirmed',
  cancel: 'Booking cancelled',
  arrival: 'Arrival recorded',
  'not-arrived': 'Recorded that the person did not arrive',
  departure: 'Departure recorded',
  close: 'Booking closed',
  'departure-date': 'Expected departure date changed',
}
const SEGMENT_LABELS = { booked: 'Booked', turnaround: 'Turnaround', void: 'Void', free: 'Free' }

export function bookingRoutes(app: FastifyInstance, cas3: Cas3Services) {
  const { bookings, referrals } = cas3

  app.get('/cas3/search', async (request, reply) => {
    const query = request.query as Record<string, unknown>
    const values = withJoinedDates(query, SEARCH_DATES)
    const referral =
      typeof query.referralId === 'string' && query.referralId
        ? await referrals.openReferral(request.ctx, query.referralId)
        : undefined
    const lists = await cas3.estate.formLists(request.ctx)
    const page = {
      pageTitle: 'Find a bedspace',
      values,
      referral,
      dates: {
        arrivalDate: dateParts(values.arrivalDate || referral?.release_date),
        departureDate: dateParts(values.departureDate),
      },
      pduOptions: options(
        lists.pdus.map((p) => ({ value: p.code, text: p.name })),
        values.pduCode ?? referral?.placement_pdu_code,
        'Any PDU in the region',
      ),
      requirementOptions: requirementOptions(values.requirements),
      riskOptions: riskOptions(values.risks),
      segmentLabels: SEGMENT_LABELS,
    }
    if (query['arrivalDate-day'] === undefined)
      return reply.render('cas3/views/search.njk', { ...page, errors: noErrors() })
    const parsed = parseWith(SearchInput, values)
    if (!parsed.ok)
      return reply.code(400).render('cas3/views/search.njk', {
        ...page,
        errors: formErrors(parsed.errors, { dateFields: SEARCH_DATES }),
      })
    const result = await bookings.search(request.ctx, parsed.data)
    return reply.render('cas3/views/search.njk', { ...page, errors: noErrors(), searched: true, ...result })
  })

  const newBookingPage = async (
    request: FastifyRequest,
    values: Record<string, unknown>,
    errors = noErrors(),
  ) => {
    const referral = await referrals.openReferral(request.ctx, text(values.referralId))
    const bedspace = await cas3.estate.openBedspace(request.ctx, text(values.bedspaceId))
    return {
      template: 'cas3/views/booking-new.njk',
      context: {
        pageTitle: 'Book a bedspace',
        values,
        errors,
        referral,
        bedspace,
        backLink: `/cas3/search?referralId=${referral.id}`,
      },
    }
  }
  app.get('/cas3/bookings/new', async (request, reply) => {
    const page = await newBookingPage(request, request.query as Record<string, unknown>)
    return reply.render(page.template, page.context)
  })
  app.post('/cas3/bookings', async (request, reply) =>
    handleForm(reply, {
      schema: BookingInput,
      body: bodyOf(request),
      run: async (d) => `/cas3/bookings/${(await bookings.book(request.ctx, d)).id}?booked=1`,
      again: ({ values, errors }) => newBookingPage(request, values, errors),
    }),
  )

  app.get('/cas3/bookings', async (request, reply) => {
    const rows = await bookings.list(request.ctx, ['provisional', 'confirmed', 'arrived'])
    return reply.render('cas3/views/bookings.njk', {
      pageTitle: 'Bookings',
      rows,
      statuses: BOOKING_STATUSES,
    })
  })

  const bookingPage = async (
    request: FastifyRequest,
    values: Record<string, unknown>,
    errors = noErrors(),
  ) => {
    const view = await bookings.page(request.ctx, idParam(request))
    const b = view.booking
    return {
      template: 'cas3/views/booking.njk',
      context: {
        pageTitle: `Booking ${b.reference}`,
        ...view,
        status: b.status,
        statuses: BOOKING_STATUSES,
        values: { version: b.version, ...values },
        errors,
        dates: {
          arrivalDate: dateParts(values.arrivalDate),
          departureDate: dateParts(values.departureDate),
          newDepartureDate: dateParts(values.newDepartureDate),
        },
        cancellationOptions: options(
          view.cancellationReasons.map((r) => ({ value: r.id, text: r.name })),
          values.reasonId,
          'Select a reason',
        ),
        departureOptions: options(
          view.departureReasons.map((r) => ({ value: r.id, text: r.name })),
          values.reasonId,
          'Select a reason',
        ),
        moveOnOptions: options(
          view.moveOnCategories.map((r) => ({ value: r.id, text: r.name })),
          values.moveOnCategoryId,
          'Select a category',
        ),
        flash: (request.query as { booked?: string }).booked
          ? 'Bedspace booked'
          : DONE[String((request.query as { done?: unknown }).done)],
        backLink: '/cas3/bookings',
      },
    }
  }
  app.get('/cas3/bookings/:id', async (request, reply) => {
    const page = await bookingPage(request, {})
    return reply.render(page.template, page.context)
  })
  const back = (request: FastifyRequest) => `/cas3/bookings/${idParam(request)}`
  const action = <S extends z.ZodType>(
    path: string,
    schema: S,
    dates: string[],
    run: (request: FastifyRequest, d: z.infer<S>) => Promise<unknown>,
  ) =>
    app.post(`/cas3/bookings/:id/${path}`, async (request, reply) =>
      handleForm(reply, {
        schema,
        body: bodyOf(request, dates),
        dates,
        run: async (d) => {
          await run(request, d)
          return `${back(request)}?done=${path}`
        },
        again: ({ values, errors }) => bookingPage(request, values, errors),
      }),
    )
  action('confirm', SimpleTransition, [], (r, d) => bookings.confirm(r.ctx, idParam(r), d.version))
  action('cancel', CancelInput, [], (r, d) => bookings.cancel(r.ctx, idParam(r), d))
  action('arrival', ArrivalInput, ['arrivalDate'], (r, d) => bookings.arrive(r.ctx, idParam(r), d))
  action('not-arrived', SimpleTransition, [], (r, d) => bookings.notArrived(r.ctx, idParam(r), d.version))
  action('departure', DepartureInput, ['departureDate'], (r, d) => bookings.depart(r.ctx, idParam(r), d))
  action('close', SimpleTransition, [], (r, d) => bookings.close(r.ctx, idParam(r), d.version))
  app.post('/cas3/bookings/:id/departure-date', async (request, reply) =>
    handleForm(reply, {
      schema: ChangeDatesInput,
      // The form's date is named newDepartureDate so it cannot be confused with the departure form.
      body: (() => {
        const b = bodyOf(request, ['newDepartureDate'])
        return { ...b, departureDate: b.newDepartureDate }
      })(),
      dates: ['newDepartureDate'],
      run: async (d) => {
        await bookings.changeDeparture(request.ctx, idParam(request), d)
        return `${back(request)}?done=departure-date`
      },
      again: async ({ values, errors }) => {
        const remapped = formErrors(
          Object.fromEntries(
            errors.summary.map((s) => [
              s.href.replace(/^#departureDate(-day)?$/, 'newDepartureDate').replace(/^#/, ''),
              s.text,
            ]),
          ),
          { dateFields: ['newDepartureDate'] },
        )
        return bookingPage(request, values, remapped)
      },
    }),
  )

  // The COM's worklist of people leaving CAS3 soon with no move-on address, and its form.
  app.get('/cas3/move-on-due', async (request, reply) =>
    reply.render('cas3/views/move-on-due.njk', {
      pageTitle: 'Leaving CAS3 with no move-on address',
      rows: await bookings.moveOnDue(request.ctx),
    }),
  )
  const addressPage = async (
    request: FastifyRequest,
    values: Record<string, unknown>,
    errors = noErrors(),
  ) => {
    const booking = await bookings.bookingForPerson(request.ctx, idParam(request))
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
  app.get('/cas3/bookings/:id/move-on-address', async (request, reply) => {
    const page = await addressPage(request, {})
    return reply.render(page.template, page.context)
  })
  app.post('/cas3/bookings/:id/move-on-address', async (request, reply) =>
    handleForm(reply, {
      schema: MoveOnAddressInput,
      body: bodyOf(request),
      run: async (d) => {
        await bookings.setMoveOnAddress(request.ctx, idParam(request), d)
        return '/cas3/move-on-due'
      },
      again: ({ values, errors }) => addressPage(request, values, errors),
    }),
  )
}

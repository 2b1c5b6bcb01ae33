import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { dateParts, formErrors, parseWith, text, withJoinedDates } from '../../platform/http/forms.ts'
import { flag, FormFields, IdParams } from '../../platform/validation/index.ts'
import type { Cas3Services } from './service.ts'
import { options, requirementOptions, riskOptions } from './form-options.ts'
import { handleForm, noErrors } from './route-helpers.ts'
import {
  ArrivalInput,
  BookingInput,
  CancelInput,
  ChangeDatesInput,
  DepartureInput,
  SearchInput,
  SimpleTransition,
} from './schemas.ts'
import { BOOKING_STATUSES } from './vocabulary.ts'

type Values = Record<string, unknown>
const SEARCH_DATES = ['arrivalDate', 'departureDate']
/** What each booking step says once saved (issue 12, defect 9: every save says what was saved). */
const DONE = {
  confirm: 'Booking confirmed',
  cancel: 'Booking cancelled',
  arrival: 'Arrival recorded',
  'not-arrived': 'Recorded that the person did not arrive',
  departure: 'Departure recorded',
  close: 'Booking closed',
  'departure-date': 'Expected departure date changed',
} as const
type Done = keyof typeof DONE
const DONE_KEYS = Object.keys(DONE) as [Done, ...Done[]]
const BookingQuery = z.object({ booked: flag, done: z.enum(DONE_KEYS).optional().catch(undefined) })
/** A search result's "Book" link: the referral and bedspace, and the dates searched for. */
const NewBookingQuery = z.object({
  referralId: z.string().max(100).default(''),
  bedspaceId: z.string().max(100).default(''),
  arrivalDate: z.string().max(10).optional(),
  departureDate: z.string().max(10).optional(),
})
const SEGMENT_LABELS = { booked: 'Booked', turnaround: 'Turnaround', void: 'Void', free: 'Free' }

/** Finding a bedspace, booking it, and the booking's page and lifecycle. */
export function bookingRoutes(app: FastifyInstance, cas3: Cas3Services) {
  const { bookings, referrals } = cas3
  const typed = app.withTypeProvider<ZodTypeProvider>()

  typed.get('/cas3/search', { schema: { querystring: FormFields } }, async (request, reply) => {
    const query = request.query
    const values = withJoinedDates(query, SEARCH_DATES)
    const referralId = typeof query.referralId === 'string' && query.referralId ? query.referralId : undefined
    const [referral, lists] = await Promise.all([
      referralId ? referrals.openReferral(request.ctx, referralId) : undefined,
      cas3.estate.formLists(request.ctx),
    ])
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

  const newBookingPage = async (ctx: RequestContext, values: Values, errors = noErrors()) => {
    const { referral, bedspace } = await bookings.bookingForm(
      ctx,
      text(values.referralId),
      text(values.bedspaceId),
    )
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
  typed.get('/cas3/bookings/new', { schema: { querystring: NewBookingQuery } }, async (request, reply) => {
    const page = await newBookingPage(request.ctx, request.query)
    return reply.render(page.template, page.context)
  })
  typed.post('/cas3/bookings', { schema: { body: FormFields } }, async (request, reply) =>
    handleForm(reply, {
      schema: BookingInput,
      body: request.body,
      run: async (d) => `/cas3/bookings/${(await bookings.book(request.ctx, d)).id}?booked=1`,
      // A form whose hidden ids were tampered with has no referral or bedspace to show again.
      again: ({ values, errors }) => newBookingPage(request.ctx, values, errors),
    }),
  )

  typed.get('/cas3/bookings', async (request, reply) => {
    const rows = await bookings.list(request.ctx, ['provisional', 'confirmed', 'arrived'])
    return reply.render('cas3/views/bookings.njk', {
      pageTitle: 'Bookings',
      rows,
      statuses: BOOKING_STATUSES,
    })
  })

  const bookingPage = async (
    ctx: RequestContext,
    id: string,
    query: z.infer<typeof BookingQuery>,
    values: Values,
    errors = noErrors(),
  ) => {
    const view = await bookings.page(ctx, id)
    const b = view.booking
    const reasonOptions = (rows: { id: string; name: string }[], selected: unknown, placeholder: string) =>
      options(
        rows.map((r) => ({ value: r.id, text: r.name })),
        selected,
        placeholder,
      )
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
        cancellationOptions: reasonOptions(view.cancellationReasons, values.reasonId, 'Select a reason'),
        departureOptions: reasonOptions(view.departureReasons, values.reasonId, 'Select a reason'),
        moveOnOptions: reasonOptions(view.moveOnCategories, values.moveOnCategoryId, 'Select a category'),
        flash: query.booked ? 'Bedspace booked' : query.done ? DONE[query.done] : undefined,
        backLink: '/cas3/bookings',
      },
    }
  }
  typed.get(
    '/cas3/bookings/:id',
    { schema: { params: IdParams, querystring: BookingQuery } },
    async (request, reply) => {
      const page = await bookingPage(request.ctx, request.params.id, request.query, {})
      return reply.render(page.template, page.context)
    },
  )

  const action = <S extends z.ZodType>(
    path: Done,
    schema: S,
    dates: string[],
    run: (ctx: RequestContext, id: string, d: z.infer<S>) => Promise<unknown>,
    /** A form field the use case knows by another name: [form name, use case name]. */
    alias?: [string, string],
  ) =>
    typed.post(
      `/cas3/bookings/:id/${path}`,
      { schema: { params: IdParams, body: FormFields } },
      async (request, reply) => {
        const { id } = request.params
        const joined = withJoinedDates(request.body, dates)
        return handleForm(reply, {
          schema,
          body: alias ? { ...joined, [alias[1]]: joined[alias[0]] } : joined,
          dates,
          run: async (d) => {
            await run(request.ctx, id, d)
            return `/cas3/bookings/${id}?done=${path}`
          },
          again: ({ values, errors }) => {
            if (!alias) return bookingPage(request.ctx, id, {}, values, errors)
            const fields = Object.fromEntries(
              Object.entries(errors.byField).map(([f, e]) => [f === alias[1] ? alias[0] : f, e.text]),
            )
            return bookingPage(request.ctx, id, {}, values, formErrors(fields, { dateFields: dates }))
          },
        })
      },
    )
  action('confirm', SimpleTransition, [], (ctx, id, d) => bookings.confirm(ctx, id, d.version))
  action('cancel', CancelInput, [], (ctx, id, d) => bookings.cancel(ctx, id, d))
  action('arrival', ArrivalInput, ['arrivalDate'], (ctx, id, d) => bookings.arrive(ctx, id, d))
  action('not-arrived', SimpleTransition, [], (ctx, id, d) => bookings.notArrived(ctx, id, d.version))
  action('departure', DepartureInput, ['departureDate'], (ctx, id, d) => bookings.depart(ctx, id, d))
  action('close', SimpleTransition, [], (ctx, id, d) => bookings.close(ctx, id, d.version))
  // The form's date is named newDepartureDate so it cannot be confused with the departure form.
  action(
    'departure-date',
    ChangeDatesInput,
    ['newDepartureDate'],
    (ctx, id, d) => bookings.changeDeparture(ctx, id, d),
    ['newDepartureDate', 'departureDate'],
  )
}

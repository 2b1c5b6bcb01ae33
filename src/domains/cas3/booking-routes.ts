import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { ValidationFailed } from '../../platform/errors.ts'
import { formPage, NoParams } from '../../platform/http/form-page.ts'
import {
  dateParts,
  formErrors,
  parseWith,
  text,
  withJoinedDates,
  type FormErrors,
} from '../../platform/http/forms.ts'
import { FormFields, IdParams } from '../../platform/validation/index.ts'
import type { Cas3Services } from './service.ts'
import { listPage, ListQuery, sendTables } from '../../platform/table/index.ts'
import { options, requirementOptions, riskOptions } from './form-options.ts'
import { allListed, BOOKING_SORT, bookingTable, downloadHref } from './list-tables.ts'
import {
  ArrivalInput,
  BookingInput,
  CancelInput,
  ChangeDatesForm,
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
/** A search result's "Book" link: the referral and bedspace, and the dates searched for. */
const NewBookingQuery = z.object({
  referralId: z.string().max(100).default(''),
  bedspaceId: z.string().max(100).default(''),
  arrivalDate: z.string().max(10).optional(),
  departureDate: z.string().max(10).optional(),
})
/** Sort, filter and page (platform/table/list.ts), and a download of the same. */
const BookingListQuery = ListQuery.extend({ format: z.enum(['csv', 'xlsx']).optional().catch(undefined) })
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
      return reply.render('cas3/views/search.njk', { ...page, errors: formErrors({}) })
    const parsed = parseWith(SearchInput, values)
    if (!parsed.ok)
      return reply.code(400).render('cas3/views/search.njk', {
        ...page,
        errors: formErrors(parsed.errors, { dateFields: SEARCH_DATES }),
      })
    const result = await bookings.search(request.ctx, parsed.data)
    return reply.render('cas3/views/search.njk', {
      ...page,
      errors: formErrors({}),
      searched: true,
      ...result,
    })
  })

  type NewBooking = Awaited<ReturnType<typeof bookings.bookingForm>>
  const newBookingPage = ({ referral, bedspace }: NewBooking, values: Values, errors: FormErrors) => ({
    pageTitle: 'Book a bedspace',
    values,
    errors,
    referral,
    bedspace,
    backLink: `/cas3/search?referralId=${referral.id}`,
  })
  typed.get('/cas3/bookings/new', { schema: { querystring: NewBookingQuery } }, async (request, reply) => {
    const { referralId, bedspaceId } = request.query
    const loaded = await bookings.bookingForm(request.ctx, referralId, bedspaceId)
    return reply.render('cas3/views/booking-new.njk', newBookingPage(loaded, request.query, formErrors({})))
  })
  formPage(app, {
    path: '/cas3/bookings',
    params: NoParams,
    get: false,
    view: 'cas3/views/booking-new.njk',
    schema: BookingInput,
    // The form carries the referral and bedspace it books; a form whose hidden ids were tampered
    // with has no referral or bedspace to show again, so it is not found.
    load: (request, _params, _query, posted) =>
      bookings.bookingForm(request.ctx, text(posted.referralId), text(posted.bedspaceId)),
    context: (loaded, form) => newBookingPage(loaded, form.values, form.errors),
    save: (request, _params, d) => bookings.book(request.ctx, d),
    redirect: (booking) => `/cas3/bookings/${booking.id}`,
    confirmation: 'Bedspace booked',
  })

  typed.get('/cas3/bookings', { schema: { querystring: BookingListQuery } }, async (request, reply) => {
    const { format, ...query } = request.query
    const table = bookingTable(await bookings.list(request.ctx, ['provisional', 'confirmed', 'arrived']))
    if (format) return sendTables(reply, format, table.id, [allListed(table, query, BOOKING_SORT)])
    const kept = { q: query.q, sort: query.sort, order: query.order }
    return reply.render('cas3/views/bookings.njk', {
      pageTitle: 'Bookings',
      list: listPage(table, query, { baseUrl: '/cas3/bookings', defaultSort: BOOKING_SORT }),
      q: query.q,
      downloads: {
        csv: downloadHref('/cas3/bookings', kept, 'csv'),
        xlsx: downloadHref('/cas3/bookings', kept, 'xlsx'),
      },
    })
  })

  type BookingView = Awaited<ReturnType<typeof bookings.page>>
  const bookingPage = (view: BookingView, values: Values, errors: FormErrors) => {
    const b = view.booking
    const reasonOptions = (rows: { id: string; name: string }[], selected: unknown, placeholder: string) =>
      options(
        rows.map((r) => ({ value: r.id, text: r.name })),
        selected,
        placeholder,
      )
    return {
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
      backLink: '/cas3/bookings',
    }
  }
  typed.get('/cas3/bookings/:id', { schema: { params: IdParams } }, async (request, reply) =>
    reply.render(
      'cas3/views/booking.njk',
      bookingPage(await bookings.page(request.ctx, request.params.id), {}, formErrors({})),
    ),
  )

  /** One step of the booking's life, posted from the booking's page (its GET above draws every form). */
  const action = <S extends z.ZodType>(
    path: Done,
    schema: S,
    dates: string[],
    run: (ctx: RequestContext, id: string, d: z.infer<S>) => Promise<unknown>,
  ) =>
    formPage(app, {
      path: `/cas3/bookings/:id/${path}`,
      params: IdParams,
      get: false,
      view: 'cas3/views/booking.njk',
      dateFields: dates,
      schema,
      load: (request, { id }) => bookings.page(request.ctx, id),
      context: (view, form) => bookingPage(view, form.values, form.errors),
      conflictValues: (view, posted) => ({ ...posted, version: view.booking.version }),
      save: (request, { id }, d) => run(request.ctx, id, d),
      redirect: (_done, { id }) => `/cas3/bookings/${id}`,
      confirmation: DONE[path],
    })
  action('confirm', SimpleTransition, [], (ctx, id, d) => bookings.confirm(ctx, id, d.version))
  action('cancel', CancelInput, [], (ctx, id, d) => bookings.cancel(ctx, id, d))
  action('arrival', ArrivalInput, ['arrivalDate'], (ctx, id, d) => bookings.arrive(ctx, id, d))
  action('not-arrived', SimpleTransition, [], (ctx, id, d) => bookings.notArrived(ctx, id, d.version))
  action('departure', DepartureInput, ['departureDate'], (ctx, id, d) => bookings.depart(ctx, id, d))
  action('close', SimpleTransition, [], (ctx, id, d) => bookings.close(ctx, id, d.version))
  // The form's date is named newDepartureDate so it cannot be confused with the departure form;
  // a rule the service reports on departureDate is shown against the field the user filled in.
  action('departure-date', ChangeDatesForm, ['newDepartureDate'], async (ctx, id, d) => {
    try {
      return await bookings.changeDeparture(ctx, id, d)
    } catch (err) {
      if (!(err instanceof ValidationFailed) || !('departureDate' in err.fields)) throw err
      const { departureDate, ...rest } = err.fields
      throw new ValidationFailed({ ...rest, newDepartureDate: departureDate ?? '' })
    }
  })
}

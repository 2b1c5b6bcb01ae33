import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import { formPage, NoParams } from '../../platform/http/form-page.ts'
import { dateParts, formErrors, type FormErrors } from '../../platform/http/forms.ts'
import { IdParams, uuidParam } from '../../platform/validation/index.ts'
import type { Cas3Services } from './service.ts'
import { listPage, ListQuery } from '../../platform/table/list.ts'
import { sendTables } from '../../platform/table/index.ts'
import { options, requirementOptions, riskOptions } from './form-options.ts'
import { allListed, downloadHref, REFERRAL_SORT, referralTable } from './list-tables.ts'
import { AssessInput, ReferralInput } from './schemas.ts'
import type { ReferralStatus } from './tables.ts'
import { DUTY_TO_REFER_OUTCOMES, ELIGIBILITY, REFERRAL_STATUSES, REQUIREMENTS } from './vocabulary.ts'

type Values = Record<string, unknown>
const STATUS_KEYS = Object.keys(REFERRAL_STATUSES) as [ReferralStatus, ...ReferralStatus[]]
/** Sort, filter and page (platform/table/list.ts), the status filter, and a download of the same. */
const ReferralListQuery = ListQuery.extend({
  status: z.enum(STATUS_KEYS).optional().catch(undefined),
  format: z.enum(['csv', 'xlsx']).optional().catch(undefined),
})
/** Opened from a person's page: ?person=<id>; anything else opens a blank form. */
const NewQuery = z.object({ person: uuidParam.optional().catch(undefined) })
const REFERRAL_DATES = ['consentDate', 'releaseDate', 'dutyToReferDate']

/** A COM's or prison's referral to CAS3, and the CAS3 team's assessment of it. */
export function referralRoutes(app: FastifyInstance, cas3: Cas3Services) {
  const { referrals } = cas3
  const typed = app.withTypeProvider<ZodTypeProvider>()

  type Lists = Awaited<ReturnType<typeof referrals.formLists>>
  const referralForm = (lists: Lists, values: Values, errors: FormErrors) => {
    const pduOptions = [
      { value: '', text: 'Select a PDU' },
      ...lists.pdus.flatMap((g) =>
        g.pdus.map((p) => ({
          value: p.code,
          text: `${p.name} (${g.region})`,
          selected: p.code === values.placementPduCode,
        })),
      ),
    ]
    const laOptions = (selected: unknown, placeholder: string) =>
      options(
        lists.localAuthorities.map((l) => ({ value: l.code, text: l.name })),
        selected,
        placeholder,
      )
    return {
      pageTitle: 'Refer to CAS3',
      values,
      errors,
      dates: {
        consentDate: dateParts(values.consentDate),
        releaseDate: dateParts(values.releaseDate),
        dutyToReferDate: dateParts(values.dutyToReferDate),
      },
      pduOptions,
      laOptions: laOptions(values.placementLocalAuthorityCode, 'Not known yet'),
      dtrLaOptions: laOptions(values.dutyToReferLocalAuthorityCode, 'Select a local authority'),
      eligibilityOptions: options(
        Object.entries(ELIGIBILITY).map(([value, text]) => ({ value, text })),
        values.eligibility,
      ),
      dtrOutcomeOptions: options(
        Object.entries(DUTY_TO_REFER_OUTCOMES).map(([value, text]) => ({ value, text })),
        values.dutyToReferOutcome,
        'Select an outcome',
      ),
      requirementOptions: requirementOptions(values.requirements),
      riskOptions: riskOptions(values.risks),
      backLink: '/cas3/referrals',
    }
  }
  typed.get('/cas3/referrals', { schema: { querystring: ReferralListQuery } }, async (request, reply) => {
    const { status, format, ...query } = request.query
    const table = referralTable(await referrals.list(request.ctx, status), status)
    if (format) return sendTables(reply, format, table.id, [allListed(table, query, REFERRAL_SORT)])
    const list = listPage(table, query, {
      baseUrl: '/cas3/referrals',
      defaultSort: REFERRAL_SORT,
      keep: { status },
    })
    const kept = { status, q: query.q, sort: query.sort, order: query.order }
    return reply.render('cas3/views/referrals.njk', {
      pageTitle: 'CAS3 referrals',
      list,
      q: query.q,
      statusOptions: options(
        Object.entries(REFERRAL_STATUSES).map(([value, text]) => ({ value, text })),
        status,
        'Any status',
      ),
      downloads: {
        csv: downloadHref('/cas3/referrals', kept, 'csv'),
        xlsx: downloadHref('/cas3/referrals', kept, 'xlsx'),
      },
      canRefer: request.actor ? can(request.actor.role, 'cas3:refer') : false,
    })
  })
  typed.get('/cas3/referrals/new', { schema: { querystring: NewQuery } }, async (request, reply) => {
    const [lists, values] = await Promise.all([
      referrals.formLists(),
      referrals.prefill(request.ctx, request.query.person),
    ])
    return reply.render('cas3/views/referral-new.njk', referralForm(lists, values, formErrors({})))
  })
  formPage(app, {
    path: '/cas3/referrals',
    params: NoParams,
    get: false,
    view: 'cas3/views/referral-new.njk',
    dateFields: REFERRAL_DATES,
    schema: ReferralInput,
    load: () => referrals.formLists(),
    context: (lists, form) => referralForm(lists, form.values, form.errors),
    save: (request, _params, d) => referrals.refer(request.ctx, d),
    redirect: (referral) => `/cas3/referrals/${referral.id}`,
    confirmation: 'Referral sent to the CAS3 team',
  })

  const loadReferral = async (ctx: RequestContext, id: string) => {
    const referral = await referrals.view(ctx, id)
    const canAssess = can(ctx.actor.role, 'cas3:manage')
    const rejectionReasons = canAssess ? await cas3.lists.reasons('rejection') : []
    return { referral, canAssess, rejectionReasons }
  }
  const referralPage = (
    { referral, canAssess, rejectionReasons }: Awaited<ReturnType<typeof loadReferral>>,
    values: Values,
    errors: FormErrors,
  ) => ({
    pageTitle: `CAS3 referral: ${referral.given_name} ${referral.family_name}`,
    referral,
    canAssess,
    values,
    errors,
    statuses: REFERRAL_STATUSES,
    eligibility: ELIGIBILITY,
    dtrOutcomes: DUTY_TO_REFER_OUTCOMES,
    requirements: referral.requirements.map((r) => REQUIREMENTS[r]?.label ?? r),
    rejectionOptions: options(
      rejectionReasons.map((r) => ({ value: r.id, text: r.name })),
      values.rejectionReasonId,
      'Select a reason',
    ),
    backLink: '/cas3/referrals',
  })
  typed.get('/cas3/referrals/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const loaded = await loadReferral(request.ctx, request.params.id)
    return reply.render(
      'cas3/views/referral.njk',
      referralPage(loaded, { version: loaded.referral.version }, formErrors({})),
    )
  })
  // The referral's page holds the assessment form; its GET above draws it.
  formPage(app, {
    path: '/cas3/referrals/:id/assess',
    params: IdParams,
    get: false,
    view: 'cas3/views/referral.njk',
    schema: AssessInput,
    load: (request, { id }) => loadReferral(request.ctx, id),
    context: (loaded, form) => referralPage(loaded, form.values, form.errors),
    conflictValues: ({ referral }, posted) => ({ ...posted, version: referral.version }),
    save: async (request, { id }, d) => {
      await referrals.assess(request.ctx, id, d)
      return d.status
    },
    redirect: (_status, { id }) => `/cas3/referrals/${id}`,
    confirmation: (status) => `Referral status saved: ${REFERRAL_STATUSES[status]}`,
  })
}

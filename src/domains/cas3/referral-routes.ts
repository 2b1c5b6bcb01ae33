import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import { dateParts } from '../../platform/http/forms.ts'
import { flag, FormFields, IdParams, uuidParam } from '../../platform/validation/index.ts'
import type { Cas3Services } from './service.ts'
import { options, requirementOptions, riskOptions } from './form-options.ts'
import { handleForm, noErrors } from './route-helpers.ts'
import { AssessInput, ReferralInput } from './schemas.ts'
import type { ReferralStatus } from './tables.ts'
import { DUTY_TO_REFER_OUTCOMES, ELIGIBILITY, REFERRAL_STATUSES, REQUIREMENTS } from './vocabulary.ts'

type Values = Record<string, unknown>
const STATUS_KEYS = Object.keys(REFERRAL_STATUSES) as [ReferralStatus, ...ReferralStatus[]]
const ListQuery = z.object({ status: z.enum(STATUS_KEYS).optional().catch(undefined), referred: flag })
/** Opened from a person's page: ?person=<id>; anything else opens a blank form. */
const NewQuery = z.object({ person: uuidParam.optional().catch(undefined) })
const PageQuery = z.object({ referred: flag, assessed: flag })
const REFERRAL_DATES = ['consentDate', 'releaseDate', 'dutyToReferDate']

/** A COM's or prison's referral to CAS3, and the CAS3 team's assessment of it. */
export function referralRoutes(app: FastifyInstance, cas3: Cas3Services) {
  const { referrals } = cas3
  const typed = app.withTypeProvider<ZodTypeProvider>()

  const referralForm = async (values: Values, errors = noErrors()) => {
    const lists = await referrals.formLists()
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
      template: 'cas3/views/referral-new.njk',
      context: {
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
      },
    }
  }
  typed.get('/cas3/referrals', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const rows = await referrals.list(request.ctx, request.query.status)
    return reply.render('cas3/views/referrals.njk', {
      pageTitle: 'CAS3 referrals',
      rows,
      statuses: REFERRAL_STATUSES,
      canRefer: request.actor ? can(request.actor.role, 'cas3:refer') : false,
      flash: request.query.referred ? 'Referral sent to the CAS3 team' : undefined,
    })
  })
  typed.get('/cas3/referrals/new', { schema: { querystring: NewQuery } }, async (request, reply) => {
    const page = await referralForm(await referrals.prefill(request.ctx, request.query.person))
    return reply.render(page.template, page.context)
  })
  typed.post('/cas3/referrals', { schema: { body: FormFields } }, async (request, reply) =>
    handleForm(reply, {
      schema: ReferralInput,
      body: request.body,
      dates: REFERRAL_DATES,
      run: async (d) => `/cas3/referrals/${(await referrals.refer(request.ctx, d)).id}?referred=1`,
      again: ({ values, errors }) => referralForm(values, errors),
    }),
  )

  const referralPage = async (
    ctx: RequestContext,
    id: string,
    query: z.infer<typeof PageQuery>,
    values: Values,
    errors = noErrors(),
  ) => {
    const referral = await referrals.view(ctx, id)
    const canAssess = can(ctx.actor.role, 'cas3:manage')
    const rejectionReasons = canAssess ? await cas3.lists.reasons('rejection') : []
    return {
      template: 'cas3/views/referral.njk',
      context: {
        pageTitle: `CAS3 referral: ${referral.given_name} ${referral.family_name}`,
        referral,
        canAssess,
        values: { version: referral.version, ...values },
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
        flash: query.referred
          ? 'Referral sent to the CAS3 team'
          : query.assessed
            ? `Referral status saved: ${REFERRAL_STATUSES[referral.status]}`
            : undefined,
        backLink: '/cas3/referrals',
      },
    }
  }
  typed.get(
    '/cas3/referrals/:id',
    { schema: { params: IdParams, querystring: PageQuery } },
    async (request, reply) => {
      const page = await referralPage(request.ctx, request.params.id, request.query, {})
      return reply.render(page.template, page.context)
    },
  )
  typed.post(
    '/cas3/referrals/:id/assess',
    { schema: { params: IdParams, body: FormFields } },
    async (request, reply) => {
      const { id } = request.params
      return handleForm(reply, {
        schema: AssessInput,
        body: request.body,
        run: async (d) => {
          await referrals.assess(request.ctx, id, d)
          return `/cas3/referrals/${id}?assessed=1`
        },
        again: ({ values, errors }) => referralPage(request.ctx, id, {}, values, errors),
      })
    },
  )
}

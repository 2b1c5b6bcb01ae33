import type { FastifyInstance, FastifyRequest } from 'fastify'
import { dateParts } from '../../platform/http/forms.ts'
import { can } from '../../platform/auth/roles.ts'
import type { Cas3Services } from './service.ts'
import { bookingRoutes } from './booking-routes.ts'
import { reportRoutes } from './report-routes.ts'
import { bodyOf, handleForm, idParam, noErrors, options } from './route-helpers.ts'
import {
  ArchiveInput,
  AssessInput,
  BedspaceInput,
  PremisesInput,
  ReferralInput,
  VoidInput,
} from './schemas.ts'
import {
  DUTY_TO_REFER_OUTCOMES,
  ELIGIBILITY,
  REFERRAL_STATUSES,
  REQUIREMENTS,
  RISK_EXCLUSIONS,
} from './vocabulary.ts'
import type { ReferralStatus } from './tables.ts'

const RISK_LABELS: Record<keyof typeof RISK_EXCLUSIONS, string> = {
  risk_to_children: 'Poses a sexual risk to children',
  risk_to_adults: 'Poses a sexual risk to adults',
  arson_history: 'Has an arson history',
}
export const requirementOptions = (selected: unknown) =>
  options(
    Object.entries(REQUIREMENTS).map(([value, r]) => ({ value, text: r.label })),
    selected,
  )
export const riskOptions = (selected: unknown) =>
  options(
    Object.entries(RISK_LABELS).map(([value, text]) => ({ value, text })),
    selected,
  )

export function cas3Routes(app: FastifyInstance, cas3: Cas3Services) {
  const { estate, referrals } = cas3

  app.get('/cas3', async (request, reply) => {
    const [nearLimit, unallocated] = await Promise.all([
      cas3.bookings.list(request.ctx, ['arrived']),
      referrals.list(request.ctx, 'unallocated'),
    ])
    return reply.render('cas3/views/dashboard.njk', {
      pageTitle: 'CAS3 temporary accommodation',
      nearLimit: nearLimit.filter((b) => b.stay.warning || b.stay.overLimit),
      unallocated: unallocated.length,
    })
  })

  // Premises and bedspaces
  const premisesForm = async (
    request: FastifyRequest,
    values: Record<string, unknown>,
    errors = noErrors(),
  ) => {
    const lists = await estate.formLists(request.ctx)
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
  app.get('/cas3/premises', async (request, reply) =>
    reply.render('cas3/views/premises-list.njk', {
      pageTitle: 'Premises',
      premises: await estate.listPremises(request.ctx),
    }),
  )
  app.get('/cas3/premises/new', async (request, reply) => {
    const page = await premisesForm(request, {})
    return reply.render(page.template, page.context)
  })
  app.post('/cas3/premises', async (request, reply) =>
    handleForm(reply, {
      schema: PremisesInput,
      body: bodyOf(request),
      run: async (d) => `/cas3/premises/${(await estate.createPremises(request.ctx, d)).id}`,
      again: ({ values, errors }) => premisesForm(request, values, errors),
    }),
  )
  app.get('/cas3/premises/:id', async (request, reply) => {
    const view = await estate.premisesPage(request.ctx, idParam(request))
    return reply.render('cas3/views/premises.njk', {
      pageTitle: view.premises.name,
      ...view,
      backLink: '/cas3/premises',
    })
  })
  const bedspaceForm = async (
    request: FastifyRequest,
    values: Record<string, unknown>,
    errors = noErrors(),
  ) => {
    const [lists, view] = await Promise.all([
      estate.formLists(request.ctx),
      estate.premisesPage(request.ctx, idParam(request)),
    ])
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
  app.get('/cas3/premises/:id/bedspaces/new', async (request, reply) => {
    const page = await bedspaceForm(request, {})
    return reply.render(page.template, page.context)
  })
  app.post('/cas3/premises/:id/bedspaces', async (request, reply) =>
    handleForm(reply, {
      schema: BedspaceInput,
      body: bodyOf(request, ['startDate']),
      dates: ['startDate'],
      run: async (d) => `/cas3/bedspaces/${(await estate.addBedspace(request.ctx, idParam(request), d)).id}`,
      again: ({ values, errors }) => bedspaceForm(request, values, errors),
    }),
  )
  const bedspacePage = async (
    request: FastifyRequest,
    values: Record<string, unknown>,
    errors = noErrors(),
  ) => {
    const [view, lists] = await Promise.all([
      estate.bedspacePage(request.ctx, idParam(request)),
      estate.formLists(request.ctx),
    ])
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
        backLink: `/cas3/premises/${view.bedspace.premises_id}`,
      },
    }
  }
  app.get('/cas3/bedspaces/:id', async (request, reply) => {
    const page = await bedspacePage(request, {})
    return reply.render(page.template, page.context)
  })
  app.post('/cas3/bedspaces/:id/voids', async (request, reply) =>
    handleForm(reply, {
      schema: VoidInput,
      body: bodyOf(request, ['startDate', 'endDate']),
      dates: ['startDate', 'endDate'],
      run: async (d) => {
        await estate.addVoid(request.ctx, idParam(request), d)
        return `/cas3/bedspaces/${idParam(request)}`
      },
      again: ({ values, errors }) => bedspacePage(request, values, errors),
    }),
  )
  app.post('/cas3/bedspaces/:id/archive', async (request, reply) =>
    handleForm(reply, {
      schema: ArchiveInput,
      body: bodyOf(request, ['lastDate']),
      dates: ['lastDate'],
      run: async (d) => {
        await estate.archiveBedspace(request.ctx, idParam(request), d.lastDate)
        return `/cas3/bedspaces/${idParam(request)}`
      },
      again: ({ values, errors }) => bedspacePage(request, values, errors),
    }),
  )

  // Referrals
  const referralForm = async (values: Record<string, unknown>, errors = noErrors()) => {
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
        laOptions: options(
          lists.localAuthorities.map((l) => ({ value: l.code, text: l.name })),
          values.placementLocalAuthorityCode,
          'Not known yet',
        ),
        dtrLaOptions: options(
          lists.localAuthorities.map((l) => ({ value: l.code, text: l.name })),
          values.dutyToReferLocalAuthorityCode,
          'Select a local authority',
        ),
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
  app.get('/cas3/referrals', async (request, reply) => {
    const status = (request.query as { status?: string }).status
    const rows = await referrals.list(
      request.ctx,
      status && status in REFERRAL_STATUSES ? (status as ReferralStatus) : undefined,
    )
    return reply.render('cas3/views/referrals.njk', {
      pageTitle: 'CAS3 referrals',
      rows,
      statuses: REFERRAL_STATUSES,
      canRefer: request.actor ? can(request.actor.role, 'cas3:refer') : false,
      flash: (request.query as { referred?: string }).referred ? 'Referral sent to the CAS3 team' : undefined,
    })
  })
  app.get('/cas3/referrals/new', async (request, reply) => {
    // Opened from a person's page (?person=<id>): fill in what the record already says.
    const personId = (request.query as { person?: unknown }).person
    const page = await referralForm(
      typeof personId === 'string' && personId ? await referrals.prefill(request.ctx, personId) : {},
    )
    return reply.render(page.template, page.context)
  })
  const REFERRAL_DATES = ['consentDate', 'releaseDate', 'dutyToReferDate']
  app.post('/cas3/referrals', async (request, reply) =>
    handleForm(reply, {
      schema: ReferralInput,
      body: bodyOf(request, REFERRAL_DATES),
      dates: REFERRAL_DATES,
      run: async (d) => `/cas3/referrals/${(await referrals.refer(request.ctx, d)).id}?referred=1`,
      again: ({ values, errors }) => referralForm(values, errors),
    }),
  )
  const referralPage = async (
    request: FastifyRequest,
    values: Record<string, unknown>,
    errors = noErrors(),
  ) => {
    const referral = await referrals.view(request.ctx, idParam(request))
    const canAssess = request.actor?.role === 'cas3_officer' || request.actor?.role === 'admin'
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
        flash: (request.query as { referred?: string }).referred
          ? 'Referral sent to the CAS3 team'
          : (request.query as { assessed?: string }).assessed
            ? `Referral status saved: ${REFERRAL_STATUSES[referral.status]}`
            : undefined,
        backLink: '/cas3/referrals',
      },
    }
  }
  app.get('/cas3/referrals/:id', async (request, reply) => {
    const page = await referralPage(request, {})
    return reply.render(page.template, page.context)
  })
  app.post('/cas3/referrals/:id/assess', async (request, reply) =>
    handleForm(reply, {
      schema: AssessInput,
      body: bodyOf(request),
      run: async (d) => {
        await referrals.assess(request.ctx, idParam(request), d)
        return `/cas3/referrals/${idParam(request)}?assessed=1`
      },
      again: ({ values, errors }) => referralPage(request, values, errors),
    }),
  )

  bookingRoutes(app, cas3)
  reportRoutes(app, cas3)
}

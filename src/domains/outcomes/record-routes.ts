/**
 * A person's offences, orders and licences, and programmes: one page listing them with what each
 * counts toward, and one GOV.UK form per change. Every form posts back to its own address; a
 * failure re-renders it with the user's input, a stale version or a second ending says so (409).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { Conflict, Forbidden, NotFound, ValidationFailed, type FieldErrors } from '../../platform/errors.ts'
import { formErrors, parseWith, withJoinedDates } from '../../platform/http/forms.ts'
import { flag, FormFields, uuidParam } from '../../platform/validation/index.ts'
import type { ReferenceLists } from '../reference/repository.ts'
import {
  OffenceForm,
  OrderForm,
  ProgrammeEndForm,
  ProgrammeForm,
  ProofInput,
  TerminationForm,
} from './record-schemas.ts'
import type { OutcomeRecords } from './records.ts'
import * as vm from './record-view.ts'

type Body = Record<string, unknown>
type Data = Awaited<ReturnType<OutcomeRecords['forPerson']>>
type Kind = 'offence' | 'order' | 'programme'

interface Form<S extends z.ZodType = z.ZodType> {
  path: string
  title: string
  template: string
  schema: S
  dates: string[]
  /** The record the form changes, for the forms that change one. */
  record?: Kind
  /** What the form starts with, before the user has typed anything. */
  initial?: (data: Data, record: { version?: number } | undefined) => Body
  run: (ctx: RequestContext, personId: string, recordId: string, data: z.infer<S>) => Promise<unknown>
  saved: string
}

/** A person and, for the forms that change one, their record: both UUIDs, or not found (404). */
const Params = z.object({ id: uuidParam, recordId: uuidParam.optional() })
type Params = z.infer<typeof Params>
const SAVED: Record<string, string> = {
  offence: 'Offence recorded',
  proof: 'Proof of the offence recorded',
  order: 'Order started',
  'order-end': 'Order ended',
  programme: 'Programme started',
  'programme-end': 'Programme ended',
}

const form = <S extends z.ZodType>(f: Form<S>) => f as unknown as Form

function recordOf(data: Data, kind: Kind, id: string | undefined) {
  const list = kind === 'offence' ? data.offences : kind === 'order' ? data.orders : data.programmes
  const record = list.find((r) => r.id === id)
  // A record of another person, or none at all, is the same "not found".
  if (!record) throw new NotFound('Record')
  return record
}

const closed = (kind: Kind, r: ReturnType<typeof recordOf>) =>
  kind === 'offence'
    ? 'proven_date' in r && r.proven_date !== null
    : 'terminated_on' in r && r.terminated_on !== null

const SavedQuery = z.object({ saved: flag })

export function outcomeRecordRoutes(app: FastifyInstance, records: OutcomeRecords, lists: ReferenceLists) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const list = { schema: { params: Params, querystring: SavedQuery } }
  typed.get('/people/:id/outcome-records', list, async (request, reply) => {
    const { id } = request.params
    const data = await records.forPerson(request.ctx, id)
    const { saved } = request.query
    return reply.render('outcomes/views/records.njk', {
      pageTitle: `Offences, orders and programmes: ${data.person.given_name} ${data.person.family_name}`,
      person: data.person,
      backLink: `/people/${id}`,
      flash: typeof saved === 'string' ? SAVED[saved] : undefined,
      ...vm.recordsPage(data, records.mayWrite(request.ctx)),
    })
  })

  const FORMS: Form[] = [
    form({
      path: 'offences/new',
      title: 'Record an offence',
      template: 'records-offence.njk',
      schema: OffenceForm,
      dates: ['offenceDate', 'provenDate'],
      initial: () => ({ disposal: 'none' }),
      run: (ctx, id, _, data) => records.recordOffence(ctx, id, data),
      saved: 'offence',
    }),
    form({
      path: 'offences/:recordId/proof',
      title: 'Record proof of an offence',
      template: 'records-proof.njk',
      schema: ProofInput,
      dates: ['provenDate'],
      record: 'offence',
      run: (ctx, id, recordId, data) => records.proveOffence(ctx, recordId, data, id),
      saved: 'proof',
    }),
    form({
      path: 'orders/new',
      title: 'Start an order or licence',
      template: 'records-order.njk',
      schema: OrderForm,
      dates: ['startDate'],
      initial: (data) => ({ pduCode: data.currentPdu, custodyEpisodeId: data.releases[0]?.id }),
      run: (ctx, id, _, data) => records.startOrder(ctx, id, data),
      saved: 'order',
    }),
    form({
      path: 'orders/:recordId/end',
      title: 'End an order or licence',
      template: 'records-order-end.njk',
      schema: TerminationForm,
      dates: ['terminatedOn'],
      record: 'order',
      initial: (_, record) => ({ version: record?.version }),
      run: (ctx, id, recordId, data) => records.terminateOrder(ctx, recordId, data, id),
      saved: 'order-end',
    }),
    form({
      path: 'programmes/new',
      title: 'Start a programme',
      template: 'records-programme.njk',
      schema: ProgrammeForm,
      dates: ['startedOn'],
      initial: (data) => ({ pduCode: data.currentPdu }),
      run: (ctx, id, _, data) => records.startProgramme(ctx, id, data),
      saved: 'programme',
    }),
    form({
      path: 'programmes/:recordId/end',
      title: 'End a programme',
      template: 'records-programme-end.njk',
      schema: ProgrammeEndForm,
      dates: ['terminatedOn'],
      record: 'programme',
      initial: (_, record) => ({ version: record?.version }),
      run: (ctx, id, recordId, data) => records.terminateProgramme(ctx, recordId, data, id),
      saved: 'programme-end',
    }),
  ]

  /** The form page: the person's records are read (and the read audited) on every render. */
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    { id, recordId }: Params,
    f: Form,
    values: Body | undefined,
    fields: FieldErrors,
    status = 200,
    conflict = false,
  ) {
    if (!records.mayWrite(request.ctx)) throw new Forbidden()
    const data = await records.forPerson(request.ctx, id)
    const record = f.record ? recordOf(data, f.record, recordId) : undefined
    const version = record && 'version' in record ? record.version : undefined
    const given = values ?? f.initial?.(data, { version }) ?? {}
    // The form keeps what the user typed. Only after a conflict does it take the saved version,
    // so that saving again is a deliberate choice made after seeing what changed.
    const v = conflict && version !== undefined ? { ...given, version } : given
    const base = `/people/${id}/outcome-records`
    return reply.code(status).render(`outcomes/views/${f.template}`, {
      pageTitle: f.title,
      heading: f.title,
      person: data.person,
      backLink: base,
      action: `${base}/${f.path.replace(':recordId', recordId ?? '')}`,
      summary: record && f.record ? vm.summaryOf(f.record, record) : undefined,
      closed: record && f.record ? closed(f.record, record) : false,
      values: v,
      errors: formErrors(fields, { dateFields: f.dates }),
      dates: Object.fromEntries(f.dates.map((d) => [d, vm.dateParts(v, d)])),
      pduOptions: vm.pduOptions(await lists.pdus(), v.pduCode),
      releaseOptions: vm.releaseOptions(data.releases, v.custodyEpisodeId),
      kindItems: vm.radios(v, 'kind', vm.ORDER_KINDS),
      reasonItems: vm.radios(v, 'reason', vm.TERMINATION_REASONS),
      disposalItems: vm.radios(v, 'disposal', vm.DISPOSALS),
      proofItems: vm.radios(v, 'disposal', { none: 'Not yet proven', ...vm.DISPOSALS }),
      yesNo: (name: string) => vm.radios(v, name, vm.YES_NO),
    })
  }

  for (const f of FORMS) {
    const url = `/people/:id/outcome-records/${f.path}`
    typed.get(url, { schema: { params: Params } }, (request, reply) =>
      render(request, reply, request.params, f, undefined, {}),
    )
    // The body is declared as form fields; the form's own schema checks them, so a wrong field
    // re-renders the form with the GOV.UK error summary and the input kept.
    typed.post(url, { schema: { params: Params, body: FormFields } }, async (request, reply) => {
      const params = request.params
      const { id, recordId = '' } = params
      const body = withJoinedDates(request.body, f.dates)
      const parsed = parseWith(f.schema, body)
      if (!parsed.ok) return render(request, reply, params, f, body, parsed.errors, 400)
      try {
        await f.run(request.ctx, id, recordId, parsed.data)
      } catch (err) {
        if (err instanceof ValidationFailed) return render(request, reply, params, f, body, err.fields, 400)
        if (err instanceof Conflict)
          return render(request, reply, params, f, body, { form: err.message }, 409, true)
        throw err
      }
      return reply.redirect(`/people/${id}/outcome-records?saved=${f.saved}`, 303)
    })
  }
}

/**
 * A person's offences, orders and licences, and programmes: one page listing them with what each
 * counts toward, and one GOV.UK form per change. Every form posts back to its own address; a
 * failure re-renders it with the user's input, a stale version or a second ending says so (409).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { RequestContext } from '../../platform/auth/actor.ts'
import { NotFound } from '../../platform/errors.ts'
import { formPage, type FormState } from '../../platform/http/form-page.ts'
import { uuidParam } from '../../platform/validation/index.ts'
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
  /** The confirmation shown on the records page after a save. */
  saved: string
}

/** A person and, for the forms that change one, their record: both UUIDs, or not found (404). */
const Params = z.object({ id: uuidParam, recordId: uuidParam.optional() })
type Params = z.infer<typeof Params>

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

export function outcomeRecordRoutes(app: FastifyInstance, records: OutcomeRecords, lists: ReferenceLists) {
  const typed = app.withTypeProvider<ZodTypeProvider>()
  const list = { schema: { params: Params } }
  typed.get('/people/:id/outcome-records', list, async (request, reply) => {
    const { id } = request.params
    const data = await records.forPerson(request.ctx, id)
    return reply.render('outcomes/views/records.njk', {
      pageTitle: `Offences, orders and programmes: ${data.person.given_name} ${data.person.family_name}`,
      person: data.person,
      backLink: `/people/${id}`,
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
      saved: 'Offence recorded',
    }),
    form({
      path: 'offences/:recordId/proof',
      title: 'Record proof of an offence',
      template: 'records-proof.njk',
      schema: ProofInput,
      dates: ['provenDate'],
      record: 'offence',
      run: (ctx, id, recordId, data) => records.proveOffence(ctx, recordId, data, id),
      saved: 'Proof of the offence recorded',
    }),
    form({
      path: 'orders/new',
      title: 'Start an order or licence',
      template: 'records-order.njk',
      schema: OrderForm,
      dates: ['startDate'],
      initial: (data) => ({ pduCode: data.currentPdu, custodyEpisodeId: data.releases[0]?.id }),
      run: (ctx, id, _, data) => records.startOrder(ctx, id, data),
      saved: 'Order started',
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
      saved: 'Order ended',
    }),
    form({
      path: 'programmes/new',
      title: 'Start a programme',
      template: 'records-programme.njk',
      schema: ProgrammeForm,
      dates: ['startedOn'],
      initial: (data) => ({ pduCode: data.currentPdu }),
      run: (ctx, id, _, data) => records.startProgramme(ctx, id, data),
      saved: 'Programme started',
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
      saved: 'Programme ended',
    }),
  ]

  /** What a record form shows: the person's records (the read audited on every draw) and the record. */
  async function loadForm(request: FastifyRequest, { id, recordId }: Params, f: Form) {
    const data = await records.forPerson(request.ctx, id)
    const record = f.record ? recordOf(data, f.record, recordId) : undefined
    const version = record && 'version' in record ? record.version : undefined
    return { params: { id, recordId }, data, record, version, pdus: await lists.pdus() }
  }
  type Loaded = Awaited<ReturnType<typeof loadForm>>

  function context(f: Form, loaded: Loaded, form: FormState) {
    const { data, record } = loaded
    const { id, recordId } = loaded.params
    const v = form.values
    const base = `/people/${id}/outcome-records`
    return {
      heading: f.title,
      person: data.person,
      backLink: base,
      action: `${base}/${f.path.replace(':recordId', recordId ?? '')}`,
      summary: record && f.record ? vm.summaryOf(f.record, record) : undefined,
      closed: record && f.record ? closed(f.record, record) : false,
      values: v,
      errors: form.errors,
      dates: Object.fromEntries(f.dates.map((d) => [d, vm.dateParts(v, d)])),
      pduOptions: vm.pduOptions(loaded.pdus, v.pduCode),
      releaseOptions: vm.releaseOptions(data.releases, v.custodyEpisodeId),
      kindItems: vm.radios(v, 'kind', vm.ORDER_KINDS),
      reasonItems: vm.radios(v, 'reason', vm.TERMINATION_REASONS),
      disposalItems: vm.radios(v, 'disposal', vm.DISPOSALS),
      proofItems: vm.radios(v, 'disposal', { none: 'Not yet proven', ...vm.DISPOSALS }),
      yesNo: (name: string) => vm.radios(v, name, vm.YES_NO),
    }
  }

  for (const f of FORMS) {
    // Each form is the one form pattern (platform/http/form-page.ts): a wrong field re-renders
    // it with the GOV.UK error summary and the input kept; a stale version or a second ending is
    // a 409 that keeps the typing and takes the saved version, so saving again is deliberate.
    formPage(app, {
      path: `/people/:id/outcome-records/${f.path}`,
      params: Params,
      capability: 'people:write',
      view: `outcomes/views/${f.template}`,
      pageTitle: f.title,
      schema: f.schema,
      dateFields: f.dates,
      load: (request, p) => loadForm(request, p, f),
      initial: (loaded) => f.initial?.(loaded.data, { version: loaded.version }) ?? {},
      save: (request, { id, recordId = '' }, input) => f.run(request.ctx, id, recordId, input),
      redirect: (_result, { id }) => `/people/${id}/outcome-records`,
      confirmation: f.saved,
      conflictValues: (loaded, posted) =>
        loaded.version === undefined ? posted : { ...posted, version: loaded.version },
      context: (loaded, form) => context(f, loaded, form),
    })
  }
}

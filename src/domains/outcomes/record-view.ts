/**
 * View models for a person's offences, orders and programmes: the three tables, what each record
 * counts toward, and the options of the forms. The counting rules are those of measures.ts and
 * docs/outcomes.md, restated here only to explain a record to the person reading it.
 */
import { formatDate } from '../../platform/views/environment.ts'
import { applyOffset } from './checkpoints.ts'
import { measureOf } from './measures.ts'
import {
  ORDER_KINDS,
  TERMINATION_REASONS,
  type OrderKind,
  type PersonRecords,
  type TerminationReason,
} from './records-read.ts'

export interface Cell {
  text: string
  href?: string
  /** Said to screen readers after a link's text, so "End" says what it ends. */
  hidden?: string
}

type Offence = PersonRecords['offences'][number]
type Order = PersonRecords['orders'][number]
type Programme = PersonRecords['programmes'][number]
type Release = { id: string; releaseDate: string; prisonName: string }

const label = (key: string) => measureOf(key)?.label ?? key
const REOFFENDING = label('proven_reoffending')
const REQUIREMENTS = label('requirements_complete')
const SEXUAL_OFFENCE = label('sexual_offence_interventions')

/** Which record feeds which measure, for the top of the page. */
export const MEASURE_GUIDE = [
  {
    key: { text: 'Offences' },
    value: {
      text: `${REOFFENDING}: an offence committed within a year of a release and proven by conviction or caution within 18 months of that release.`,
    },
  },
  {
    key: { text: 'Orders and licences' },
    value: {
      text: `${REQUIREMENTS}: each order or licence in the period it ends. A licence that ends also takes its release out of the later accommodation and employment checkpoints.`,
    },
  },
  {
    key: { text: 'Programmes' },
    value: { text: `${SEXUAL_OFFENCE}: sexual offending programmes only, in the period they end.` },
  },
]

/**
 * Proven reoffending (MoJ Proven Reoffending Statistics): committed in the 12 months after a
 * release and proven within 18 months of it. Returns the release the offence counts against.
 */
export function offenceCountsAgainst(o: Offence, releases: Release[]): Release | undefined {
  return releases.find(
    (r) =>
      o.offence_date >= r.releaseDate &&
      o.offence_date <= applyOffset(r.releaseDate, { months: 12 }) &&
      o.proven_date !== null &&
      o.proven_date <= applyOffset(r.releaseDate, { months: 18 }),
  )
}

function offenceCounts(o: Offence, releases: Release[]): string {
  const release = offenceCountsAgainst(o, releases)
  if (release) return `${REOFFENDING}, release of ${formatDate(release.releaseDate)}`
  const within = releases.some(
    (r) => o.offence_date >= r.releaseDate && o.offence_date <= applyOffset(r.releaseDate, { months: 12 }),
  )
  if (!within) return 'Not within a year of a release: not counted'
  return o.proven_date ? 'Proven too late to count' : 'Counts once proven within 18 months of release'
}

const orderCounts = (o: Order) =>
  o.terminated_on
    ? `${REQUIREMENTS}, ${o.requirements_complete ? 'complete' : 'not complete'}, ended ${formatDate(o.terminated_on)}`
    : 'Counts when it ends'

const programmeCounts = (p: Programme) =>
  !p.sexual_offending
    ? 'Not in a measure'
    : p.terminated_on
      ? `${SEXUAL_OFFENCE}, ${p.completed ? 'completed' : 'not completed'}, ended ${formatDate(p.terminated_on)}`
      : 'Counts when it ends'

const kindText = (kind: string) => ORDER_KINDS[kind as OrderKind] ?? kind
const reasonText = (reason: string | null) =>
  reason ? (TERMINATION_REASONS[reason as TerminationReason] ?? reason) : ''
const yesNo = (v: boolean | null) => (v === null ? '' : v ? 'Yes' : 'No')

export function recordsPage(
  data: PersonRecords & { person: { id: string }; releases: Release[] },
  mayWrite: boolean,
) {
  const base = `/people/${data.person.id}/outcome-records`
  const action = (show: boolean, text: string, href: string, hidden: string): Cell[] =>
    mayWrite ? [show ? { text, href, hidden } : { text: '' }] : []
  const head = (...columns: string[]) => (mayWrite ? [...columns, 'Action'] : columns)
  return {
    base,
    mayWrite,
    guide: MEASURE_GUIDE,
    offences: {
      head: head('Committed', 'Offence', 'Proven', 'Counts toward'),
      rows: data.offences.map((o): Cell[] => [
        { text: formatDate(o.offence_date) },
        { text: o.description },
        {
          text: o.proven_date
            ? `${o.disposal === 'caution' ? 'Caution' : 'Conviction'}, ${formatDate(o.proven_date)}`
            : 'Not yet',
        },
        { text: offenceCounts(o, data.releases) },
        ...action(!o.proven_date, 'Record proof', `${base}/offences/${o.id}/proof`, ` of ${o.description}`),
      ]),
    },
    orders: {
      head: head(
        'Kind',
        'Follows release',
        'Supervised by',
        'Started',
        'Ended',
        'Requirements complete',
        'Counts toward',
      ),
      rows: data.orders.map((o): Cell[] => [
        { text: kindText(o.kind) },
        { text: o.release_date ? `${formatDate(o.release_date)} from ${o.release_prison_name ?? ''}` : '' },
        { text: o.pdu_name },
        { text: formatDate(o.start_date) },
        {
          text: o.terminated_on
            ? `${formatDate(o.terminated_on)}: ${reasonText(o.termination_reason)}`
            : 'Not ended',
        },
        { text: yesNo(o.requirements_complete) },
        { text: orderCounts(o) },
        ...action(
          !o.terminated_on,
          'End',
          `${base}/orders/${o.id}/end`,
          ` the ${kindText(o.kind).toLowerCase()} started ${formatDate(o.start_date)}`,
        ),
      ]),
    },
    programmes: {
      head: head('Programme', 'Sexual offending', 'Run by', 'Started', 'Ended', 'Completed', 'Counts toward'),
      rows: data.programmes.map((p): Cell[] => [
        { text: p.name },
        { text: p.sexual_offending ? 'Yes' : 'No' },
        { text: p.pdu_name },
        { text: formatDate(p.started_on) },
        { text: p.terminated_on ? formatDate(p.terminated_on) : 'Not ended' },
        { text: yesNo(p.completed) },
        { text: programmeCounts(p) },
        ...action(!p.terminated_on, 'End', `${base}/programmes/${p.id}/end`, ` ${p.name}`),
      ]),
    },
  }
}

/** One record in a summary list above the form that changes it. */
export function summaryOf(kind: 'offence' | 'order' | 'programme', r: Offence | Order | Programme) {
  const row = (key: string, text: string) => ({ key: { text: key }, value: { text } })
  if (kind === 'offence') {
    const o = r as Offence
    return [row('Offence', o.description), row('Committed', formatDate(o.offence_date))]
  }
  if (kind === 'order') {
    const o = r as Order
    return [
      row('Kind', kindText(o.kind)),
      row('Supervised by', o.pdu_name),
      row('Started', formatDate(o.start_date)),
    ]
  }
  const p = r as Programme
  return [
    row('Programme', p.name),
    row('Sexual offending programme', p.sexual_offending ? 'Yes' : 'No'),
    row('Started', formatDate(p.started_on)),
  ]
}

type Values = Record<string, unknown>
const checked = (values: Values, name: string, value: string) => values[name] === value

export const dateParts = (values: Values, name: string) => ({
  day: values[`${name}-day`] ?? '',
  month: values[`${name}-month`] ?? '',
  year: values[`${name}-year`] ?? '',
})

export const radios = (values: Values, name: string, options: Record<string, string>) =>
  Object.entries(options).map(([value, text]) => ({ value, text, checked: checked(values, name, value) }))

export const YES_NO = { yes: 'Yes', no: 'No' }
export const DISPOSALS = { conviction: 'Conviction', caution: 'Caution' }
export { ORDER_KINDS, TERMINATION_REASONS }

export function pduOptions(pdus: { code: string; name: string; region_name: string }[], selected: unknown) {
  return [
    { value: '', text: 'Select a PDU' },
    ...pdus.map((p) => ({
      value: p.code,
      text: `${p.name} (${p.region_name})`,
      selected: p.code === selected,
    })),
  ]
}

export function releaseOptions(releases: Release[], selected: unknown) {
  return [
    { value: '', text: releases.length ? 'Select a release' : 'No releases recorded' },
    ...releases.map((r) => ({
      value: r.id,
      text: `${formatDate(r.releaseDate)} from ${r.prisonName}`,
      selected: r.id === selected,
    })),
  ]
}

/**
 * Reading a person's offences, orders and licences, and programmes: for their page and API, for
 * the person's timeline and for a subject access export. Offences are criminal offence data, so
 * reading them takes 'offending:read' as well as the person being in scope (roles.ts).
 */
import type { RequestContext } from '../../platform/auth/actor.ts'
import { can } from '../../platform/auth/roles.ts'
import type { Database } from '../../platform/db/index.ts'
import { Forbidden } from '../../platform/errors.ts'
import type { PeopleService } from '../people/service.ts'
import type { TimelineItem } from '../people/timeline.ts'
import { outcomeTables } from './tables.ts'

export const ORDER_KINDS = {
  licence: 'Licence',
  community_order: 'Community order',
  suspended_sentence_order: 'Suspended sentence order',
} as const
export type OrderKind = keyof typeof ORDER_KINDS

export const TERMINATION_REASONS = {
  completed: 'Completed',
  recalled: 'Recalled to custody',
  revoked_breach: 'Revoked for breach',
  early_termination: 'Terminated early for good progress',
  died: 'Died',
  other: 'Other',
} as const
export type TerminationReason = keyof typeof TERMINATION_REASONS

/** The rows themselves, without any access check: the callers check first. */
export function personRecords(db: Database, personId: string) {
  const t = outcomeTables(db)
  return Promise.all([
    t
      .selectFrom('offence')
      .where('person_id', '=', personId)
      .select(['id', 'offence_date', 'description', 'disposal', 'proven_date', 'recorded_at'])
      .orderBy('offence_date', 'desc')
      .orderBy('id')
      .execute(),
    t
      .selectFrom('supervision_order as o')
      .innerJoin('pdu', 'pdu.code', 'o.pdu_code')
      .leftJoin('custody_episode as e', 'e.id', 'o.custody_episode_id')
      .leftJoin('prison', 'prison.code', 'e.prison_code')
      .where('o.person_id', '=', personId)
      .select([
        'o.id',
        'o.kind',
        'o.custody_episode_id',
        'e.actual_release_date as release_date',
        'prison.name as release_prison_name',
        'o.region_code',
        'o.pdu_code',
        'pdu.name as pdu_name',
        'o.start_date',
        'o.terminated_on',
        'o.termination_reason',
        'o.requirements_complete',
        'o.version',
      ])
      .orderBy('o.start_date', 'desc')
      .orderBy('o.id')
      .execute(),
    t
      .selectFrom('programme as p')
      .innerJoin('pdu', 'pdu.code', 'p.pdu_code')
      .where('p.person_id', '=', personId)
      .select([
        'p.id',
        'p.name',
        'p.sexual_offending',
        'p.region_code',
        'p.pdu_code',
        'pdu.name as pdu_name',
        'p.started_on',
        'p.terminated_on',
        'p.completed',
        'p.version',
      ])
      .orderBy('p.started_on', 'desc')
      .orderBy('p.id')
      .execute(),
  ]).then(([offences, orders, programmes]) => ({ offences, orders, programmes }))
}

export type PersonRecords = Awaited<ReturnType<typeof personRecords>>

/** The releases a licence may follow, latest first, and the PDU supervising the latest custody. */
async function releasesOf(db: Database, personId: string) {
  const episodes = await db
    .selectFrom('custody_episode as e')
    .innerJoin('prison', 'prison.code', 'e.prison_code')
    .where('e.person_id', '=', personId)
    .select([
      'e.id',
      'e.actual_release_date',
      'e.expected_release_date',
      'prison.name as prison_name',
      'e.pdu_code',
    ])
    .orderBy('e.expected_release_date', 'desc')
    .execute()
  return {
    releases: episodes.flatMap((e) =>
      e.actual_release_date
        ? [{ id: e.id, releaseDate: e.actual_release_date, prisonName: e.prison_name }]
        : [],
    ),
    currentPdu: episodes[0]?.pdu_code ?? null,
  }
}

const SOURCE = 'Offences and orders'

export function recordsTimeline(r: PersonRecords): TimelineItem[] {
  const items: TimelineItem[] = []
  for (const o of r.offences) {
    items.push({ date: o.offence_date, title: `Offence: ${o.description}`, source: SOURCE })
    if (o.proven_date)
      items.push({ date: o.proven_date, title: `Offence proven by ${o.disposal}`, source: SOURCE })
  }
  for (const o of r.orders) {
    const kind = ORDER_KINDS[o.kind as OrderKind] ?? o.kind
    items.push({
      date: o.start_date,
      title: `${kind} started`,
      detail: `Supervised by ${o.pdu_name}`,
      source: SOURCE,
    })
    if (o.terminated_on)
      items.push({
        date: o.terminated_on,
        title: `${kind} ended: ${TERMINATION_REASONS[o.termination_reason as TerminationReason] ?? ''}`,
        detail: o.requirements_complete ? 'Requirements complete' : 'Requirements not complete',
        source: SOURCE,
      })
  }
  for (const p of r.programmes) {
    items.push({ date: p.started_on, title: `Programme started: ${p.name}`, source: SOURCE })
    if (p.terminated_on)
      items.push({
        date: p.terminated_on,
        title: `Programme ended: ${p.name}`,
        detail: p.completed ? 'Completed' : 'Not completed',
        source: SOURCE,
      })
  }
  return items
}

export function recordReads(db: Database, people: PeopleService) {
  const mayRead = (ctx: RequestContext) => can(ctx.actor.role, 'offending:read')
  return {
    /** The person's three kinds of record, the releases a licence may follow; an audited read. */
    async forPerson(ctx: RequestContext, personId: string) {
      if (!mayRead(ctx)) throw new Forbidden()
      const person = await people.openRecord(ctx, personId, 'read', 'outcome_records')
      const [records, releases] = await Promise.all([personRecords(db, personId), releasesOf(db, personId)])
      return { person, ...records, ...releases }
    },

    /**
     * For the person's timeline: the person page has already opened (and audited) the record, and
     * a reader without 'offending:read' sees none of these entries.
     */
    async timeline(ctx: RequestContext, personId: string): Promise<TimelineItem[]> {
      return mayRead(ctx) ? recordsTimeline(await personRecords(db, personId)) : []
    },

    /** Everything held, for a subject access export (which is itself checked and audited). */
    gather: (personId: string) => personRecords(db, personId),
  }
}

import { sql, type RawBuilder } from 'kysely'
import type { Actor, RequestContext } from '../../platform/auth/actor.ts'
import { episodeInScope } from '../../platform/auth/scope.ts'
import { can } from '../../platform/auth/roles.ts'
import type { Database } from '../../platform/db/index.ts'
import type { Role } from '../../platform/db/schema.ts'
import { addDays } from '../../platform/calendar/index.ts'
import type { ReleasePlanningService } from '../release-planning/service.ts'
import type { WorklistFlag } from '../release-planning/vocabulary.ts'
import type { OutcomesService } from '../outcomes/service.ts'

/** One line of a work queue: how many, what, and the list that shows them. */
export interface QueueItem {
  label: string
  count: number
  href: string
  hint?: string
}

type Count = (db: Database, actor: Actor, today: string) => RawBuilder<{ n: number }>

/** The services a queue reads through, for counts that must match another domain's list exactly. */
export interface QueueServices {
  releasePlanning: Pick<ReleasePlanningService, 'readinessCounts'>
  outcomes: Pick<OutcomesService, 'dueCheckpoints'>
}
/** A count read through a service instead of SQL here. */
type Tally = (svc: QueueServices, ctx: RequestContext) => Promise<number>
interface QueueDefinition {
  label: string
  href: string
  hint?: string
  count: Count | { tally: Tally }
}

/** A release-readiness flag, counted by the worklist's own SQL and linked to the worklist filtered on it. */
const flagged = (flag: WorklistFlag, label: string): QueueDefinition => ({
  label,
  href: `/release-planning/worklist?weeks=12&flag=${flag}`,
  count: {
    tally: async (svc, ctx) => (await svc.releasePlanning.readinessCounts(ctx.actor, 12, [flag]))[flag] ?? 0,
  },
})

// Releases still to come, in the actor's scope (the one scope predicate), within `days`.
const upcoming = (actor: Actor, today: string, days: number) =>
  sql`e.actual_release_date is null and e.expected_release_date between ${today}::date and ${addDays(today, days)}::date and ${episodeInScope(actor.scope, 'e')}`

/**
 * Each role's work, counted (issue 12: a work queue on every home page). Every item links to
 * the list that holds exactly that work. Counts follow the same scope as the lists they open.
 */
const QUEUES: Partial<Record<Role, QueueDefinition[]>> = {
  com: [
    flagged('no_com', 'COM allocations due: releases in the next 12 weeks with no COM allocated'),
    flagged('meeting_not_held', 'Handovers due: releases in the next 12 weeks with no handover meeting held'),
    flagged(
      'no_com_contact',
      'Pre-release contacts due: releases in the next 12 weeks with no COM contact recorded',
    ),
    {
      label: 'Checkpoints due: outcome statuses to record for people released',
      hint: 'Checkpoints reached in the last 8 weeks with no status recorded for them.',
      href: '/outcomes/checkpoints',
      count: {
        tally: async (svc, ctx) =>
          can(ctx.actor.role, 'status:write') ? (await svc.outcomes.dueCheckpoints(ctx)).length : 0,
      },
    },
    {
      label: 'Action plans to approve',
      href: '/referrals',
      count: (_db, a) =>
        sql`select count(*)::int as n from referral r where r.referrer_organisation_id = ${a.organisationId} and r.state = 'action_plan_submitted'`,
    },
  ],
  provider_caseworker: [
    {
      label: 'Referrals to accept',
      href: '/provider/referrals?tab=unassigned',
      count: (_db, a) =>
        sql`select count(*)::int as n from referral r where r.provider_organisation_id = ${a.organisationId} and r.state = 'sent'`,
    },
    {
      label: 'Assigned to you and open',
      href: '/provider/referrals?tab=mine',
      count: (_db, a) =>
        sql`select count(*)::int as n from referral r where r.caseworker_user_id = ${a.userId} and r.state not in ('draft', 'completed', 'ended_early', 'cancelled')`,
    },
    {
      label: 'In delivery with sessions still to record',
      href: '/provider/referrals?tab=open',
      count: (_db, a) =>
        sql`select count(*)::int as n from referral r where r.provider_organisation_id = ${a.organisationId} and r.state = 'in_delivery'
            and (select count(*) from referral_appointment ap where ap.referral_id = r.id and ap.kind = 'session') < coalesce(r.action_plan_sessions, 0)`,
    },
    {
      label: 'End-of-service reports due: every planned session recorded',
      href: '/provider/referrals?tab=open',
      count: (_db, a) =>
        sql`select count(*)::int as n from referral r where r.provider_organisation_id = ${a.organisationId} and r.state = 'in_delivery'
            and (select count(*) from referral_appointment ap where ap.referral_id = r.id and ap.kind = 'session') >= coalesce(r.action_plan_sessions, 0)`,
    },
  ],
  cas3_officer: [
    {
      label: 'Referrals to assess',
      href: '/cas3/referrals?status=unallocated',
      count: (_db, a) =>
        sql`select count(*)::int as n from cas3_referral r where r.status = 'unallocated' and r.region_code = ${regionOf(a)}`,
    },
    {
      label: 'Ready to place',
      href: '/cas3/referrals?status=ready_to_place',
      count: (_db, a) =>
        sql`select count(*)::int as n from cas3_referral r where r.status = 'ready_to_place' and r.region_code = ${regionOf(a)}`,
    },
    {
      label: 'Arrivals due today',
      href: '/cas3/bookings',
      count: (_db, a, t) =>
        sql`select count(*)::int as n from cas3_booking b join cas3_bedspace bs on bs.id = b.bedspace_id join cas3_premises pr on pr.id = bs.premises_id
            where b.status in ('provisional', 'confirmed') and b.arrival_date = ${t}::date and pr.region_code = ${regionOf(a)}`,
    },
    {
      label: 'Departures due today',
      href: '/cas3/bookings',
      count: (_db, a, t) =>
        sql`select count(*)::int as n from cas3_booking b join cas3_bedspace bs on bs.id = b.bedspace_id join cas3_premises pr on pr.id = bs.premises_id
            where b.status = 'arrived' and b.departure_date = ${t}::date and pr.region_code = ${regionOf(a)}`,
    },
    {
      label: 'Overstays: in a bedspace past 84 nights',
      hint: 'CAS3 funds up to 84 nights; a longer stay needs an authorised extension.',
      href: '/cas3',
      count: (_db, a, t) =>
        sql`select count(*)::int as n from cas3_booking b join cas3_bedspace bs on bs.id = b.bedspace_id join cas3_premises pr on pr.id = bs.premises_id
            where b.status = 'arrived' and coalesce(b.arrived_on, b.arrival_date) + 84 < ${t}::date and pr.region_code = ${regionOf(a)}`,
    },
  ],
  // A council's two duties before a release into its area: somewhere to sleep on the first
  // night, and the Duty to Refer (Homelessness Reduction Act 2017, s.213B) received from the
  // prison. Both are worklist flags, so each count opens exactly the releases it counts.
  council_officer: [
    flagged(
      'no_accommodation',
      'Releases into your area in the next 12 weeks with no first-night accommodation',
    ),
    flagged(
      'no_dtr',
      'Duty to Refer due: releases into your area in the next 12 weeks with no referral received',
    ),
  ],
  regional_lead: [
    {
      label: 'CAS3 referrals waiting to be assessed in your region',
      href: '/cas3/reports',
      count: (_db, a) =>
        sql`select count(*)::int as n from cas3_referral r where r.status = 'unallocated' and r.region_code = ${regionOf(a)}`,
    },
  ],
  admin: [
    {
      label: 'Accounts locked after failed sign-ins',
      href: '/admin/users',
      count: () =>
        sql`select count(*)::int as n from app_user u where u.locked_until is not null and u.locked_until > now()`,
    },
  ],
}

// Prison roles share one queue: the releases they are preparing.
const PRISON: QueueDefinition[] = [
  {
    label: 'Releases in the next 12 weeks',
    href: '/releases/upcoming?weeks=12',
    count: (_db, a, t) => sql`select count(*)::int as n from custody_episode e where ${upcoming(a, t, 84)}`,
  },
  // A worklist flag, so the count and the list it opens are one SQL (it opened every release).
  flagged('no_plan_actions', 'Releases in the next 12 weeks with no plan actions yet'),
  flagged('plan_failing', 'Plans failing the quality check: releases in the next 12 weeks'),
  flagged('no_accommodation', 'No first-night accommodation: releases in the next 12 weeks'),
  flagged('no_id', 'No ID: releases in the next 12 weeks'),
  flagged('no_bank_account', 'No bank account: releases in the next 12 weeks'),
]
QUEUES.prison_resettlement_worker = PRISON
QUEUES.pom = PRISON
QUEUES.com?.unshift({
  label: 'Releases in the next 12 weeks',
  href: '/releases/upcoming?weeks=12',
  count: (_db, a, t) => sql`select count(*)::int as n from custody_episode e where ${upcoming(a, t, 84)}`,
})

function regionOf(actor: Actor): string {
  return actor.scope.level === 'region' ? actor.scope.regionCode : ''
}

/** The actor's work queue, counted now. Roles with no queue get an empty list. */
export function workQueues(db: Database, today: () => string, services: QueueServices) {
  return {
    async forActor(ctx: RequestContext): Promise<QueueItem[]> {
      const items = QUEUES[ctx.actor.role] ?? []
      const t = today()
      return Promise.all(
        items.map(async (item) => ({
          label: item.label,
          href: item.href,
          ...(item.hint ? { hint: item.hint } : {}),
          count:
            'tally' in item.count
              ? await item.count.tally(services, ctx)
              : ((await item.count(db, ctx.actor, t).execute(db)).rows[0]?.n ?? 0),
        })),
      )
    },
  }
}
export type WorkQueues = ReturnType<typeof workQueues>

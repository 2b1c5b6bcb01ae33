import { sql, type RawBuilder } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { Scope } from '../../platform/auth/actor.ts'
import { episodeInScope } from '../../platform/auth/scope.ts'
import { SUBSTANCE_MISUSE_NEEDS, type WorklistFlag } from './vocabulary.ts'
import { planningDb } from './tables.ts'

// The readiness flags as SQL over one custody_episode row `e`, written once so the worklist and the
// measures count the same thing. Each reads a per-release table through its episode index.

const doneAction = (key: string) =>
  sql<boolean>`exists (select 1 from plan_action a where a.custody_episode_id = e.id and a.standard_action = ${key} and a.status = 'done')`

/** The plan-quality check of rules/plan-quality.ts in SQL; the route tests hold the two together. */
export const planPasses: RawBuilder<boolean> = sql<boolean>`(
  exists (select 1 from pathway_assessment pa where pa.custody_episode_id = e.id and pa.status <> 'not_started')
  and not exists (
    select 1 from person_need n where n.custody_episode_id = e.id and n.status <> 'declined'
    and not exists (select 1 from plan_action a where a.person_need_id = n.id and a.status <> 'cancelled' and a.due_date <= e.expected_release_date)
  ))`

const substanceNeeds = sql.join(SUBSTANCE_MISUSE_NEEDS.map((id) => sql.lit(id)))

const FLAG_SQL = {
  no_accommodation: sql<boolean>`(not ${doneAction('first_night_accommodation')} and dc.sleeping_tonight is null)`,
  no_id: sql<boolean>`(not ${doneAction('id_documents')} and not coalesce(dc.id_document, false))`,
  no_bank_account: sql<boolean>`(not ${doneAction('bank_account')} and not coalesce(dc.bank_card, false))`,
  no_com: sql<boolean>`(h.com_allocated_on is null)`,
  meeting_not_held: sql<boolean>`(coalesce(h.meeting_status, 'not_scheduled') <> 'held')`,
  no_com_contact: sql<boolean>`(h.com_contact_on is null)`,
  treatment_without_appointment: sql<boolean>`(exists (select 1 from person_need n where n.custody_episode_id = e.id and n.status <> 'declined' and n.support_need_id in (${substanceNeeds}))
    and not ${doneAction('treatment_appointment')})`,
  plan_failing: sql<boolean>`(not ${planPasses})`,
}

/** Every worklist flag as SQL; the release-day flag reads the dates the calendar picked out. */
function flagSql(flagDates: string[]): Record<WorklistFlag, RawBuilder<boolean>> {
  const dates = `{${flagDates.join(',')}}`
  return {
    ...FLAG_SQL,
    friday_release: sql<boolean>`(coalesce(rd.release_date, e.expected_release_date) = any(${dates}::date[]))`,
  }
}

export type MeasureKey = 'plan_quality' | 'handover_held' | 'com_contact' | 'id_and_bank'
/** Pre-release measures over released episodes: what "met" means for each. */
const MEASURE_SQL: Record<MeasureKey, RawBuilder<boolean>> = {
  plan_quality: planPasses,
  handover_held: sql<boolean>`coalesce(h.meeting_status = 'held', false)`,
  com_contact: sql<boolean>`coalesce(h.com_contact_on <= e.actual_release_date, false)`,
  id_and_bank: sql<boolean>`coalesce(dc.id_document and dc.bank_card, false)`,
}
export const MEASURE_KEYS = Object.keys(MEASURE_SQL) as MeasureKey[]

export type GroupBy = 'prison' | 'pdu' | 'region'
const GROUP_COLUMN: Record<GroupBy, string> = {
  prison: 'e.prison_code',
  pdu: 'e.pdu_code',
  region: 'e.region_code',
}
const GROUP_NAME: Record<GroupBy, string> = {
  prison: '(select name from prison where code = e.prison_code)',
  pdu: '(select name from pdu where code = e.pdu_code)',
  region: '(select name from region where code = e.region_code)',
}

export function readinessRepository(database: Database) {
  const db = planningDb(database)

  return {
    /**
     * One page of the releases due in the window that the scope can see, with their flags. The page
     * is chosen on the partial due-date index and the flag subqueries run only for its rows, unless
     * the list is filtered on a flag or sorted by how many flags each release has.
     * `flagDates` lists the dates in the window whose release day falls on a Friday or before a bank
     * holiday (computed from the calendar in the service), so that flag is SQL too.
     */
    async worklist(
      scope: Scope,
      from: string,
      to: string,
      options: {
        flagDates: string[]
        flag?: WorklistFlag
        sort: 'release' | 'flags' | 'name'
        limit: number
        offset: number
      },
    ) {
      const flags = flagSql(options.flagDates)
      const due = db
        .selectFrom('custody_episode as e')
        .innerJoin('person as p', 'p.id', 'e.person_id')
        .leftJoin('handover as h', 'h.custody_episode_id', 'e.id')
        .leftJoin('departure_checklist as dc', 'dc.custody_episode_id', 'e.id')
        .leftJoin('duty_to_refer as d', 'd.custody_episode_id', 'e.id')
        .leftJoin('release_day_decision as rd', 'rd.custody_episode_id', 'e.id')
        .where('e.actual_release_date', 'is', null)
        .where('e.expected_release_date', '>=', from)
        .where('e.expected_release_date', '<=', to)
        .where(episodeInScope(scope, 'e'))
        .$if(options.flag !== undefined, (q) => q.where(flags[options.flag ?? 'no_com']))
      const flagCount = sql.join(
        Object.values(flags).map((f) => sql`(${f})::int`),
        sql` + `,
      )
      const [rows, total] = await Promise.all([
        due
          .select([
            'e.id as episode_id',
            'e.person_id',
            'e.expected_release_date',
            'rd.release_date as decided_release_date',
            'p.given_name',
            'p.family_name',
            'p.prison_number',
            'p.crn',
            'd.received_on as dtr_received_on',
            'd.outcome as dtr_outcome',
            sql<
              string | null
            >`(select a.status from plan_action a where a.custody_episode_id = e.id and a.standard_action = 'first_night_accommodation' and a.status <> 'cancelled' limit 1)`.as(
              'accommodation_action_status',
            ),
            'dc.sleeping_tonight',
            ...Object.entries(flags).map(([k, expr]) => expr.as(k)),
          ])
          .$if(options.sort === 'flags', (q) =>
            q.orderBy(sql`${flagCount}`, 'desc').orderBy('e.expected_release_date'),
          )
          .$if(options.sort === 'name', (q) => q.orderBy('p.family_name').orderBy('p.given_name'))
          .$if(options.sort === 'release', (q) => q.orderBy('e.expected_release_date'))
          .orderBy('e.id')
          .limit(options.limit)
          .offset(options.offset)
          .execute(),
        due.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ])
      return {
        rows: rows as ((typeof rows)[number] & Record<WorklistFlag, boolean>)[],
        total: Number(total.n),
      }
    },

    /** Released episodes in the period the scope can see, grouped, with how many met each measure. */
    async measures(scope: Scope, by: GroupBy, from: string, to: string) {
      const group = sql.raw(GROUP_COLUMN[by])
      const rows = await db
        .selectFrom('custody_episode as e')
        .leftJoin('handover as h', 'h.custody_episode_id', 'e.id')
        .leftJoin('departure_checklist as dc', 'dc.custody_episode_id', 'e.id')
        .where('e.actual_release_date', '>=', from)
        .where('e.actual_release_date', '<=', to)
        .where(episodeInScope(scope, 'e'))
        .select([
          group.as('code'),
          sql<string>`min(${sql.raw(GROUP_NAME[by])})`.as('name'),
          sql<number>`count(*)::int`.as('releases'),
          ...MEASURE_KEYS.map((k) => sql<number>`count(*) filter (where ${MEASURE_SQL[k]})::int`.as(k)),
        ])
        .groupBy(group)
        .orderBy(sql`2`)
        .execute()
      return rows as unknown as ({ code: string; name: string; releases: number } & Record<
        MeasureKey,
        number
      >)[]
    },

    /** The people behind one figure: released episodes in one group that did or did not meet the measure. */
    drillDown(
      scope: Scope,
      by: GroupBy,
      code: string,
      measure: MeasureKey,
      met: boolean,
      from: string,
      to: string,
    ) {
      return db
        .selectFrom('custody_episode as e')
        .innerJoin('person as p', 'p.id', 'e.person_id')
        .leftJoin('handover as h', 'h.custody_episode_id', 'e.id')
        .leftJoin('departure_checklist as dc', 'dc.custody_episode_id', 'e.id')
        .where('e.actual_release_date', '>=', from)
        .where('e.actual_release_date', '<=', to)
        .where(episodeInScope(scope, 'e'))
        .where(sql.raw(GROUP_COLUMN[by]), '=', code)
        .where(met ? MEASURE_SQL[measure] : sql<boolean>`not ${MEASURE_SQL[measure]}`)
        .select([
          'e.id as episode_id',
          'p.id as person_id',
          'p.given_name',
          'p.family_name',
          'p.prison_number',
          'e.actual_release_date',
        ])
        .orderBy('e.actual_release_date', 'desc')
        .limit(500)
        .execute()
    },
  }
}

export type ReadinessRepository = ReturnType<typeof readinessRepository>

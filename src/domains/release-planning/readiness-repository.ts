import { sql, type RawBuilder } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { Scope } from '../../platform/auth/actor.ts'
import { episodeInScope } from '../../platform/auth/scope.ts'
import { SUBSTANCE_MISUSE_NEEDS, type WorklistFlag } from './vocabulary.ts'
import { planningDb } from './tables.ts'

// The readiness flags as SQL over one custody_episode row `e` joined to `h` (handover), `dc`
// (departure checklist) and the two per-release summaries below (`act`, `nd`), written once so the worklist
// and the measures count the same thing. Each summary reads its table once per release through
// the episode index, instead of one probe per flag: at Pentonville's 1,094 releases in 24 weeks
// that halved the pages a most-flags-first sort touches (docs/benchmarks.md).

const substanceNeeds = sql.join(SUBSTANCE_MISUSE_NEEDS.map((id) => sql.lit(id)))
const done = (key: string) => sql`bool_or(a.status = 'done' and a.standard_action = ${sql.lit(key)})`

/** The release's plan actions, summarised: which standard actions are done. */
const ACTIONS = sql<{
  accommodation_done: boolean | null
  id_done: boolean | null
  bank_done: boolean | null
  treatment_done: boolean | null
  accommodation_status: string | null
  actions: number
}>`(
  select count(*) as actions, ${done('first_night_accommodation')} as accommodation_done, ${done('id_documents')} as id_done,
    ${done('bank_account')} as bank_done, ${done('treatment_appointment')} as treatment_done,
    min(a.status) filter (where a.standard_action = 'first_night_accommodation' and a.status <> 'cancelled')
      as accommodation_status
  from plan_action a where a.custody_episode_id = e.id
)`

/**
 * The release's open needs, summarised: is there a substance-misuse need, and is any need
 * without an action due by the release (the plan-quality rule of rules/plan-quality.ts).
 */
const NEEDS = sql<{ substance_need: boolean | null; unplanned_need: boolean | null }>`(
  select bool_or(n.support_need_id in (${substanceNeeds})) as substance_need,
    bool_or(not exists (select 1 from plan_action a where a.person_need_id = n.id and a.status <> 'cancelled'
      and a.due_date <= e.expected_release_date)) as unplanned_need
  from person_need n where n.custody_episode_id = e.id and n.status <> 'declined'
)`

/** The plan-quality check of rules/plan-quality.ts in SQL; the route tests hold the two together. */
export const planPasses: RawBuilder<boolean> = sql<boolean>`(
  exists (select 1 from pathway_assessment pa where pa.custody_episode_id = e.id and pa.status <> 'not_started')
  and not coalesce(nd.unplanned_need, false))`

const FLAG_SQL = {
  no_accommodation: sql<boolean>`(not coalesce(act.accommodation_done, false) and dc.sleeping_tonight is null)`,
  no_id: sql<boolean>`(not coalesce(act.id_done, false) and not coalesce(dc.id_document, false))`,
  no_bank_account: sql<boolean>`(not coalesce(act.bank_done, false) and not coalesce(dc.bank_card, false))`,
  no_com: sql<boolean>`(h.com_allocated_on is null)`,
  meeting_not_held: sql<boolean>`(coalesce(h.meeting_status, 'not_scheduled') <> 'held')`,
  no_com_contact: sql<boolean>`(h.com_contact_on is null)`,
  treatment_without_appointment: sql<boolean>`(coalesce(nd.substance_need, false) and not coalesce(act.treatment_done, false))`,
  plan_failing: sql<boolean>`(not ${planPasses})`,
  // The prison's referral to the council under the Duty to Refer (Homelessness Reduction Act
  // 2017, s.213B), which the council records as received.
  no_dtr: sql<boolean>`(not exists (select 1 from duty_to_refer d where d.custody_episode_id = e.id))`,
  // Nothing on the plan at all, cancelled or not: the prison's queue of plans to start.
  no_plan_actions: sql<boolean>`(coalesce(act.actions, 0) = 0)`,
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

/** One release on the worklist, with every flag. */
export type WorklistRow = {
  episode_id: string
  person_id: string
  expected_release_date: string
  decided_release_date: string | null
  accommodation_action_status: string | null
  sleeping_tonight: string | null
  given_name: string
  family_name: string
  prison_number: string | null
  crn: string | null
  dtr_received_on: string | null
  dtr_outcome: string | null
} & Record<WorklistFlag, boolean>

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
  /** Custody episodes `e` with the joins every flag and measure reads. */
  const episodes = () =>
    db
      .selectFrom('custody_episode as e')
      .leftJoin('handover as h', 'h.custody_episode_id', 'e.id')
      .leftJoin('departure_checklist as dc', 'dc.custody_episode_id', 'e.id')
      .leftJoinLateral(ACTIONS.as('act'), (j) => j.onTrue())
      .leftJoinLateral(NEEDS.as('nd'), (j) => j.onTrue())

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
        order: 'asc' | 'desc'
        /** Part of a name, a prison number or a CRN. */
        q?: string | undefined
        limit: number
        offset: number
      },
    ) {
      const flags = flagSql(options.flagDates)
      const dir = sql.raw(options.order === 'desc' ? 'desc' : 'asc')
      const like = `%${(options.q ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      const matching = options.q
        ? sql`and exists (select 1 from person p where p.id = e.person_id and (p.family_name || ', ' || p.given_name
            ilike ${like} or p.given_name || ' ' || p.family_name ilike ${like} or p.prison_number ilike ${like}
            or p.crn ilike ${like}))`
        : sql``
      const due = sql`(select e.* from custody_episode e where e.actual_release_date is null
        and e.expected_release_date between ${from}::date and ${to}::date and ${episodeInScope(scope, 'e')} ${matching})`
      /** The episodes of `rel` with every flag, as rows of `f`. */
      const flagged = (rel: RawBuilder<unknown>) => sql`(
        select e.id as episode_id, e.person_id, e.expected_release_date, rd.release_date as decided_release_date,
          act.accommodation_status as accommodation_action_status, dc.sleeping_tonight,
          ${sql.join(Object.entries(flags).map(([k, f]) => sql`${f} as ${sql.ref(k)}`))}
        from ${rel} as e
        left join handover h on h.custody_episode_id = e.id
        left join departure_checklist dc on dc.custody_episode_id = e.id
        left join release_day_decision rd on rd.custody_episode_id = e.id
        left join lateral ${ACTIONS} as act on true
        left join lateral ${NEEDS} as nd on true)`
      const flagCount = sql.join(
        Object.keys(flags).map((k) => sql`${sql.ref(`f.${k}`)}::int`),
        sql` + `,
      )
      /** The list's order, over a flagged row `f` or, before flags, a custody episode `e`. */
      const order = (alias: 'f' | 'e') => {
        const id = sql.ref(alias === 'f' ? 'f.episode_id' : 'e.id')
        if (options.sort === 'flags') return sql`${flagCount} ${dir}, f.expected_release_date, f.episode_id`
        if (options.sort === 'name') return sql`p.family_name ${dir}, p.given_name ${dir}, ${id}`
        return sql`${sql.ref(`${alias}.expected_release_date`)} ${dir}, ${id} ${dir}`
      }
      const byName = options.sort === 'name' ? sql`join person p on p.id = f.person_id` : sql``
      const filter = options.flag ? sql`where ${sql.ref(`f.${options.flag}`)}` : sql``
      const window = sql`limit ${options.limit} offset ${options.offset}`
      // Sorted or filtered on the flags, every release in the window needs them before the page is
      // chosen; otherwise the page is chosen first and only its hundred releases get flags.
      const page =
        options.sort === 'flags' || options.flag
          ? sql`select f.* from ${flagged(due)} as f ${byName} ${filter} order by ${order('f')} ${window}`
          : sql`select f.* from ${flagged(sql`(
              select e.* from ${due} as e
              ${options.sort === 'name' ? sql`join person p on p.id = e.person_id` : sql``}
              order by ${order('e')} ${window})`)} as f`
      const [rows, total] = await Promise.all([
        sql<WorklistRow>`
          select f.*, p.given_name, p.family_name, p.prison_number, p.crn,
            d.received_on as dtr_received_on, d.outcome as dtr_outcome
          from (${page}) as f
          join person p on p.id = f.person_id
          left join duty_to_refer d on d.custody_episode_id = f.episode_id
          order by ${order('f')}`.execute(db),
        sql<{
          n: number
        }>`select count(*)::int as n from ${options.flag ? flagged(due) : due} as f ${filter}`.execute(db),
      ])
      return { rows: rows.rows, total: Number(total.rows[0]?.n ?? 0) }
    },

    /**
     * How many releases due in the window carry each flag: the home page's work queue counts, by
     * the same flag SQL as the worklist they link to, so a count and its list always agree.
     */
    async flagCounts(scope: Scope, from: string, to: string, wanted: readonly WorklistFlag[]) {
      const flags = flagSql([])
      const row = await sql<Record<string, number>>`
        select ${sql.join(wanted.map((k) => sql`count(*) filter (where ${flags[k]})::int as ${sql.ref(k)}`))}
        from custody_episode e
        left join handover h on h.custody_episode_id = e.id
        left join departure_checklist dc on dc.custody_episode_id = e.id
        left join lateral ${ACTIONS} as act on true
        left join lateral ${NEEDS} as nd on true
        where e.actual_release_date is null and e.expected_release_date between ${from}::date and ${to}::date
          and ${episodeInScope(scope, 'e')}`.execute(db)
      const counts = row.rows[0] ?? {}
      return Object.fromEntries(wanted.map((k) => [k, Number(counts[k] ?? 0)])) as Record<
        WorklistFlag,
        number
      >
    },

    /** Released episodes in the period the scope can see, grouped, with how many met each measure. */
    async measures(scope: Scope, by: GroupBy, from: string, to: string) {
      const group = sql.raw(GROUP_COLUMN[by])
      const rows = await episodes()
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
      return episodes()
        .innerJoin('person as p', 'p.id', 'e.person_id')
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

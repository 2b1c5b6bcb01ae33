/**
 * The model's inputs counted in the database, set-based: one pass over custody episodes, one
 * over licences and one over service use, each grouped by area (every level at once, with
 * GROUPING SETS) and by month ahead, for one or more as-of dates together. A national forecast
 * then reads a few thousand counts instead of a million rows (docs/forecasting.md). records.ts
 * counts the same from rows; records.db.test.ts holds the two to the same answers.
 *
 * Months are buckets of day offsets from the as-of date (width_bucket over the month edges).
 */
import { sql, type RawBuilder } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import type { Scope } from '../../platform/auth/actor.ts'
import { episodeInScope } from '../../platform/auth/scope.ts'
import { monthEdges } from './flow.ts'
import { monthBefore } from './model.ts'
import { LEVELS, MODEL_PARAMETERS, type Level } from './model-inputs.ts'
import {
  assemble,
  type CountedInputs,
  type DemandCounts,
  type EpisodeCounts,
  type InputsSpec,
  type LicenceCounts,
  type Row,
} from './inputs-assemble.ts'

export type { CountedInputs, InputsSpec } from './inputs-assemble.ts'

const MONTHS = MODEL_PARAMETERS.maxMonths

/**
 * One as-of date's values, bound as parameters so the planner sees them as constants (one
 * query per date, run at once, rather than every row joined to every date).
 */
function dateOf(spec: InputsSpec, i: number) {
  return {
    i: sql`${i}::int`,
    t: sql`${spec.asOf}::date`,
    since: sql`${spec.since}::date`,
    w0: sql`${monthBefore(spec.asOf, MODEL_PARAMETERS.historyMonths)}::date`,
    thr: sql`${monthEdges(spec.asOf, MONTHS).slice(1)}::int[]`,
    actualMonths: sql`${spec.actualMonths}::int`,
  }
}

/**
 * Each level from counts already made per combination of areas (region, PDU, prison, council):
 * the rows are counted once at that grain, a few tens of thousands of combinations, and only
 * those are rolled up to the four levels (GROUPING SETS), not the raw rows four times over.
 * `extra` adds a column to each level's set (a month, say).
 */
const areaSets = (extra?: string) =>
  sql.raw(
    ['region', 'pdu', 'prison', 'council'].map((l) => `(i, ${l}${extra ? `, ${extra}` : ''})`).join(', '),
  )
/** Which level a row of an area set is, from the GROUPING() bits (1 = not in the set). */
const levelOf = sql<Level | null>`case 15 - grouping(region, pdu, prison, council)
  when 8 then 'region' when 4 then 'pdu' when 2 then 'prison' when 1 then 'council' end`
const areaOf = sql<string | null>`coalesce(region, pdu, prison, council)`
const combo = sql.raw('i, region, pdu, prison, council')

export function inputsRepository(db: Database) {
  /**
   * Custody episodes: per area the releases and recall releases in the window and receptions
   * by kind; the custody stock by month of expected release; stays of the window's receptions
   * (the whole scope); releases recorded after the as-of date by month, for a backtest.
   */
  const episodes = (scope: Scope, spec: InputsSpec, i: number, d = dateOf(spec, i)) =>
    sql<EpisodeCounts>`
      with x as materialized (
        select ${d.i} as i, e.region_code as region, e.pdu_code as pdu, e.prison_code as prison,
          coalesce(e.local_authority_code, 'none') as council,
          e.sentence_type = 'recall' as recall, e.sentence_type = 'determinate' as det,
          r.rel >= ${d.w0} and r.rel < ${d.t} as past,
          e.sentence_type <> 'recall' and e.sentence_date >= ${d.w0} and e.sentence_date < ${d.t} as received,
          case when e.sentence_type <> 'recall' and e.sentence_date >= ${d.w0} and e.sentence_date < ${d.t}
            then r.rel - e.sentence_date end as stay,
          case when e.sentence_type <> 'recall' and e.sentence_date < ${d.t} and r.rel >= ${d.t}
            then width_bucket(r.rel - ${d.t}, ${d.thr}) end as stock_month,
          case when ${d.actualMonths} > 0 and e.actual_release_date >= ${d.t}
            then width_bucket(e.actual_release_date - ${d.t}, ${d.thr}) end as actual_month,
          e.actual_release_date is not null as released
        from custody_episode e
          -- Seen from the as-of date: a release after it is known only by its expected date.
          cross join lateral (select case when e.actual_release_date < ${d.t} then e.actual_release_date
            else e.expected_release_date end as rel) r
        where coalesce(e.actual_release_date, e.expected_release_date) >= ${d.since} and ${episodeInScope(scope, 'e')}
      )
      , combos as (
        select ${combo}, count(*) filter (where past)::int as past,
          count(*) filter (where past and recall)::int as recall_past,
          count(*) filter (where received and det)::int as received_det,
          count(*) filter (where received and not det)::int as received_other,
          count(*) filter (where released)::int as released
        from x group by ${combo}),
      stock as (
        select ${combo}, stock_month as month, count(*)::int as n
        from x where stock_month < ${MONTHS} group by ${combo}, stock_month),
      actual as (
        select ${combo}, actual_month as month, count(*)::int as n
        from x where actual_month is not null group by ${combo}, actual_month)
      select i, 'area' as kind, ${levelOf} as level, ${areaOf} as area, null::int as month,
        null::boolean as det, null::int as stay, sum(past)::int as past, sum(recall_past)::int as "recallPast",
        sum(received_det)::int as "receivedDet", sum(received_other)::int as "receivedOther",
        sum(released)::int as released, 0 as n
      from combos group by grouping sets (${areaSets()})
      union all
      select i, 'total', null, null, null, null, null, sum(past)::int, 0, 0, 0, 0, 0 from combos group by i
      union all
      select i, 'stock', ${levelOf}, ${areaOf}, month, null, null, 0, 0, 0, 0, 0, sum(n)::int
      from stock group by grouping sets (${areaSets('month')})
      union all
      select i, 'actual', ${levelOf}, ${areaOf}, month, null, null, 0, 0, 0, 0, 0, sum(n)::int
      from actual group by grouping sets (${areaSets('month')})
      union all
      select i, 'stay', null, null, null, det, stay, 0, 0, 0, 0, 0, count(*)::int
      from x where stay is not null group by i, det, stay`

  /**
   * Licences: per area those open on the as-of date with no planned end, and the fixed ones by
   * how many of the counting days (day 0 and each month's last day) fall before their planned
   * end; over the scope the lengths, open-ended share, early terminations and days at risk in
   * the window; for a backtest, the months each licence was open in (from, to).
   */
  const licences = (scope: Scope, spec: InputsSpec, i: number, d = dateOf(spec, i)) =>
    sql<LicenceCounts>`
      with y as (
        select ${d.i} as i, o.region_code as region, o.pdu_code as pdu, e.prison_code as prison,
          coalesce(e.local_authority_code, 'none') as council, ${d.t} as t, ${d.w0} as w0, ${d.thr} as thr, ${d.actualMonths} as actual_months,
          o.start_date as st, o.terminated_on as term,
          case when e.licence_end_date > o.start_date then e.licence_end_date end as pend,
          coalesce(o.termination_reason <> 'completed', false) as early
        from supervision_order o join custody_episode e on e.id = o.custody_episode_id
        where o.kind = 'licence' and (o.terminated_on is null or o.terminated_on >= ${d.since})
          and ${episodeInScope(scope, 'e')}
      ),
      x as materialized (
        select i, region, pdu, prison, council, pend, term, early,
          st <= t and (term is null or term > t) as open0,
          st >= w0 and st < t as started,
          greatest(0, least(coalesce(term, t), t) - greatest(st, w0)) as exposed,
          term >= w0 and term < t as ended,
          case when st <= t and (term is null or term > t) and pend is not null
            then width_bucket(pend - t, array[1] || thr) end as ends_before,
          case when st >= w0 and st < t and pend is not null then pend - st end as length,
          case when actual_months > 0 and (term is null or width_bucket(term - t, thr) > width_bucket(st - t, thr))
            then width_bucket(st - t, thr) end as on_from,
          case when actual_months > 0 and width_bucket(term - t, thr) > width_bucket(st - t, thr)
            then width_bucket(term - t, thr) end as off_from
        from y
      )
      , combos as (
        select ${combo}, count(*) filter (where open0 and pend is null)::int as open_ended
        from x group by ${combo}),
      ends as (
        select ${combo}, ends_before as month, count(*)::int as n
        from x where ends_before is not null group by ${combo}, ends_before),
      runs as (
        select ${combo}, 'on' as kind, on_from as month, count(*)::int as n
        from x where on_from is not null group by ${combo}, on_from
        union all
        select ${combo}, 'off', off_from, count(*)::int from x where off_from is not null group by ${combo}, off_from)
      select i, 'area' as kind, ${levelOf} as level, ${areaOf} as area, null::int as month, null::int as length,
        sum(open_ended)::int as "openEnded", 0 as started, 0 as "startedOpen", 0::float8 as "exposureFixed",
        0::float8 as "exposureOpen", 0 as "earlyFixed", 0 as "earlyOpen", 0 as n
      from combos group by grouping sets (${areaSets()})
      union all
      select i, 'total', null, null, null, null, 0,
        count(*) filter (where started)::int, count(*) filter (where started and pend is null)::int,
        coalesce(sum(exposed) filter (where pend is not null), 0)::float8,
        coalesce(sum(exposed) filter (where pend is null), 0)::float8,
        count(*) filter (where exposed > 0 and ended and early and pend is not null)::int,
        count(*) filter (where exposed > 0 and ended and pend is null)::int, 0
      from x group by i
      union all
      select i, 'ends', ${levelOf}, ${areaOf}, month, null, 0, 0, 0, 0, 0, 0, 0, sum(n)::int
      from ends group by grouping sets (${areaSets('month')})
      union all
      select i, kind, ${levelOf}, ${areaOf}, month, null, 0, 0, 0, 0, 0, 0, 0, sum(n)::int
      from runs group by grouping sets (${areaSets('kind, month')})
      union all
      select i, 'length', null, null, null, length, 0, 0, 0, 0, 0, 0, 0, count(*)::int
      from x where length is not null group by i, length`

  /** Service use in the window, counted against the release it follows (a rate per release). */
  const demand = (scope: Scope, spec: InputsSpec, i: number, d = dateOf(spec, i)) =>
    sql<DemandCounts>`
      with u as (
        select custody_episode_id as id, 'cas3_referral' as demand, 1 as amount, null::text as category
        from cas3_referral
        union all
        select custody_episode_id, 'cas3_nights', coalesce(departed_on, departure_date) - arrived_on, null
        from cas3_booking where arrived_on is not null
        union all
        select r.custody_episode_id, 'crs_referral', 1, cp.pathway
        from referral r left join crs_category_pathway cp on cp.service_category_id = r.service_category_id
        where r.state <> 'draft'
        union all
        select custody_episode_id, 'dtr', 1, null from duty_to_refer
      ),
      x as (
        select ${d.i} as i, e.region_code as region, e.pdu_code as pdu, e.prison_code as prison,
          coalesce(e.local_authority_code, 'none') as council, u.demand, u.category, u.amount
        from u join custody_episode e on e.id = u.id
        where e.expected_release_date >= ${d.w0} and e.expected_release_date < ${d.t}
          and ${episodeInScope(scope, 'e')}
      )
      select i, 'area' as kind, ${levelOf} as level, ${areaOf} as area, demand, category,
        coalesce(sum(amount), 0)::float8 as amount
      from x group by grouping sets (${areaSets('demand, category')})`

  return {
    /** The three passes as queries, to read their plans. */
    passes: { episodes, licences, demand },
    /** The counts for each as-of date, read in three passes run at once. */
    async counted(scope: Scope, specs: readonly InputsSpec[]): Promise<CountedInputs[]> {
      const read = <R>(pass: (scope: Scope, spec: InputsSpec, i: number) => RawBuilder<R>) =>
        Promise.all(specs.map((spec, i) => pass(scope, spec, i).execute(db))).then((r) =>
          r.flatMap((x) => x.rows),
        )
      const [e, l, d] = await Promise.all([read(episodes), read(licences), read(demand)])
      return assemble(specs, e, l, d)
    },

    /**
     * The custody stock by area and month when a scenario moves the release point of standard
     * determinate sentences by `factor` (0.8 for 50% to 40%): never below time served, on the
     * working day on or before (the month thresholds move past the non-working days opening
     * each month: flow.ts workingThresholds), and at day 0 at the earliest.
     */
    async movedStock(
      scope: Scope,
      asOf: string,
      factor: number,
      thresholds: number[],
    ): Promise<Record<Level, Map<string, number[]>>> {
      const rows = await sql<Row & { month: number; n: number }>`
        with x as (
          select e.region_code as region, e.pdu_code as pdu, e.prison_code as prison,
            coalesce(e.local_authority_code, 'none') as council,
            case when e.sentence_type = 'determinate'
              -- floor(x + 0.5) is JavaScript's Math.round, which records.ts uses.
              then width_bucket(greatest(0, (e.sentence_date - ${asOf}::date)
                + floor((e.expected_release_date - e.sentence_date)::float8 * ${factor}::float8 + 0.5)::int),
                ${thresholds}::int[])
              else width_bucket(e.expected_release_date - ${asOf}::date, ${monthEdges(asOf, MONTHS).slice(1)}::int[])
            end as month
          from custody_episode e
          where e.sentence_type <> 'recall' and e.sentence_date < ${asOf}::date
            and (e.actual_release_date is null or e.actual_release_date >= ${asOf}::date)
            and e.expected_release_date >= ${asOf}::date and ${episodeInScope(scope, 'e')}
        )
        select 0 as i, 'stock' as kind, ${levelOf} as level, ${areaOf} as area, month, count(*)::int as n
        from x where month < ${MONTHS} group by grouping sets (${sql.raw(
          ['region', 'pdu', 'prison', 'council'].map((l) => `(${l}, month)`).join(', '),
        )})`.execute(db)
      const out = Object.fromEntries(LEVELS.map((l) => [l, new Map<string, number[]>()])) as Record<
        Level,
        Map<string, number[]>
      >
      for (const r of rows.rows) {
        if (!r.level || r.area === null) continue
        const by = out[r.level]
        const stock = by.get(r.area) ?? new Array<number>(MONTHS).fill(0)
        stock[r.month] = r.n
        by.set(r.area, stock)
      }
      return out
    },
  }
}

export type InputsRepository = ReturnType<typeof inputsRepository>

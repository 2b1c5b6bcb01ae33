/**
 * SQL of the variation analyses: one counting query over outcome_split_rollup and outcome_split_fact
 * (the per-release checkpoint facts coded by group, kept by triggers, migrations 0025_1 and 0028),
 * or over outcome_fact for the drill-down and the plain count, split by one or two
 * of splits.ts and by quarter, within the actor's scope; and the releases behind any figure.
 */
import { sql, type RawBuilder } from 'kysely'
import type { Scope } from '../../platform/auth/actor.ts'
import { episodeInScope } from '../../platform/auth/scope.ts'
import type { Database } from '../../platform/db/index.ts'
import {
  inGroups,
  quarterOf,
  rollupRegion,
  type BehindRow,
  type CountFilter,
  type CountRow,
  type ReleaseMeasure,
} from './count-filter.ts'
import type { Split } from './splits.ts'
import {
  cohortCondition,
  countedAs,
  excludedCondition,
  firstPartialMonth,
  numeratorCondition,
} from '../outcomes/query.ts'
import { terminationCounts, terminationsBehind } from './termination-repository.ts'

export type { CountFilter, CountRow, ReleaseMeasure } from './count-filter.ts'

/**
 * The facts of a measure's cohort in the period that the scope can see, as f, with each release's
 * groups as d (outcome_release_split, migration 0025_1, which also holds the area codes the scope
 * predicate reads), from `from` on.
 */
function cohort(
  f: Omit<CountFilter<ReleaseMeasure>, 'splits'>,
  from = f.from,
  people = false,
): RawBuilder<unknown> {
  return sql`outcome_fact f
    join outcome_release_split d on d.person_id = f.person_id and d.release_date = f.release_date
    ${people ? sql`join person p on p.id = f.person_id` : sql``}
    where ${cohortCondition(f.measure)}
      and f.release_date between ${from}::date and ${f.to}::date
      and f.checkpoint_date <= ${f.today}::date
      and ${episodeInScope(f.scope, 'd')}
      ${f.region ? sql`and f.region_code = ${f.region}` : sql``}
      ${f.pdu ? sql`and f.pdu_code = ${f.pdu}` : sql``}`
}

/**
 * The facts of a measure's cohort from `from` to the period's end, due by today and in scope,
 * counted from outcome_split_fact (migration 0028) by the splits' groups, quarter and state: one
 * range of its primary key, read from the index alone, and a hash aggregate on the groups' small
 * integer codes, turned back into labels once counted. The scope is the one scope predicate on
 * the areas the facts are coded by; a region or PDU chosen narrows those areas too.
 */
function codedFacts(f: CountFilter<ReleaseMeasure>, from: string): RawBuilder<unknown> {
  const [a, b] = f.splits
  const code = (s: Split | undefined) => (s ? sql.ref(`f.${s.key}`) : sql`null::smallint`)
  const narrowed = f.scope.level !== 'national' || f.region || f.pdu
  const areas = narrowed
    ? sql`and f.area in (select d.id from outcome_split_area d where ${episodeInScope(f.scope, 'd')}
        ${f.region ? sql`and d.region_code = ${f.region}` : sql``}
        ${f.pdu ? sql`and d.pdu_code = ${f.pdu}` : sql``})`
    : sql``
  // The states of the measure's cohort, each with the first state that counts as it does in this
  // measure (excluded, unknown, numerator or neither): counting by that instead of the state
  // leaves at most four rows per group and quarter to pass on.
  const states = sql`
    select f.id, min(f.id) over (partition by ${excludedCondition(f.measure)}, f.value is null,
      ${numeratorCondition(f.measure)}) as counted_as
    from (select s.id, ${f.measure.checkpoint}::text as checkpoint, case when s.excluded then 'excluded' end as excluded,
      nullif(s.value, '') as value, s.treatment_need from outcome_split_state s) f
    where ${cohortCondition(f.measure)}`
  return sql`
    select coalesce(ca.label, '*') as a, coalesce(cb.label, '*') as b, c.quarter as release_date,
      ${f.measure.checkpoint}::text as checkpoint, case when s.excluded then 'excluded' end as excluded,
      nullif(s.value, '') as value, s.treatment_need, c.cnt
    from (
      select ${code(a)} as a, ${code(b)} as b, f.release_quarter as quarter, st.counted_as, count(*) as cnt
      from outcome_split_fact f
      join (${states}) st on st.id = f.state
      where f.checkpoint = (select k.id from outcome_split_code k where k.label = ${f.measure.checkpoint})
        and f.release_date between ${from}::date and ${f.to}::date
        and f.checkpoint_date <= ${f.today}::date
        ${areas}
      group by 1, 2, 3, 4
    ) c
    join outcome_split_state s on s.id = c.counted_as
    left join outcome_split_code ca on ca.id = c.a
    left join outcome_split_code cb on cb.id = c.b`
}

/**
 * The rows to count, as (a, b, release_date, checkpoint, excluded, value, treatment_need, cnt).
 * One split within a national or regional scope: whole quarters whose every release has reached
 * the checkpoint from outcome_split_rollup, the rest from outcome_split_fact. Anything else (two
 * splits crossed, a PDU, a prison or council scope) from outcome_split_fact. `factsOnly` counts
 * outcome_fact joined to each release's groups instead: the plain count the others are held to.
 */
function countedRows(f: CountFilter<ReleaseMeasure>): RawBuilder<unknown> {
  const [a, b] = f.splits
  const plain = (from: string) => sql`
    select ${a ? a.expr : sql`'*'`} as a, ${b ? b.expr : sql`'*'`} as b, f.release_date, f.checkpoint,
      f.excluded, f.value, f.treatment_need, 1 as cnt
    from ${cohort(f, from)}`
  if (f.factsOnly) return plain(f.from)
  const facts = (from: string) => codedFacts(f, from)
  const fits = rollupRegion(f)
  if (!fits) return facts(f.from)
  // Quarters before the one holding the first month not wholly past the checkpoint are final.
  const partial = quarterOf(firstPartialMonth(f.measure.offset, f.today))
  if (partial <= f.from) return facts(f.from)
  const rollup = sql`
    select ${a ? sql`r.grp` : sql`'*'`} as a, '*' as b, r.release_quarter as release_date, r.checkpoint,
      case when r.excluded then 'excluded' end as excluded, nullif(r.value, '') as value, r.treatment_need, r.cnt
    from outcome_split_rollup r
    where r.checkpoint = ${f.measure.checkpoint} and r.split = ${a ? a.key : 'region'}
      and r.release_quarter between ${f.from}::date and ${f.to}::date and r.release_quarter < ${partial}::date
      ${fits.region ? sql`and r.region_code = ${fits.region}` : sql``}`
  if (partial > f.to) return rollup
  return sql`${rollup} union all ${facts(partial)}`
}

export function variationRepository(db: Database) {
  return {
    /** For the anonymised extract's own query (extract.ts). */
    db,
    /** Counts by the splits' groups and release quarter, excluded releases left out. */
    async counts(filter: CountFilter): Promise<CountRow[]> {
      const m = filter.measure
      if (m.type === 'termination') return terminationCounts(db, { ...filter, measure: m })
      const f = { ...filter, measure: m }
      const known = sql`not ${excludedCondition(f.measure)}`
      const r = await sql<{ a: string; b: string; quarter: string; n: string; d: string; u: string }>`
        select f.a, f.b, date_trunc('quarter', f.release_date::timestamp)::date::text as quarter,
          coalesce(sum(f.cnt) filter (where ${known} and ${numeratorCondition(f.measure)}), 0) as n,
          coalesce(sum(f.cnt) filter (where ${known} and f.value is not null), 0) as d,
          coalesce(sum(f.cnt) filter (where ${known} and f.value is null), 0) as u
        from (${countedRows(f)}) f
        where ${cohortCondition(f.measure)}
        group by 1, 2, 3
        -- A rollup row taken back to zero is no release: the facts would show no group for it.
        having sum(f.cnt) > 0`.execute(db)
      return r.rows.map((x) => ({
        a: x.a,
        b: x.b,
        quarter: x.quarter,
        numerator: Number(x.n),
        denominator: Number(x.d),
        unknown: Number(x.u),
      }))
    },

    /** The releases behind one figure: in the cohort and period, in scope, in the groups given. */
    async releases(filter: CountFilter & { groups: readonly string[]; limit: number; offset: number }) {
      const m = filter.measure
      if (m.type === 'termination') return terminationsBehind(db, { ...filter, measure: m })
      const f = { ...filter, measure: m }
      const r = await sql<BehindRow>`
        select f.person_id, p.given_name, p.family_name, f.release_date::text as release_date,
          f.region_code, f.pdu_code, f.prison_code,
          ${countedAs(f.measure)} as counted, count(*) over () as total
        from ${cohort(f, f.from, true)} ${inGroups(f.splits, f.groups)}
        order by f.release_date, p.family_name, f.person_id
        limit ${f.limit} offset ${f.offset}`.execute(db)
      return { rows: r.rows, total: Number(r.rows[0]?.total ?? 0) }
    },

    /** The regions and PDUs a scope can narrow to, by name (the explorer's area choice). */
    async areas(scope: Scope) {
      const regionCode = scope.level === 'region' ? scope.regionCode : null
      if (scope.level !== 'national' && !regionCode) return { regions: [], pdus: [] }
      const [regions, pdus] = await Promise.all([
        regionCode ? [] : db.selectFrom('region').select(['code', 'name']).orderBy('name').execute(),
        db
          .selectFrom('pdu')
          .innerJoin('region', 'region.code', 'pdu.region_code')
          .select(['pdu.code', 'pdu.name', 'region.name as region'])
          .$if(regionCode !== null, (q) => q.where('pdu.region_code', '=', regionCode!))
          .orderBy('pdu.name')
          .execute(),
      ])
      return { regions, pdus }
    },

    names: async (kind: 'region' | 'pdu' | 'prison', codes: readonly string[]) => {
      if (!codes.length) return new Map<string, string>()
      const rows = await db
        .selectFrom(kind)
        .where('code', 'in', [...codes])
        .select(['code', 'name'])
        .execute()
      return new Map(rows.map((r) => [r.code, r.name]))
    },
  }
}

export type VariationRepository = ReturnType<typeof variationRepository>

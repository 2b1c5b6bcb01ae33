/**
 * The coded facts (outcome_split_fact, migration 0028) and the split roll-up (outcome_split_rollup,
 * 0025_1) counted once for the demo's bulk rebuild (bulk-rebuild.ts), from the facts and release
 * groups it has just written.
 *
 * Migration 0028's outcome_split_fact_rebuild() gives the same rows, but it codes the labels from
 * every fact's eleven labels (6.2 million rows sorted at 100,000 people) and plans its insert
 * before its code tables have statistics: a nested loop that compared every fact with every code
 * (164 million comparisons, 38 s of its 55 s at 100,000 people, explain analyze). Here the codes
 * come from the release groups (one row a release), are analysed, and the facts are coded with
 * hash joins, half the people on each connection. The split roll-up is then counted from the coded
 * rows, grouping small integers rather than text, each half into a partial count that one last
 * statement adds up and labels. This restates 0028's coding: a change there must be made here too;
 * maintenance.db.test.ts holds both tables equal to what the triggers give.
 */
import { sql, type Kysely } from 'kysely'
import type { DB } from '../../platform/db/schema.ts'
import { SPLIT_COLUMNS, splitColumn } from '../../migrations/0025_1_outcome_split_rollup.ts'

/** The code tables of migration 0028 (labels, states, areas), which keep their codes. */
export const SPLIT_CODE_TABLES = ['outcome_split_code', 'outcome_split_state', 'outcome_split_area'] as const

/**
 * The labels, areas and states not coded yet, in a fixed order so the same demo gets the same
 * codes; then their statistics, which the coding joins need. After the facts, their release groups
 * and outcome_rollup (whose states are the facts' states, counted) are written.
 */
export async function addSplitCodes(trx: Kysely<DB>): Promise<void> {
  const labels = SPLIT_COLUMNS.map((s) => `(${splitColumn(s)})`).join(', ')
  await sql`insert into outcome_split_code (label)
    select v.label from (
      select distinct checkpoint as label from outcome_rollup
      union
      select v.label from outcome_release_split d cross join lateral (values ${sql.raw(labels)}) as v(label)
    ) v
    where not exists (select 1 from outcome_split_code c where c.label = v.label)
    order by v.label
    on conflict (label) do nothing`.execute(trx)
  await sql`insert into outcome_split_area (region_code, pdu_code, prison_code, local_authority_code)
    select * from (select distinct region_code, pdu_code, prison_code, coalesce(local_authority_code, '') as la
      from outcome_release_split) d
    where not exists (select 1 from outcome_split_area a where a.region_code = d.region_code
      and a.pdu_code = d.pdu_code and a.prison_code = d.prison_code and a.local_authority_code = d.la)
    order by 1, 2, 3, 4
    on conflict (region_code, pdu_code, prison_code, local_authority_code) do nothing`.execute(trx)
  await sql`insert into outcome_split_state (excluded, value, treatment_need)
    select * from (select distinct excluded, value, treatment_need from outcome_rollup) r
    where not exists (select 1 from outcome_split_state s
      where (s.excluded, s.value, s.treatment_need) = (r.excluded, r.value, r.treatment_need))
    order by 1, 2, 3
    on conflict (excluded, value, treatment_need) do nothing`.execute(trx)
  for (const table of SPLIT_CODE_TABLES) await sql`analyze ${sql.table(table)}`.execute(trx)
}

/** What the split roll-up and 0028 read of a fact: excluded or not, the value, treatment need. */
const STATE = `f.excluded is not null, case when f.excluded is null then coalesce(f.value, '') else '' end, f.treatment_need`
const CODED = `checkpoint, release_date, person_id, release_quarter, checkpoint_date, state, area, ${SPLIT_COLUMNS.join(', ')}`

/**
 * The region split is the state's own region: its grouping set has no column of its own, and it is
 * the set in which none of the other splits' columns is grouped.
 */
const OTHERS = SPLIT_COLUMNS.filter((s) => s !== 'region')
const bySplit = (then: (s: string) => string) =>
  `case ${OTHERS.map((s) => `when grouping(${s}) = 0 then ${then(s)}`).join(' ')} else ${then('region')} end`
const SETS = SPLIT_COLUMNS.map(
  (s) => `(checkpoint, release_quarter, region, state${s === 'region' ? '' : `, ${s}`})`,
).join(', ')

/** The split names as the roll-up stores them, by their 1-based position in SPLIT_COLUMNS. */
const SPLIT_NAMES = `array[${SPLIT_COLUMNS.map((s) => `'${s}'`).join(', ')}]`

/**
 * Codes the facts of the releases in `regions` into outcome_split_fact and counts them by split
 * into outcome_split_rollup, in the caller's transaction; after addSplitCodes. Each split roll-up
 * row is of one region, so two sets of regions side by side write no row twice. Each release's
 * groups are coded once, then its six facts take them: with hash joins only, as every join here
 * reads all of its rows (the planner chose an index lookup per fact and code: 15 s against 3 s at
 * 100,000 people).
 */
export async function writeCodedFacts(trx: Kysely<DB>, regions: readonly string[]): Promise<void> {
  await sql`set local enable_nestloop = off`.execute(trx)
  await sql`set local enable_mergejoin = off`.execute(trx)
  await sql`create temp table bulk_release_coded on commit drop as
    select d.person_id, d.release_date, a.id as area, ${sql.raw(SPLIT_COLUMNS.map((s) => `${s}.id as ${s}`).join(', '))}
    from outcome_release_split d
    join outcome_split_area a on a.region_code = d.region_code and a.pdu_code = d.pdu_code
      and a.prison_code = d.prison_code and a.local_authority_code = coalesce(d.local_authority_code, '')
    ${sql.raw(SPLIT_COLUMNS.map((s) => `join outcome_split_code ${s} on ${s}.label = ${splitColumn(s)}`).join('\n'))}
    where d.region_code = any(${regions}::text[])`.execute(trx)
  await sql`create temp table bulk_coded on commit drop as
    select ck.id as checkpoint, f.release_date, f.person_id,
      date_trunc('quarter', f.release_date::timestamp)::date as release_quarter, f.checkpoint_date,
      s.id as state, d.area, ${sql.raw(SPLIT_COLUMNS.map((s) => `d.${s}`).join(', '))}, f.n
    from outcome_fact f
    join bulk_release_coded d on d.person_id = f.person_id and d.release_date = f.release_date
    join outcome_split_code ck on ck.label = f.checkpoint
    join outcome_split_state s on (s.excluded, s.value, s.treatment_need) = (${sql.raw(STATE)})
    where f.region_code = any(${regions}::text[])`.execute(trx)
  await sql`insert into outcome_split_fact (${sql.raw(CODED)}) select ${sql.raw(CODED)} from bulk_coded`.execute(
    trx,
  )
  // 0025_1's rows: each split's groups of the same state, the codes turned back into labels.
  await sql`insert into outcome_split_rollup (checkpoint, split, release_quarter, region_code, grp, excluded, value,
      treatment_need, cnt, n)
    select ck.label, (${sql.raw(SPLIT_NAMES)})[p.split], p.release_quarter, r.label, g.label, s.excluded, s.value,
      s.treatment_need, p.cnt, p.n
    from (
      select checkpoint, ${sql.raw(bySplit((s) => String(SPLIT_COLUMNS.indexOf(s) + 1)))} as split, release_quarter, region,
        ${sql.raw(bySplit((s) => s))} as grp, state, count(*)::int as cnt, sum(n)::int as n
      from bulk_coded group by grouping sets (${sql.raw(SETS)})
    ) p
    join outcome_split_code ck on ck.id = p.checkpoint
    join outcome_split_code r on r.id = p.region
    join outcome_split_code g on g.id = p.grp
    join outcome_split_state s on s.id = p.state`.execute(trx)
}

/**
 * The released regions in two sets of about the same number of facts (the largest first, each to
 * the smaller set), from outcome_rollup's counts.
 */
export async function regionHalves(trx: Kysely<DB>): Promise<[string[], string[]]> {
  const rows = await sql<{ region: string; n: number }>`select region_code as region, sum(cnt)::int as n
    from outcome_rollup group by 1 order by 2 desc, 1`.execute(trx)
  const sides: [string[], string[]] = [[], []]
  const sizes = [0, 0]
  for (const { region, n } of rows.rows) {
    const i = sizes[0]! <= sizes[1]! ? 0 : 1
    sides[i].push(region)
    sizes[i]! += n
  }
  return sides
}
